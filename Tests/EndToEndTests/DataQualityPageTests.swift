import Foundation
import Testing

/// Issue #20 item 19: the data-quality page as the operator reads it, on a copy of the demo municipality
/// where Barn och utbildning's HR export stopped arriving after June and the finance office re-exported
/// November's ledger under the same name with the unknown unit code corrected.
@Suite("The data-quality page", .serialized)
struct DataQualityPageTests {
    struct Nights {
        let first: Executable.Output
        let second: Executable.Output
        let page: String
    }

    /// The demo copy after both nights, run once for the suite: the first night with the original files,
    /// the second with the re-export.
    static let nights = Result { () throws -> Nights in
        let directory = try DocumentedCommandsTests.demoCopy()
        for month in 7...12 {
            try FileManager.default.removeItem(
                atPath: directory + "/inbox/hr-bun/anstallda-2025-\(String(format: "%02d", month)).csv")
        }
        let first = try Executable.run(["run", "--config", "kommun.toml"], in: directory)
        // The re-export: same name, the amount on 49999 booked on Hemtjänst Norr (ansvar 41010).
        let file = directory + "/inbox/ekonomi/huvudbok-2025-11.csv"
        let text = try String(contentsOfFile: file, encoding: .utf8)
        try text.replacingOccurrences(of: "2025-11-14;49999;", with: "2025-11-14;41010;").write(
            toFile: file, atomically: true, encoding: .utf8)
        let second = try Executable.run(["run", "--config", "kommun.toml"], in: directory)
        let page = try String(contentsOfFile: directory + "/out/datakvalitet/datakvalitet.html", encoding: .utf8)
        return Nights(first: first, second: second, page: page)
    }

    static func page() throws -> String {
        let nights = try nights.get()
        #expect(nights.first.stderr.contains("[unmapped-unit] unit code '49999'"))
        #expect(
            nights.second.stdout.contains("supersedes inbox/ekonomi/huvudbok-2025-11.csv"), "\(nights.second.stdout)")
        #expect(!nights.second.stderr.contains("49999"))
        return nights.page
    }

    static func sourceRows(_ page: String) -> [String] {
        let table = page.components(separatedBy: "<caption>Källor, filer och senaste månad med uppgifter</caption>")
        let body = table.count > 1 ? table[1].components(separatedBy: "</table>")[0] : ""
        return body.components(separatedBy: "\n").filter { $0.hasPrefix("<tr><th scope=\"row\">") }
    }

    @Test("One stale source: only its row says so; the page's summary says how many")
    func staleSource() throws {
        let page = try Self.page()
        #expect(page.contains("<p class=\"warning\"><strong>1 källa är inaktuell.</strong> Se tabellen nedan.</p>"))
        let rows = Self.sourceRows(page)
        #expect(rows.count == 9)
        let stale = rows.filter { $0.contains("inaktuell") }
        #expect(stale.count == 1)
        #expect(stale.first?.contains("<a href=\"#kalla-hr-bun\">hr-bun</a>") == true)
        #expect(
            stale.first?.contains(
                "juni 2025 <strong>(inaktuell: senaste månaden ligger mer än 2 månader efter de andra källorna)</strong>"
            )
                == true)
        #expect(!page.contains("<strong>(1 källa är inaktuell.)</strong>"))
    }

    @Test("A re-export under the same name: told apart by its loading day and hash; the old codes gone")
    func reExport() throws {
        let page = try Self.page()
        let rows = page.components(separatedBy: "\n").filter {
            $0.contains("<th scope=\"row\">inbox/ekonomi/huvudbok-2025-11.csv")
        }
        #expect(rows.count == 2)
        // Only files in force list their unmapped codes: 49999 was corrected in the re-export.
        #expect(!page.contains("koden <strong>49999</strong>"))
        let old = try #require(rows.first { $0.contains("ersatt av") })
        #expect(!old.contains("ersatt av inbox/ekonomi/huvudbok-2025-11.csv"))
        let day = "\\d{4}-\\d{2}-\\d{2}"
        let note = try Regex(
            "<span class=\"note\">inläst \(day), ersatt av en nyare export med samma namn \\(([0-9a-f]{12}), inläst \(day)\\)</span></th><td class=\"formula\">([0-9a-f]{12})</td>"
        )
        let match = try #require(old.firstMatch(of: note), "\(old)")
        let newHash = String(match.output[1].substring ?? "")
        let oldHash = String(match.output[2].substring ?? "")
        #expect(newHash != oldHash)
        // The newer file's row shows the hash the note names.
        #expect(rows.contains { !$0.contains("ersatt av") && $0.contains("<td class=\"formula\">\(newHash)</td>") })
    }

    @Test("Control totals with Swedish labels and Swedish numbers, never raw keys")
    func controlTotals() throws {
        let page = try Self.page()
        for key in ["amount.read", "amount.facts", "amount.excluded", "rows.unparsable", "persons", "hours.ARB"] {
            #expect(!page.contains(">\(key):"), "\(key)")
        }
        // The demo's January 2025 ledger: as the totals are stored, -604186.83 on the units.
        #expect(
            page.contains(
                "<span class=\"total\" data-key=\"amount.facts\">Fördelat på enheter: −604\u{A0}186,83\u{A0}kr</span>"))
        #expect(page.contains("<span class=\"total\" data-key=\"amount.read\">Läst belopp: "))
        #expect(page.contains("<span class=\"total\" data-key=\"rows.unparsable\">Oläsbara rader: 0</span>"))
        #expect(page.contains("<span class=\"total\" data-key=\"hours.ARB\">Timmar, kod ARB: "))
        #expect(page.contains("<span class=\"total\" data-key=\"value.brukare\">Summa brukare: "))
        #expect(
            page.contains("Avstämning: <span class=\"status-green\"><span aria-hidden=\"true\">✓ </span>Stämmer</span>")
        )
    }
}
