import Foundation
import TestSupport
import Testing

@testable import Domain
@testable import Ingest

@Suite("PAXmlReader")
struct PAXmlReaderTests {
    let config: Config
    let source: SourceDefinition

    init() throws {
        config = try Config.load(path: Fixtures.path("demo/kommun.toml"))
        source = SourceDefinition(
            id: "hr", kind: .paxml, inbox: "/dev/null", encoding: nil, delimiter: nil, columns: [:], unitKey: .hr,
            layout: .long, measureColumns: [:])
    }

    func read(_ path: String, display: String) throws(FileRejection) -> ReadResult {
        try SourceReader(config: config).read(path: path, displayPath: display, source: source)
    }

    @Test("Fuzz regression: a date centuries away is rejected, not packed into another unit's key")
    func fuzzRegression() throws {
        let result = try read(Fixtures.path("fuzz-regressions/paxml-date-2722.xml"), display: "fuzz.xml")
        #expect(result.rejects.contains { $0.rule == "date-range" && $0.message.contains("2722") })
    }

    @Test("Hand-computed: hours per code, schedules, persons and årsarbetare per unit, category and gender")
    func handComputed() throws {
        let result = try read(Fixtures.path("paxml/hemtjanst-2025-03.xml"), display: "hr.xml")
        let rows = result.facts.map { "\($0.measure) \($0.gender?.rawValue ?? "T") \($0.value)" }
        #expect(
            result.facts.allSatisfy {
                $0.enhet == "HT01" && $0.month.description == "2025-03" && $0.category == "underskoterska"
            })
        #expect(
            Set(rows) == [
                "arbetade_timmar T 14", "arbetade_timmar M 8", "arbetade_timmar K 6",
                "overtidstimmar T 1.5", "overtidstimmar M 1.5",
                "sjuktimmar T 12", "sjuktimmar K 12",
                "schematimmar T 34", "schematimmar M 16", "schematimmar K 18",
                "personal_antal T 2", "personal_antal M 1", "personal_antal K 1",
                "arsarbetare T 1.75", "arsarbetare M 1", "arsarbetare K 0.75",
            ])
        #expect(
            result.rejects.map(\.description) == [
                "hr.xml:21: error: [date-format] tidtrans 'datum': expected YYYY-MM-DD, found '2025-02-30'",
                "hr.xml:22: error: [number-format] tidtrans 'timmar': expected a number, found 'sju'",
                "hr.xml: error: [unknown-unit] HR code 'H999' is not in the unit register: 1 person-months of hours not loaded",
            ])
    }

    @Test(
        "Element text is trimmed of spaces, tabs, line breaks and no-break spaces, and only of those",
        arguments: [
            (" 7,5 ", "7,5"), ("\n\t\r 8\n", "8"), ("\u{00A0}ARB\u{00A0}", "ARB"), ("ÖT\u{00A0}50", "ÖT\u{00A0}50"),
            ("  ", ""), ("", ""), ("\u{00A0}", ""), ("åäö ", "åäö"),
        ])
    func trimmedText(text: String, expected: String) {
        #expect(PAXmlEvents.trimmedText(Array(text.utf8)) == expected)
    }

    @Test("Field text in CDATA sections and split around comments is read whole")
    func cdata() throws {
        let path = try Fixtures.temporaryFile(
            "cdata.xml",
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <paxml><tidtransaktioner>
            <tidtrans anstid="1"><tidkod><![CDATA[ARB]]></tidkod><datum>2025-03-03</datum>
            <timmar>7<!-- rättat -->,5</timmar></tidtrans>
            </tidtransaktioner></paxml>
            """)
        let inspection = try FileInspector.paxml(path: path, displayPath: "cdata.xml")
        #expect(inspection.hoursByCode == ["ARB": "7.5"])
    }

    @Test("Schedule days that do not parse are rejected with their own line, in file order; the others summed")
    func invalidDays() throws {
        let path = try Fixtures.temporaryFile(
            "days.xml",
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <paxml><schematransaktioner>
            <schema anstid="1">
            <dag datum="2025-03-03" timmar="8"/>
            <dag datum="2025-03-32" timmar="8"/>
            <dag datum="2025-03-04" timmar="åtta"/>
            <dag datum="2025-03-05" timmar="\u{00A0}8 "/>
            <dag datum="2025-03-06" timmar="36"/>
            </schema>
            </schematransaktioner></paxml>
            """)
        let result = try read(path, display: "days.xml")
        #expect(
            result.rejects.map(\.description).prefix(3) == [
                "days.xml:5: error: [date-format] schema 'dag': expected YYYY-MM-DD, found '2025-03-32'",
                "days.xml:6: error: [number-format] schema 'dag' 'timmar': expected a number, found 'åtta'",
                "days.xml:7: error: [number-format] schema 'dag' 'timmar': expected a number, found '\u{00A0}8 '",
            ])
        let inspection = try FileInspector.paxml(path: path, displayPath: "days.xml")
        #expect(inspection.scheduledHours == "44")
        #expect(inspection.records?["schema_dag"] == 5)
    }

    /// Two persons of Hemtjänst Norr with their `sysgrad` and a sick-leave range of three weekdays with `omfattning`.
    static func export(sysgrad: (String, String), omfattning: (String, String)) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <paxml>
          <header><format>LÖNIN</format><version>2.0</version></header>
          <personal>
            <person anstid="1001"><kategori>underskoterska</kategori><sysgrad>\(sysgrad.0)</sysgrad>
              <resenheter><resenhet dim="1" id="H410"/></resenheter></person>
            <person anstid="1002"><kategori>underskoterska</kategori><sysgrad>\(sysgrad.1)</sysgrad>
              <resenheter><resenhet dim="1" id="H410"/></resenheter></person>
          </personal>
          <tidtransaktioner>
            <tidtrans anstid="1001"><tidkod>SJK</tidkod><datumfrom>2025-03-06</datumfrom><datumtom>2025-03-10</datumtom><omfattning>\(omfattning.0)</omfattning></tidtrans>
            <tidtrans anstid="1002"><tidkod>SJK</tidkod><datumfrom>2025-03-06</datumfrom><datumtom>2025-03-10</datumtom><omfattning>\(omfattning.1)</omfattning></tidtrans>
            <tidtrans anstid="1002"><tidkod>ARB</tidkod><datum>2025-03-03</datum><timmar>6</timmar></tidtrans>
          </tidtransaktioner>
        </paxml>
        """
    }

    @Test(
        "sysgrad and omfattning as fractions or as percentages give the same årsarbetare and hours, decided per file",
        arguments: [(("1", "0,75"), ("0,5", "1")), (("100", "75"), ("50", "100")), (("1.0", "0.75"), ("0.5", "1.00"))])
    func percentageForms(sysgrad: (String, String), omfattning: (String, String)) throws {
        let path = try Fixtures.temporaryFile("forms.xml", Self.export(sysgrad: sysgrad, omfattning: omfattning))
        let result = try read(path, display: "hr.xml")
        #expect(result.rejects.isEmpty)
        let totals = result.facts.filter { $0.gender == nil }.map { "\($0.measure) \($0.value)" }
        // 3 weekdays × 8 h × 50 % and × 100 %.
        #expect(Set(totals) == ["arsarbetare 1.75", "personal_antal 2", "sjuktimmar 36", "arbetade_timmar 6"])
        #expect(result.controlTotals["hours.SJK"] == FixedDecimal(36))
    }

    @Test("A fraction among percentages rejects its person or time transaction with the line it clashes with")
    func mixedForms() throws {
        let path = try Fixtures.temporaryFile(
            "mixed.xml", Self.export(sysgrad: ("100", "0,75"), omfattning: ("50", "1")))
        let result = try read(path, display: "hr.xml")
        #expect(
            result.rejects.map(\.description) == [
                "hr.xml:12: error: [extent-form] tidtrans 'omfattning': expected a percentage like line 11's '50', found '1' (a fraction?): write all of a file's extents as percentages or all as fractions",
                "hr.xml:7: error: [degree-form] person 'sysgrad': expected a percentage like line 5's '100', found '0,75' (a fraction?): write all of a file's degrees as percentages or all as fractions",
            ])
        let totals = result.facts.filter { $0.gender == nil }.map { "\($0.measure) \($0.value)" }
        #expect(Set(totals) == ["arsarbetare 1", "personal_antal 2", "sjuktimmar 12", "arbetade_timmar 6"])
    }

    @Test("No id, name or personnummer leaves the reader")
    func noPersonalData() throws {
        let result = try read(Fixtures.path("paxml/hemtjanst-2025-03.xml"), display: "hr.xml")
        let everything =
            (result.facts.map { "\($0)" } + result.rejects.map(\.description) + result.controlTotals.keys.sorted())
            .joined(separator: "\n")
        for secret in ["1001", "1002", "1003", "198001011234", "199002022342", "Karl", "Lisa", "Larsson"] {
            #expect(!everything.contains(secret), "\(secret)")
        }
        #expect(everything.range(of: #"\d{6,8}-?\d{4}"#, options: .regularExpression) == nil)
    }

    @Test(
        "Every PAXml sample parses: encodings with and without BOM, namespaces, comma decimals",
        arguments: [
            ("sample-all-sections.xml", 2), ("paxml-2.0-example-iso-8859-1.pax", 2), ("bygglet-demo.xml", 8),
            ("bygglet-demo-bom.xml", 8), ("salary-iso-8859-1.xml", 40),
        ])
    func samples(name: String, tidtrans: Int) throws {
        let path = Fixtures.root + "/../shared/samples/paxml/" + name
        var count = 0
        let events = PAXmlEvents { record in if record.kind == .tidtrans { count += 1 } }
        _ = try events.parse(path: path, displayPath: name)
        #expect(count == tidtrans)
        #expect(events.version == "2.0")
    }

    @Test(
        "Gender from the personnummer's second-to-last digit",
        arguments: [
            ("198001011234", Gender.man), ("199002022342", .kvinnor), ("8001011234", .man), ("", nil), ("abc", nil),
        ])
    func gender(personnummer: String, expected: Gender?) {
        #expect(PAXmlReader.gender(personnummer: personnummer) == expected)
    }

    @Test("A file that is not well-formed is rejected whole with line and libxml2's message; a DTD is refused")
    func broken() throws {
        let truncated = try Fixtures.temporaryFile(
            "t.xml", "<?xml version=\"1.0\"?>\n<paxml>\n<tidtransaktioner>\n<tidtrans anstid=\"1\">\n")
        do {
            _ = try read(truncated, display: "t.xml")
            Issue.record("expected a rejection")
        } catch {
            #expect(error.finding.rule == "xml-not-well-formed")
            #expect(error.finding.message.hasPrefix("libxml2: "))
        }
        do {
            _ = try read(Fixtures.path("complaints-xml/entity-bomb.xml"), display: "bomb.xml")
            Issue.record("expected a rejection")
        } catch {
            #expect(error.finding.rule == "xml-dtd")
        }
    }
}
