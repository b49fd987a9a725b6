import Foundation
import TestSupport
import Testing

@testable import Domain
@testable import Reports
@testable import Rules

/// An indicator judged by the område's quartiles where the område has too few units for them (#20 items 12,
/// 18): the rules fixture's särskilt boende has one unit, Boendet S, judged on cost per brukare by quartile.
@Suite("Quartile judgement with fewer than four units")
struct QuartileStatusTests {
    static let note = "Bedöms inte: färre än 4 enheter med värde"

    func annual() throws -> [RenderedFile] {
        let config = try RulesFixture.config()
        let renderer = try ReportRenderer(config: config)
        let engine = RuleEngine(config: config)
        let years = [2024, 2025].map { engine.evaluate(period: .year($0), facts: RulesFixture.facts()) }
        return renderer.annual(years[1], history: [years[0]], quality: DataQuality(sources: [], files: [:]))
    }

    func content(_ files: [RenderedFile], _ name: String) throws -> String {
        try #require(files.first { $0.name == name }?.text)
    }

    @Test("Verksamhetsberättelse: green, yellow and red are empty, as the status is (#20 item 12)")
    func verksamhetsberattelse() throws {
        let files = try annual()
        let csv = try content(files, "verksamhetsberattelse-2025-von.csv")
        // S: 960 000 kr over 8 brukare; one unit, one reported, no quartiles, so no counts.
        #expect(csv.contains("2025,von,Vård- och omsorgsnämnden,sb,Särskilt boende,kpb,Kostnad per brukare,"))
        #expect(csv.contains(",120000,120000,120000,1,1,,,,1,1,true\r\n"))
        #expect(!csv.contains(",120000,120000,120000,1,1,0,0,0\r\n"))
        // Hemtjänst's five units are judged: 2 green, 1 yellow, 2 red.
        #expect(csv.contains(",36000,5,5,2,1,2,5,5,true\r\n"))
        let fragment = try content(files, "verksamhetsberattelse-2025-von-fragment.html")
        #expect(
            fragment.contains(
                "<tr><th scope=\"row\">Kostnad per brukare</th><td class=\"num\">120\u{00A0}000\u{00A0}kr</td><td class=\"num\">120\u{00A0}000\u{00A0}kr</td><td class=\"num\">120\u{00A0}000\u{00A0}kr</td><td class=\"num\">\(Self.note)</td></tr>"
            ))
    }

    @Test("The status cell says why there is no status; the machine-readable status stays empty (#20 item 18)")
    func statusNote() throws {
        let files = try annual()
        let page = try content(files, "arsjamforelse-2025.html")
        #expect(
            page.contains(
                "<tr><th scope=\"row\"><a href=\"enhet-2025-S.html\">Boendet S</a></th><td>egen regi</td><td class=\"num\">120\u{00A0}000\u{00A0}kr</td><td><span class=\"note\">\(Self.note)</span></td>"
            ))
        // Hemtjänst's units are judged and carry no note.
        #expect(page.components(separatedBy: Self.note).count == 2)
        let unit = try content(files, "enhet-2025-S.html")
        #expect(unit.contains("<span class=\"note\">\(Self.note)</span>"))

        let csv = try content(files, "arsjamforelse-2025.csv")
        let header = OpenDataCSV.header
        let records: [[String: String]] = csv.components(separatedBy: "\r\n").dropFirst().map { line in
            Dictionary(zip(header, line.components(separatedBy: ",")), uniquingKeysWith: { first, _ in first })
        }
        let row = try #require(records.first { $0["enhet_id"] == "S" && $0["indicator_id"] == "kpb" })
        #expect(row["status"] == "" && row["status_label"] == Self.note && row["value"] == "120000")
    }

    @Test("The tertial report's status column says why too (#20 item 18)")
    func tertial() throws {
        let config = try RulesFixture.config()
        let renderer = try ReportRenderer(config: config)
        let engine = RuleEngine(config: config)
        let period = Period.tertial(year: 2025, number: 2)
        let facts = RulesFixture.facts()
        let files = renderer.tertial(period, engine: engine, facts: facts)
        let page = try #require(files.first?.text)
        #expect(page.contains("<td><span class=\"note\">\(Self.note)</span></td>"))
    }
}
