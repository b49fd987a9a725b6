import Foundation
import Testing

/// "Handläggningstid för synpunkter och klagomål" is the median over those two types only (#19 item 7),
/// recomputed here from the demo's complaints register the plain way and compared with what the reports
/// publish.
@Suite("Handling time restricted to complaint types")
struct ComplaintTypeMedianTests {
    struct Case {
        let unit: String
        let type: String
        let days: Int
        let closedYear: Int
    }

    /// The register's closed cases, read without the program: `Diarienummer;Inkommet;Enhet;Ärendetyp;Avslutat;…`.
    static func cases() throws -> [Case] {
        let text = try String(
            contentsOfFile: Executable.root + "/fixtures/demo/inbox/klagomal/klagomalsregister-2025-12-31.csv",
            encoding: .utf8)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        var seen: Set<String> = []
        var cases: [Case] = []
        for line in text.split(whereSeparator: \.isNewline).dropFirst() {
            let cells = line.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
            guard cells.count >= 5, seen.insert(cells[0]).inserted,
                let received = formatter.date(from: cells[1]), let closed = formatter.date(from: cells[4]),
                closed >= received
            else { continue }
            let days = Int((closed.timeIntervalSince(received) / 86_400).rounded())
            cases.append(Case(unit: cells[2], type: cells[3], days: days, closedYear: Int(cells[4].prefix(4)) ?? 0))
        }
        return cases
    }

    /// The median as the docs define it, rounded half away from zero to whole days.
    static func median(_ values: [Int]) -> Int? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        guard sorted.count % 2 == 0 else { return sorted[middle] }
        let twice = sorted[middle - 1] + sorted[middle]
        return (twice + 1) / 2
    }

    @Test("The område's value and each unit's are the median of its synpunkter and klagomål closed in 2025")
    func restricted() throws {
        let closed2025 = try Self.cases().filter { $0.closedYear == 2025 }
        let counted = closed2025.filter { $0.type == "SYN" || $0.type == "KLA" }
        #expect(counted.count < closed2025.count, "the register also holds beröm and avvikelser")

        let report = try String(
            contentsOfFile: Golden.directory + "/verksamhetsberattelse-2025-von.csv", encoding: .utf8)
        var checked = 0
        for (omrade, prefix) in [("hemtjanst", "HT"), ("sarskilt_boende", "SB")] {
            let row = try #require(
                report.split(whereSeparator: \.isNewline).first {
                    $0.contains(",\(omrade),") && $0.contains(",handlaggningstid,")
                })
            let value = row.split(separator: ",", omittingEmptySubsequences: false)[9]
            let expected = try #require(Self.median(counted.filter { $0.unit.hasPrefix(prefix) }.map(\.days)))
            #expect(value == "\(expected)", "\(omrade)")
            checked += 1
        }

        let annual = try String(contentsOfFile: Golden.directory + "/arsjamforelse-2025.csv", encoding: .utf8)
        for line in annual.split(whereSeparator: \.isNewline) where line.contains(",handlaggningstid,") {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard cells[11] == "T", !cells[12].isEmpty else { continue }
            let unitCases = counted.filter { $0.unit == cells[4] }.map(\.days)
            #expect(unitCases.count >= 5, "a published median rests on at least min_n cases: \(line)")
            #expect(cells[12] == Self.median(unitCases).map(String.init), "\(line)")
            checked += 1
        }
        #expect(checked > 10)
    }
}
