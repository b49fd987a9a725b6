import Foundation
import Testing

/// What a reader of the demo's reports sees where units open or close, values are missing and counts are
/// zero (#20 items 10, 11, 14, 15): one run of the demo, read as a reader reads it.
@Suite("Reading the demo's reports")
struct DemoReadingTests {
    /// The demo run once for the suite: its output folder, or `nil` when the run did not write the reports.
    static let output: String? = {
        guard let directory = try? Executable.temporaryDirectory(),
            let run = try? Executable.run([
                "run", "--config", "fixtures/demo/kommun.toml", "--warehouse", directory + "/warehouse.sqlite",
                "--output", directory + "/out",
            ]), run.status == 1
        else { return nil }
        return directory + "/out"
    }()

    func file(_ name: String) throws -> String {
        let output = try #require(Self.output, "the demo run wrote its reports")
        return try String(contentsOfFile: output + "/" + name, encoding: .utf8)
    }

    /// The open-data rows of a year by `enhet/indicator/gender`, as column name → cell.
    func openData(_ year: Int) throws -> [String: [String: String]] {
        let lines = try file("arsjamforelse-\(year).csv").components(separatedBy: "\r\n").filter { !$0.isEmpty }
        let header = try #require(lines.first).components(separatedBy: ",")
        var rows: [String: [String: String]] = [:]
        for line in lines.dropFirst() {
            // No demo name holds a comma or a quote.
            let row = Dictionary(uniqueKeysWithValues: zip(header, line.components(separatedBy: ",")))
            rows["\(row["enhet_id"] ?? "")/\(row["indicator_id"] ?? "")/\(row["gender"] ?? "")"] = row
        }
        return rows
    }

    @Test(
        "A unit open part of the year: its stocks over the months it was open, the date beside its name (#20 item 10)")
    func partYearUnits() throws {
        let rows = try openData(2025)
        // Hemtjänst Väster closed on 2025-06-30 with about 62 brukare: 62, not half of it.
        #expect(rows["HT04/brukare/T"]?["value"] == "62.2")
        #expect(rows["HT04/brukare/T"]?["n"] == "62")
        // Förskolan Blåklockan opened on 2025-08-01 with 57 children and ten staff: its sick leave rests on
        // its staff while open, and is published.
        #expect(rows["FS05/barn/T"]?["value"] == "57.0")
        #expect(rows["FS05/sjukfranvaro/T"]?["value"] == "8.7")
        #expect(rows["FS05/sjukfranvaro/T"]?["n"] == "10")
        // A cost per brukare stays over the whole year, comparable with the units open all of it.
        #expect(rows["HT04/kostnad_per_brukare/T"]?["value"] == "327455")
        // The område total is the område's average over the year: a closed unit counts as zero after closing.
        #expect(
            try file("verksamhetsberattelse-2025-von.csv").contains(
                "2025,von,Vård- och omsorgsnämnden,hemtjanst,Hemtjänst,brukare,Antal brukare,volym,st,504.1,519.4,"))

        let annual = try file("arsjamforelse-2025.html")
        #expect(
            annual.contains(
                "<a href=\"enhet-2025-HT04.html\">Hemtjänst Väster</a> <span class=\"note\">(stängde 2025-06-30)</span></th>"
            ))
        #expect(
            annual.contains(
                "<a href=\"enhet-2025-FS05.html\">Förskolan Blåklockan</a> <span class=\"note\">(öppnade 2025-08-01)</span></th>"
            ))
        #expect(!annual.contains("Hemtjänst Norr</a> <span class=\"note\">"))
        let t2 = try file("tertialrapport-2025-T2-von.html")
        #expect(
            t2.contains(
                "<tr data-enhet=\"HT04\"><th scope=\"row\">Hemtjänst Väster <span class=\"note\">(stängde 2025-06-30)</span></th><td>egen regi</td><td class=\"num\" data-col=\"tertial\">62,5\u{00A0}st</td>"
            ))
        // At T1 the unit had not closed yet.
        #expect(!(try file("tertialrapport-2025-T1-von.html")).contains("stängde"))
    }

    @Test("Last year's published value is shown where this year's is missing, never one last year hid (#20 item 11)")
    func previousValue() throws {
        let rows = try openData(2025)
        let lastYear = try openData(2024)
        // Hemtjänst Väster has no survey in 2025; its 2024 figure was published.
        let nojdhet = try #require(rows["HT04/nojdhet/T"])
        #expect(nojdhet["value"] == "" && nojdhet["symbol"] == "-")
        #expect(nojdhet["previous_value"] == "89")
        #expect(lastYear["HT04/nojdhet/T"]?["value"] == "89")
        // Every previous value is what last year's open data published, and hidden last year stays hidden.
        var shown = 0
        for (key, row) in rows.sorted(by: { $0.key < $1.key }) {
            guard let previous = row["previous_value"], !previous.isEmpty else {
                if let last = lastYear[key]?["value"], !last.isEmpty, row["gender"] == "T" {
                    Issue.record("\(key): last year published \(last), this year shows no previous value")
                }
                continue
            }
            #expect(lastYear[key]?["value"] == previous, "\(key)")
            #expect(lastYear[key]?["symbol"] != "..", "\(key)")
            shown += 1
        }
        #expect(shown > 100)
    }

    @Test("Not applicable is '.' this year and last year alike (#20 item 14)")
    func notApplicable() throws {
        for name in ["tertialrapport-2025-T2-von.html", "tertialrapport-2025-T3-bun.html"] {
            let page = try file(name)
            // Omsorgspartner (external) on the egen-regi-only cost per brukare: '.' in all four columns.
            #expect(!page.contains("data-col=\"tertial\">.</td><td class=\"num\">-</td>"), "\(name)")
            #expect(!page.contains("title=\"ej tillämpligt\">.</td><td class=\"num\">-</td>"), "\(name)")
        }
        #expect(
            try file("tertialrapport-2025-T2-von.html").contains(
                "<tr data-enhet=\"HT11\"><th scope=\"row\">Omsorgspartner Hemtjänst AB</th><td>extern utförare</td><td class=\"num\" data-col=\"tertial\">.</td><td class=\"num\">.</td><td class=\"num\" data-col=\"ytd\" title=\"ej tillämpligt\">.</td><td class=\"num\">.</td>"
            ))
    }

    @Test("Complaints by type: a type without cases is 0, as in the totals (#20 item 15)")
    func zeroCounts() throws {
        for name in ["tertialrapport-2025-T2-von.html", "tertialrapport-2025-T3-bun.html"] {
            let page = try file(name)
            #expect(!page.contains("data-col=\"count\">-<"), "\(name)")
            #expect(!page.contains("data-col=\"row-total\">-<"), "\(name)")
            #expect(page.contains("data-col=\"count\">0<"), "\(name)")
        }
    }
}
