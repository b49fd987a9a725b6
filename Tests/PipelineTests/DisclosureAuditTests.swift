import Foundation
import TestSupport
import Testing

@testable import Domain
@testable import Pipeline
@testable import Reports

/// The disclosure audit on hand-made published files: each route finds its leak, and stays quiet where the
/// files hide enough.
@Suite("Disclosure audit")
struct DisclosureAuditUnitTests {
    static let header =
        "kommunkod,period,omrade_id,omrade,enhet_id,enhet,regi,avtalsform,indicator_id,indicator,family,gender,value,unit,n,status,status_label,symbol,median,from_median,rank,previous_value"

    /// One open-data row of the demo's hemtjänst.
    static func row(
        _ enhet: String, _ indicator: String, _ value: String, gender: String = "T", n: String = "",
        previous: String = ""
    ) -> String {
        let symbol = value.isEmpty ? ".." : ""
        return
            "9999,2025,hemtjanst,Hemtjänst,\(enhet),\(enhet),egen,lov,\(indicator),x,volym,\(gender),\(value),st,\(n),,,\(symbol),,,,\(previous)"
    }

    static func files(_ rows: [String], total: String) -> [RenderedFile] {
        let vb =
            "year,namnd_id,namnd,omrade_id,omrade,indicator_id,indicator,family,unit,value,previous_value,median,units,units_reported,green,yellow,red\n"
            + "2025,von,V,hemtjanst,Hemtjänst,brukare,Antal brukare,volym,st,\(total),,,3,2,,,\n"
        return [
            RenderedFile(
                name: "arsjamforelse-2025.csv", title: "", format: .csv,
                text: ([header] + rows).joined(separator: "\n") + "\n"),
            RenderedFile(name: "verksamhetsberattelse-2025-von.csv", title: "", format: .csv, text: vb),
        ]
    }

    static func audit() throws -> DisclosureAudit {
        DisclosureAudit(config: try Config.load(path: Fixtures.path("demo/kommun.toml")))
    }

    @Test("Total minus parts: one hidden unit of an additive indicator is recovered; two are not")
    func totalMinusParts() throws {
        let one = try Self.audit().audit(
            Self.files(
                [
                    Self.row("HT01", "brukare", "100.0"), Self.row("HT02", "brukare", "50.0"),
                    Self.row("HT13", "brukare", ""),
                ], total: "153.3"),
            lastYear: nil)
        #expect(one.map(\.route) == [.totalMinusParts])
        #expect(abs((one.first?.recovered ?? 0) - 3.3) < 1e-9)
        let two = try Self.audit().audit(
            Self.files(
                [
                    Self.row("HT01", "brukare", "100.0"), Self.row("HT02", "brukare", ""),
                    Self.row("HT13", "brukare", ""),
                ], total: "153.3"),
            lastYear: nil)
        #expect(two.isEmpty)
    }

    @Test("Total minus parts with a unit open half the year: it adds half its stock to the total (#20 item 10)")
    func partYearUnit() throws {
        // Hemtjänst Väster (HT04) closed on 2025-06-30: its 60 brukare while open are 30 over the year.
        let one = try Self.audit().audit(
            Self.files(
                [
                    Self.row("HT01", "brukare", "100.0"), Self.row("HT04", "brukare", "60.0"),
                    Self.row("HT13", "brukare", ""),
                ], total: "133.3"),
            lastYear: nil)
        #expect(one.map(\.route) == [.totalMinusParts])
        #expect(abs((one.first?.recovered ?? 0) - 3.3) < 1e-9)
        // Two hidden units whose published neighbours make up the total are 0 each.
        let two = try Self.audit().audit(
            Self.files(
                [
                    Self.row("HT01", "brukare", "100.0"), Self.row("HT04", "brukare", "60.0"),
                    Self.row("HT02", "brukare", ""), Self.row("HT13", "brukare", ""),
                ], total: "130.0"),
            lastYear: nil)
        #expect(two.map(\.cell) == ["2025 hemtjanst HT02 brukare T", "2025 hemtjanst HT13 brukare T"])
        // The same in a tertial report: HT04 is open in May and June of T2 (half) and in six of its eight
        // months of January–August.
        let tertial = try Self.audit().audit(
            [
                RenderedFile(
                    name: "tertialrapport-2025-T2-von.html", title: "", format: .html,
                    text: """
                        <table data-audit="indicator" data-indicator="brukare"><tbody>
                        <tr data-enhet="HT01"><td data-col="tertial">100,0 st</td><td data-col="ytd">100,0 st</td></tr>
                        <tr data-enhet="HT04"><td data-col="tertial">60,0 st</td><td data-col="ytd">60,0 st</td></tr>
                        <tr data-enhet="HT02"><td data-col="tertial">..</td><td data-col="ytd">..</td></tr>
                        </tbody><tfoot>
                        <tr data-total=""><th>Hela området</th><td class="num" data-col="tertial">133,3 st</td><td></td><td class="num" data-col="ytd">145,0 st</td></tr>
                        </tfoot></table>
                        """)
            ], lastYear: nil)
        #expect(tertial.map(\.cell) == ["brukare HT02 tertial", "brukare HT02 ytd"])
        #expect(abs((tertial.first?.recovered ?? 0) - 3.3) < 1e-9 && abs(tertial.last?.recovered ?? 1) < 1e-9)
    }

    @Test("A hidden row with its n, a hidden gender beside a published one, last year's hidden value as previous")
    func otherRoutes() throws {
        let rows = [
            Self.row("HT01", "nojdhet", "85", n: "40"), Self.row("HT01", "nojdhet", "80", gender: "K", n: "30"),
            Self.row("HT01", "nojdhet", "", gender: "M", n: ""), Self.row("HT02", "nojdhet", "", n: "3"),
            Self.row("HT03", "nojdhet", "88", n: "50", previous: "70"),
        ]
        let lastYear = ([Self.header, Self.row("HT03", "nojdhet", "")]).joined(separator: "\n") + "\n"
        let found = try Self.audit().audit(Self.files(rows, total: ""), lastYear: lastYear)
        #expect(Set(found.map(\.route)) == [.exactN, .totalMinusGender, .previousYear])
        #expect(found.contains { $0.route == .exactN && $0.cell == "2025 hemtjanst HT02 nojdhet T" })
    }

    @Test("A hidden ratio whose numerator and denominator the unit publishes")
    func product() throws {
        let rows = [
            Self.row("HT01", "brukare", "100.0"), Self.row("HT01", "arsarbetare", "50.0"),
            Self.row("HT01", "brukare_per_arsarbetare", ""), Self.row("HT02", "brukare_per_arsarbetare", ""),
        ]
        let found = try Self.audit().audit(Self.files(rows, total: ""), lastYear: nil)
        #expect(found.map(\.route) == [.productOfPublished])
        #expect(
            found.first?.description.hasPrefix(
                "arsjamforelse-2025.csv: error: [disclosure] 2025 hemtjanst HT01 brukare_per_arsarbetare T can be derived"
            ) == true)
    }

    @Test("Tertial tables: the område row minus the units, and a unit hidden in one column but not another")
    func tertialTables() throws {
        func table(_ rows: String) -> RenderedFile {
            RenderedFile(
                name: "tertialrapport-2025-T2-von.html", title: "", format: .html,
                text: """
                    <table data-audit="indicator" data-indicator="brukare"><tbody>\(rows)</tbody><tfoot>
                    <tr data-total=""><th>Hela området</th><td class="num" data-col="tertial">1 153,3 st</td><td></td><td class="num" data-col="ytd">−</td></tr>
                    </tfoot></table>
                    """)
        }
        let leak = try Self.audit().audit(
            [
                table(
                    #"<tr data-enhet="HT01"><td data-col="tertial">1 150,0 st</td><td data-col="ytd">..</td></tr><tr data-enhet="HT13"><td data-col="tertial">..</td><td data-col="ytd">..</td></tr>"#
                )
            ], lastYear: nil)
        #expect(leak.map(\.route) == [.totalMinusParts, .sumOfPeriods])
        #expect(leak.map(\.cell) == ["brukare HT13 tertial", "brukare HT01"])
        #expect(DisclosureAudit.number("1 234,5 st") == 1234.5 && DisclosureAudit.number("\u{2212}3,2") == -3.2)
        #expect(DisclosureAudit.number("..") == nil)
    }

    @Test("Counts by type: hidden units whose column total equals the published ones are 0 each")
    func zeroResidual() throws {
        let html = """
            <table data-audit="counts"><tbody>
            <tr data-enhet="HT01"><td data-col="count">4</td></tr>
            <tr data-enhet="HT12"><td data-col="count">..</td></tr><tr data-enhet="HT13"><td data-col="count">..</td></tr>
            </tbody><tfoot><tr data-total=""><td data-col="count">TOTAL</td></tr></tfoot></table>
            """
        func audit(_ total: String) throws -> [Disclosure] {
            try Self.audit().audit(
                [
                    RenderedFile(
                        name: "tertialrapport-2025-T3-von.html", title: "", format: .html,
                        text: html.replacingOccurrences(of: "TOTAL", with: total))
                ],
                lastYear: nil)
        }
        #expect(try audit("4").map(\.cell) == ["antal HT12 count", "antal HT13 count"])
        #expect(try audit("6").isEmpty)
        #expect(try audit("..").isEmpty)
    }

    @Test("Counts by type the config withholds per unit: a zero total over two or more units is published by policy")
    func configWithheldZero() throws {
        func audit(_ cells: String, total: String) throws -> [Disclosure] {
            let html = """
                <table data-audit="counts"><tbody>\(cells)
                </tbody><tfoot><tr data-total=""><td data-col="count">\(total)</td></tr></tfoot></table>
                """
            return try Self.audit().audit(
                [RenderedFile(name: "tertialrapport-2025-T3-von.html", title: "", format: .html, text: html)],
                lastYear: nil)
        }
        let withheld = """
            <tr data-enhet="HT01"><td data-col="count" data-withheld="config">..</td></tr>
            <tr data-enhet="HT02"><td data-col="count" data-withheld="config">..</td></tr>
            """
        // No lex Sarah case at either unit: nothing about anyone, and the nämnd publishes the total.
        #expect(try audit(withheld, total: "0").isEmpty)
        #expect(try audit(withheld, total: "3").isEmpty)
        // The same zero beside units the plan hides is still each of them: 0.
        let planHidden = """
            <tr data-enhet="HT01"><td data-col="count">..</td></tr><tr data-enhet="HT02"><td data-col="count">..</td></tr>
            """
        #expect(try audit(planHidden, total: "0").map(\.cell) == ["antal HT01 count", "antal HT02 count"])
        // One unit's total is that unit's count, withheld by the config or not.
        let single = #"<tr data-enhet="HT01"><td data-col="count" data-withheld="config">..</td></tr>"#
        #expect(try audit(single, total: "0").map(\.cell) == ["antal HT01 count"])
    }
}
