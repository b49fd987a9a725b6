import Foundation
import TestSupport
import Testing

@testable import Domain
@testable import Reports
@testable import Rules

/// Issue #20 item 16: every sentence the reports generate, read with singular and plural cases.
@Suite("Generated Swedish sentences")
struct SwedishSentencesTests {
    @Test(
        "A count agrees with its noun: singular after 1 only",
        arguments: [
            (0, "enhet", "enheter", "0 enheter"), (1, "enhet", "enheter", "1 enhet"),
            (2, "enhet", "enheter", "2 enheter"), (1, "extern", "externa", "1 extern"),
            (3, "extern", "externa", "3 externa"), (1, "rad", "rader", "1 rad"), (21, "rad", "rader", "21 rader"),
            (1_234, "rad", "rader", "1\u{A0}234 rader"), (1, "månad", "månader", "1 månad"),
            (2, "månad", "månader", "2 månader"),
            (1, "rad avvisad", "rader avvisade", "1 rad avvisad"),
            (4, "rad avvisad", "rader avvisade", "4 rader avvisade"),
        ])
    func count(count: Int, singular: String, plural: String, expected: String) {
        #expect(SwedishText.count(count, singular, plural) == expected)
    }

    @Test(
        "How an område's units split by regi",
        arguments: [
            (7, 4, 3, false, "7 enheter: 4 i egen regi, 3 externa"),
            (1, 1, 0, false, "1 enhet: 1 i egen regi, 0 externa"),
            (1, 0, 1, false, "1 enhet: 0 i egen regi, 1 extern"),
            (4, 3, 1, true, "4 enheter (3 i egen regi, 1 extern)"),
            (1, 1, 0, true, "1 enhet (1 i egen regi, 0 externa)"),
        ])
    func unitCounts(total: Int, egen: Int, extern: Int, parenthesised: Bool, expected: String) {
        #expect(
            SwedishText.unitCounts(total: total, egen: egen, extern: extern, parenthesised: parenthesised) == expected)
    }

    @Test(
        "A name inside a sentence keeps its acronyms",
        arguments: [
            ("Antal brukare", "antal brukare"), ("Årsarbetare", "årsarbetare"), ("LSS-boende", "LSS-boende"),
            ("Brukare med LSS-beslut", "brukare med LSS-beslut"), ("brukare", "brukare"), ("A-kassa", "A-kassa"),
        ])
    func inSentence(name: String, expected: String) {
        #expect(SwedishText.inSentence(name) == expected)
    }

    @Test("Figures by year in one parenthesis")
    func parenthesis() {
        #expect(SwedishText.parenthesis([]) == "")
        #expect(SwedishText.parenthesis([("2025", "1,0 %")]) == "(2025: 1,0 %)")
        #expect(SwedishText.parenthesis([("2024", "0,0 %"), ("2025", "1,0 %")]) == "(2024: 0,0 %, 2025: 1,0 %)")
    }

    @Test(
        "Every n years",
        arguments: [
            (1, "varje år"), (2, "vartannat år"), (3, "vart 3:e år"), (5, "vart 5:e år"), (11, "vart 11:e år"),
            (21, "vart 21:a år"), (22, "vart 22:a år"),
        ])
    func everyYears(years: Int, expected: String) {
        #expect(SwedishText.everyYears(years) == expected)
    }

    /// The rules fixture as a municipality wrote it: Hemtjänst with A, B, C in egen regi and D external (E left
    /// out of the register), and its one-unit område named `LSS-boende` as the config writes it; in-depth
    /// reviews every year.
    func pages() throws -> [String: String] {
        let register = try String(contentsOfFile: Fixtures.path("rules/enheter.csv"), encoding: .utf8)
            .components(separatedBy: "\n").filter { !$0.hasPrefix("E;") }.joined(separator: "\n")
        let registerPath = try Fixtures.temporaryFile("enheter.csv", register)
        var config = try RulesFixture.config {
            $0.replacingOccurrences(of: "register = \"enheter.csv\"", with: "register = \"\(registerPath)\"")
                .replacingOccurrences(of: "name = \"Särskilt boende\"", with: "name = \"LSS-boende\"")
                .replacingOccurrences(of: "interval_years = 3", with: "interval_years = 1")
                .replacingOccurrences(of: "name = \"Brukare\"", with: "name = \"Brukare med LSS-beslut\"")
        }
        config.paths.commentary = "/nonexistent"
        let renderer = try ReportRenderer(config: config)
        let engine = RuleEngine(config: config)
        let facts = RulesFixture.facts()
        let years = [2023, 2024, 2025].map { engine.evaluate(period: .year($0), facts: facts) }
        var files = renderer.annual(
            years[2], history: Array(years[0..<2]), quality: DataQuality(sources: [], files: [:]))
        let period = Period.tertial(year: 2025, number: 2)
        files += renderer.tertial(period, engine: engine, facts: facts)
        return Dictionary(uniqueKeysWithValues: files.map { ($0.name, $0.text) })
    }

    @Test("Unit counts on the annual comparison, the tertial report and the verksamhetsberättelse")
    func unitCountsOnPages() throws {
        let pages = try pages()
        let annual = try #require(pages["arsjamforelse-2025.html"])
        #expect(annual.contains("<p class=\"note\">Vård- och omsorgsnämnden. 4 enheter: 3 i egen regi, 1 extern.</p>"))
        #expect(annual.contains("<p class=\"note\">Vård- och omsorgsnämnden. 1 enhet: 1 i egen regi, 0 externa.</p>"))
        let tertial = try #require(pages["tertialrapport-2025-T2-von.html"])
        #expect(tertial.contains("<p class=\"note\">4 enheter: 3 i egen regi, 1 extern.</p>"))
        #expect(tertial.contains("<p class=\"note\">1 enhet: 1 i egen regi, 0 externa.</p>"))
        let fragment = try #require(pages["verksamhetsberattelse-2025-von-fragment.html"])
        #expect(
            fragment.contains(
                "<p>Hemtjänst: 4 enheter (3 i egen regi, 1 extern). LSS-boende: 1 enhet (1 i egen regi, 0 externa). "))
        let plans = try #require(fragment.firstMatch(of: /\. (\d+) (enhet|enheter) ska lämna åtgärdsplan\./))
        #expect((plans.output.1 == "1") == (plans.output.2 == "enhet"), "\(plans.output.0)")
        for page in pages.values {
            #expect(!page.contains(/\b1 (enheter|externa|rader|månader)\b/))
        }
    }

    @Test("Names as written in the config; one parenthesis of resultatkrav; in-depth review every year")
    func namesAndMethodology() throws {
        let pages = try pages()
        let annual = try #require(pages["arsjamforelse-2025.html"])
        #expect(annual.contains("<tr><th scope=\"row\">Summa egen regi, LSS-boende</th>"))
        #expect(!annual.contains("lss-boende"))
        for page in [annual, try #require(pages["tertialrapport-2025-T2-von.html"])] {
            #expect(
                page.contains(
                    "jämförs med årets resultatkrav (2024: 1,0\u{A0}%, 2025: 2,0\u{A0}%). Helårsprognosen"))
            #expect(page.contains("Varje enhet får en fördjupad uppföljning varje år, räknat från"))
            #expect(
                page.contains("Beräkning: (personalkostnader plus övriga kostnader) delat med brukare med LSS-beslut"))
            #expect(page.contains("Redovisas inte när brukare med LSS-beslut är färre än"))
            #expect(!page.contains("lss-beslut"))
        }
    }
}
