import Foundation
import TestSupport
import Testing

@testable import Domain
@testable import Reports
@testable import Rules

@Suite("BarChart")
struct BarChartTests {
    let chart = BarChart(
        id: "c-x", title: "Kostnad <per> brukare & år",
        bars: [
            .init(label: "Norr & Söder", value: 100, text: "100 kr", hatched: false),
            .init(label: "Extern AB", value: -50, text: "−50 kr", hatched: true),
            .init(label: "Liten", value: nil, text: "..", hatched: true),
        ],
        median: 25, medianText: "25 kr")

    @Test("One bar per value, hatched for external units, the median dashed, every text escaped")
    func svg() {
        let svg = chart.svg
        #expect(svg.components(separatedBy: "<rect x=").count - 1 == 2)
        #expect(svg.contains("fill=\"url(#c-x-h)\""))
        #expect(svg.contains("stroke-dasharray") && svg.contains("Median 25 kr"))
        #expect(svg.contains("Norr &amp; Söder") && svg.contains("Kostnad &lt;per&gt; brukare &amp; år"))
        #expect(svg.contains(">..</text>"))
        #expect(svg.contains("role=\"img\"") && svg.contains("aria-labelledby=\"c-x-t\""))
    }

    @Test("A negative bar grows left of the zero line; coordinates are whole pixels")
    func negative() {
        // Domain −50…100 over 330 px: zero at 270 + 110 = 380; −50 at 270.
        #expect(chart.svg.contains("<rect x=\"270\" y=\"58\" width=\"110\""))
        #expect(!chart.svg.contains("." + "5\""))
    }
}

@Suite("Markdown commentary")
struct MarkdownTests {
    @Test("Paragraphs, lists, headings, strong and emphasis")
    func blocks() {
        let html = Markdown.html("# Rubrik\n\nEtt **viktigt** och *betonat*\nord.\n\n- ett\n- två\n  fortsättning\n")
        #expect(
            html
                == "<h4>Rubrik</h4>\n<p>Ett <strong>viktigt</strong> och <em>betonat</em> ord.</p>\n<ul><li>ett</li><li>två fortsättning</li></ul>"
        )
    }

    @Test("HTML in a comment is escaped, never passed through")
    func escaped() {
        let html = Markdown.html("<script>alert(1)</script> & <b>fet</b>")
        #expect(html == "<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;fet&lt;/b&gt;</p>")
    }

    @Test("Markers pair like brackets: mis-nested or unclosed markers stay text, never mis-nested tags")
    func nesting() {
        #expect(Markdown.inline("*a **b* c**") == "*a <strong>b* c</strong>")
        #expect(Markdown.inline("**a *b** c*") == "**a <em>b** c</em>")
        #expect(Markdown.inline("***x***") == "<strong><em>x</em></strong>")
        #expect(Markdown.inline("*a* **b** *") == "<em>a</em> <strong>b</strong> *")
    }

    @Test("Every mix of markers and text gives tags that nest and close")
    func nestingProperty() {
        var generator = SplitMix64(seed: 0x6D61_726B_646F_776E)
        let alphabet: [Character] = ["*", "*", "*", "a", " "]
        for _ in 0..<2000 {
            let text = String(
                (0..<Int.random(in: 0...12, using: &generator)).map { _ in
                    alphabet[Int.random(in: 0..<alphabet.count, using: &generator)]
                })
            let html = Markdown.inline(text)
            var open: [String] = []
            var rest = Substring(html)
            while let start = rest.firstIndex(of: "<") {
                guard let end = rest[start...].firstIndex(of: ">") else { break }
                let tag = String(rest[rest.index(after: start)..<end])
                if tag.hasPrefix("/") {
                    #expect(open.popLast() == String(tag.dropFirst()), "\(text) → \(html)")
                } else {
                    open.append(tag)
                }
                rest = rest[rest.index(after: end)...]
            }
            #expect(open.isEmpty, "\(text) → \(html)")
        }
    }
}

@Suite("Open-data CSV")
struct OpenDataCSVTests {
    func rows(_ dialect: OpenDataCSV.Dialect) throws -> [[String]] {
        let config = try RulesFixture.config()
        let evaluation = RuleEngine(config: config).evaluate(period: .year(2025), facts: RulesFixture.facts())
        let text = OpenDataCSV(config: config).render([evaluation], dialect: dialect)
        if dialect == .excel { #expect(text.hasPrefix("\u{FEFF}")) }
        return text.replacingOccurrences(of: "\u{FEFF}", with: "").components(separatedBy: "\r\n")
            .filter { !$0.isEmpty }.map { $0.components(separatedBy: dialect == .excel ? ";" : ",") }
    }

    @Test("One row per unit × indicator × gender; suppressed values carry '..' and no number")
    func openData() throws {
        let rows = try rows(.openData)
        let header = rows[0]
        #expect(header == OpenDataCSV.header)
        func column(_ name: String) -> Int { header.firstIndex(of: name) ?? -1 }
        let nojdhet = rows.filter { $0[column("indicator_id")] == "nojdhet" && $0[column("omrade_id")] == "ht" }
        #expect(nojdhet.count == 5 * 3)
        let a = nojdhet.first { $0[column("enhet_id")] == "A" && $0[column("gender")] == "T" }
        #expect(a?[column("value")] == "90.0" && a?[column("status")] == "green" && a?[column("median")] == "82.5")
        #expect(a?[column("status_label")] == "Når målet" && a?[column("rank")] == "1")
        // B is hidden beside C (complementary suppression): no value, no n.
        let bTotal = nojdhet.first { $0[column("enhet_id")] == "B" && $0[column("gender")] == "T" }
        #expect(bTotal?[column("symbol")] == ".." && bTotal?[column("n")] == "" && bTotal?[column("value")] == "")
        let bWomen = nojdhet.first { $0[column("enhet_id")] == "B" && $0[column("gender")] == "K" }
        #expect(bWomen?[column("value")] == "" && bWomen?[column("symbol")] == ".." && bWomen?[column("median")] == "")
        let kpb = rows.first { $0[column("indicator_id")] == "kpb" && $0[column("enhet_id")] == "A" }
        #expect(kpb?[column("value")] == "30200" && kpb?[column("from_median")] == "-5800")
        #expect(kpb?[column("previous_value")] == "30000")
    }

    @Test("The Excel variant: BOM, semicolons and decimal commas, same rows")
    func excel() throws {
        let open = try rows(.openData)
        let excel = try rows(.excel)
        #expect(open.count == excel.count)
        let column = open[0].firstIndex(of: "value") ?? -1
        let a = excel.first { $0.contains("nojdhet") && $0.contains("A") && $0.contains("T") }
        #expect(a?[column] == "90,0")
    }
}

@Suite("Report pages from the rules fixture")
struct ReportPagesTests {
    func renderer(commentary: String) throws -> (ReportRenderer, Config) {
        var config = try RulesFixture.config()
        config.paths.commentary = commentary
        return (try ReportRenderer(config: config), config)
    }

    /// The data-quality facts of a run that read no files: these pages are made from the rules fixture alone.
    static let noFiles = DataQuality(sources: [], files: [:])

    @Test("Annual: comparison, both CSV dialects, a page per unit, the nämnd's verksamhetsberättelse inputs")
    func annual() throws {
        let (renderer, config) = try renderer(commentary: "/nonexistent")
        let engine = RuleEngine(config: config)
        let years = [2023, 2024, 2025].map { engine.evaluate(period: .year($0), facts: RulesFixture.facts()) }
        let files = renderer.annual(years[2], history: Array(years[0..<2]), quality: Self.noFiles)
        #expect(
            files.map(\.name) == [
                "arsjamforelse-2025.html", "arsjamforelse-2025.csv", "arsjamforelse-2025-excel.csv",
                "enhet-2025-A.html", "enhet-2025-B.html", "enhet-2025-C.html", "enhet-2025-D.html",
                "enhet-2025-E.html", "enhet-2025-S.html", "verksamhetsberattelse-2025-von.csv",
                "verksamhetsberattelse-2025-von-fragment.html",
            ])
        #expect(files.filter { $0.section == nil }.count == 6)
        let page = try #require(files.first?.text)
        #expect(page.contains("<svg") && page.contains("Median 36\u{00A0}000\u{00A0}kr"))
        #expect(page.contains("Resultatkravet nås inte: rörelsemarginal 0,0\u{00A0}%, krav 2,0\u{00A0}%"))
        #expect(page.contains("<th scope=\"row\">Enhet D</th><td>2021-03-10</td>") == false)
        #expect(page.contains("<th scope=\"row\">Enhet D</th><td>2021-03-01</td><td>2024</td>"))
        let unitB = try #require(files.first { $0.name == "enhet-2025-B.html" }?.text)
        // The trend starts in 2024: 2023 has no data at all.
        #expect(unitB.contains(">2024</th>") && !unitB.contains(">2023</th>"))
        #expect(unitB.contains("Kostnad per brukare över 40 000 kr: Kostnad per brukare 54\u{00A0}000\u{00A0}kr"))
        let vb = try #require(files.first { $0.name == "verksamhetsberattelse-2025-von.csv" }?.text)
        #expect(vb.contains("2025,von,Vård- och omsorgsnämnden,ht,Hemtjänst,nojdhet,Nöjdhet,kvalitet,%,"))
        #expect(vb.contains(",36000,5,5,2,1,2,5,5,true\r\n"))
    }

    @Test("Tertial: one report per nämnd; commentary included, a red indicator without one listed")
    func tertial() throws {
        let folder = NSTemporaryDirectory() + "uppfoljning-commentary-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder + "/2025-T2", withIntermediateDirectories: true)
        try "Kostnaderna *ökar*.\n\n<img src=x onerror=alert(1)>".write(
            toFile: folder + "/2025-T2/B.md", atomically: true, encoding: .utf8)
        let (renderer, config) = try renderer(commentary: folder)
        let engine = RuleEngine(config: config)
        let period = Period.tertial(year: 2025, number: 2)
        let files = renderer.tertial(period, engine: engine, facts: RulesFixture.facts(), quality: Self.noFiles)
        #expect(files.map(\.name) == ["tertialrapport-2025-T2-von.html"])
        let page = try #require(files.first?.text)
        #expect(page.contains("<p>Kostnaderna <em>ökar</em>.</p>"))
        #expect(page.contains("&lt;img src=x onerror=alert(1)&gt;"))
        // C's cost per brukare is red (worst quartile) and C has no comment; B has one.
        #expect(page.contains("<li>Enhet C: Kostnad per brukare (kommentar saknas i"))
        #expect(!page.contains("<li>Enhet B:"))
        // The forecast moved from 12 000 (T1) to 9 000 (T2) for A (the economics table's caption says "belopp i kr").
        #expect(page.contains("<td class=\"num\">9\u{00A0}000</td><td class=\"num\">−3\u{00A0}000</td>"))
    }
}
