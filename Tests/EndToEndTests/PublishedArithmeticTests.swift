import Foundation
import Testing

/// The published figures add up as printed (#19 item 5): a reader who subtracts the printed median from a
/// printed value gets the printed difference, on every row of the demo's open data.
@Suite("Published arithmetic: differences equal the difference of the printed values")
struct PublishedArithmeticTests {
    /// The golden annual open data: its header and its rows' cells. No demo name holds a comma or a quote;
    /// a quoted field would show as a wrong column count.
    static func openData() throws -> (header: [String], rows: [[String]]) {
        let text = try String(contentsOfFile: Golden.directory + "/arsjamforelse-2025.csv", encoding: .utf8)
        let lines = text.split(whereSeparator: \.isNewline)
        let header = try #require(lines.first).split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let rows = lines.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        for (line, cells) in zip(lines.dropFirst(), rows) { try #require(cells.count == header.count, "\(line)") }
        return (header, rows)
    }

    @Test("Every from_median in the annual open data is value − median as printed")
    func fromMedian() throws {
        let (header, rows) = try Self.openData()
        let value = try #require(header.firstIndex(of: "value"))
        let median = try #require(header.firstIndex(of: "median"))
        let difference = try #require(header.firstIndex(of: "from_median"))
        var checked = 0
        var medians: [String: String] = [:]
        for cells in rows where !cells[median].isEmpty { medians[cells[2] + "/" + cells[8]] = cells[median] }
        for cells in rows {
            let line = cells.joined(separator: ",")
            guard !cells[difference].isEmpty else { continue }
            let printedMedian = try #require(medians[cells[2] + "/" + cells[8]], "\(line)")
            // Foundation's decimal reads the printed text exactly.
            let v = try #require(Decimal(string: cells[value]))
            let m = try #require(Decimal(string: printedMedian))
            #expect(v - m == Decimal(string: cells[difference]), "\(line)")
            checked += 1
        }
        #expect(checked > 100)
    }

    @Test("Every change from last year in the annual comparison is the printed value minus last year's printed value")
    func changes() throws {
        // Last year's printed values, by område-indicator and unit, from the open data.
        let (header, rows) = try Self.openData()
        let gender = try #require(header.firstIndex(of: "gender"))
        let previous = try #require(header.firstIndex(of: "previous_value"))
        var previousValues: [String: Decimal] = [:]
        for cells in rows {
            guard cells[gender] == "T", let value = Decimal(string: cells[previous]) else { continue }
            previousValues[cells[2] + "-" + cells[8] + "/" + cells[4]] = value
        }
        // The page: a table after each `<h3 id="<område>-<indicator>">`, one row per unit, value first, change last.
        let page = try String(contentsOfFile: Golden.directory + "/arsjamforelse-2025.html", encoding: .utf8)
        let row = try Regex(
            #"<tr><th scope="row"><a href="enhet-2025-(\w+)\.html">[^<]*</a></th><td>[^<]*</td><td class="num">([^<]*)</td>.*<td class="num">([^<]*)</td></tr>"#
        )
        let heading = try Regex(#"<h3 id="([a-z0-9_]+-[a-z0-9_]+)">"#)
        func number(_ printed: Substring) -> Decimal? {
            // "+7 808 kr", "−171 kr", "±0,0 st", "91 %": the sign, digits and decimal comma only.
            var text = printed.replacingOccurrences(of: "\u{2212}", with: "-").replacingOccurrences(of: "±", with: "")
            text = text.replacingOccurrences(of: ",", with: ".")
            text = String(text.filter { $0.isNumber || $0 == "-" || $0 == "." })
            return Decimal(string: text)
        }
        var table = ""
        var checked = 0
        for line in page.split(separator: "\n") {
            if let match = line.firstMatch(of: heading), let id = match.output[1].substring {
                table = String(id)
                continue
            }
            guard let match = line.firstMatch(of: row), let enhet = match.output[1].substring,
                let value = match.output[2].substring, let change = match.output[3].substring,
                let last = previousValues[table + "/" + enhet]
            else { continue }
            guard let printedValue = number(value), let printedChange = number(change) else { continue }
            #expect(printedValue - last == printedChange, "\(table) \(enhet): \(value) − \(last) ≠ \(change)")
            checked += 1
        }
        #expect(checked > 80)
    }
}
