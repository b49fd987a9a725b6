import Foundation
import TestSupport
import Testing

@testable import Domain
@testable import Ingest

@Suite("SurveyCSVReader")
struct SurveyCSVReaderTests {
    let config: Config
    init() throws { config = try Config.load(path: Fixtures.path("demo/kommun.toml")) }

    @Test("Hand-computed: shares become positive answers of the valid respondents; every rule rejects its row")
    func survey() throws {
        let source = try #require(config.sources.first { $0.id == "enkater" })
        let file = "fixtures/survey-csv/enkat.csv"
        let result = try SourceReader(config: config).read(
            path: Fixtures.path("survey-csv/enkat.csv"), displayPath: file, source: source)
        #expect(
            result.rejects.map(\.description) == [
                "\(file):5: error: [duplicate-row] unit 'HT01' 2025-12 question 'helhet' appears earlier in the file",
                "\(file):6:1: error: [unknown-unit] column 'Enhet': unit id 'HT99' is not in the unit register",
                "\(file):7:6: error: [n-smaller-than-answers] column 'Vet ej': 'vet ej' answers 6 exceed the respondents 5",
                "\(file):8:7: error: [share-format] column 'Andel positiva (%)': expected a percentage from 0 to 100, found '101'",
                "\(file):9:4: error: [gender-format] column 'Kön': expected K, M, T or nothing, found 'X'",
                "\(file):10:2: error: [period-format] column 'År': expected YYYY, YYYY-MM or YYYYMM, found '25'",
                "\(file):11:5: error: [count-format] column 'Antal svarande': expected a whole number of zero or more, found '10,5'",
            ])
        #expect(
            result.facts.map { "\($0.month) \($0.measure) \($0.category) \($0.gender?.rawValue ?? "T") \($0.value)" }
                == [
                    "2025-10 enkat_positiva bemotande T 9", "2025-10 enkat_svarande bemotande T 12",
                    "2025-12 enkat_positiva helhet T 16.996", "2025-12 enkat_positiva helhet K 9",
                    "2025-12 enkat_positiva helhet M 8",
                    "2025-12 enkat_svarande helhet T 28", "2025-12 enkat_svarande helhet K 18",
                    "2025-12 enkat_svarande helhet M 10",
                    "2025-12 enkat_svarsfrekvens helhet T 70", "2025-12 enkat_svarsfrekvens helhet K 70",
                    "2025-12 enkat_svarsfrekvens helhet M 70",
                ])
    }

    @Test("A yearly figure loads for a unit valid in part of the year; a month or year outside its dates does not")
    func partYear() throws {
        let source = try #require(config.sources.first { $0.id == "enkater" })
        // HT04 closed on 2025-06-30 and FS05 opened on 2025-08-01 (fixtures/demo/enheter.csv).
        let path = try Fixtures.temporaryFile(
            "brukarundersokning-2025.csv",
            """
            Enhet;År;Fråga;Kön;Antal svarande;Vet ej;Andel positiva (%);Svarsfrekvens (%)
            HT04;2025;helhet;T;41;1;80,0;62
            FS05;2025;helhet;T;12;0;75,0;48
            HT04;2025-10;helhet;T;41;1;80,0;62
            FS05;2024;helhet;T;12;0;75,0;48
            HT04;2026;helhet;T;41;1;80,0;62

            """)
        let result = try SourceReader(config: config).read(path: path, displayPath: "enkat.csv", source: source)
        #expect(
            result.rejects.map(\.description) == [
                "enkat.csv:4:1: error: [unit-not-valid] column 'Enhet': unit 'HT04' is not valid in 2025-10 (valid … to 2025-06-30)",
                "enkat.csv:5:1: error: [unit-not-valid] column 'Enhet': unit 'FS05' is not valid in 2024 (valid 2025-08-01 to …)",
                "enkat.csv:6:1: error: [unit-not-valid] column 'Enhet': unit 'HT04' is not valid in 2026 (valid … to 2025-06-30)",
            ])
        // A year is stored in its December, whichever months of it the unit was open.
        #expect(
            result.facts.filter { $0.measure == "enkat_positiva" }.map { "\($0.enhet) \($0.month) \($0.value)" } == [
                "FS05 2025-12 9", "HT04 2025-12 32",
            ])
    }
}

@Suite("ComplaintsCSVReader")
struct ComplaintsCSVReaderTests {
    let config: Config
    init() throws { config = try Config.load(path: Fixtures.path("demo/kommun.toml")) }

    func read() throws -> ReadResult {
        let source = try #require(config.sources.first { $0.id == "klagomal" })
        return try SourceReader(config: config).read(
            path: Fixtures.path("complaints-csv/register.csv"), displayPath: "register.csv", source: source)
    }

    @Test("Counts per type and month received, handling days per month closed, every rule rejects its row")
    func counts() throws {
        let result = try read()
        #expect(
            result.rejects.map(\.description) == [
                "register.csv:5:4: error: [unknown-type] column 'Ärendetyp': type code 'XYZ' is not mapped; mapped codes: 'AVV', 'BER', 'KLA', 'LMA', 'LSA', 'SYN'",
                "register.csv:6:5: error: [closed-before-received] column 'Avslutat': closed '2025-02-01' is before received '2025-03-01'",
                "register.csv:7:2: error: [date-format] column 'Inkommet': expected YYYY-MM-DD or YYYYMMDD, found '2025-13-01'",
                "register.csv:9:1: error: [duplicate-row] column 'Diarienummer': the same entry id as on line 8",
            ])
        let facts = result.facts.filter { $0.value != .zero && $0.measure != "klagomal_oppna" }
        #expect(
            facts.filter { $0.measure == "klagomal_antal" }.map {
                "\($0.month) \($0.measure) \($0.category) \($0.value)"
            } == [
                "2025-01 klagomal_antal klagomal 2", "2025-02 klagomal_antal synpunkt 1",
                "2025-03 klagomal_antal berom 1",
            ])
        // The handling days keep their type, so that a median can be taken over some types only.
        #expect(
            facts.filter { $0.measure == "klagomal_handlaggningsdagar" }.map {
                "\($0.month) \($0.category) \($0.observed) dagar: \($0.value)"
            } == ["2025-01 klagomal 10 dagar: 1", "2025-03 berom 0 dagar: 1", "2025-03 klagomal 49 dagar: 1"])
        #expect(result.facts.allSatisfy { $0.measure == "klagomal_handlaggningsdagar" || $0.observed.isEmpty })
    }

    @Test("Open at month end, with zeros, up to the file's last month")
    func open() throws {
        let open = try read().facts.filter { $0.measure == "klagomal_oppna" }
        func series(_ type: String) -> [String] {
            open.filter { $0.category == type }.map { "\($0.month)=\($0.value)" }
        }
        #expect(series("klagomal") == ["2025-01=1", "2025-02=1", "2025-03=0"])
        #expect(series("synpunkt") == ["2025-01=0", "2025-02=1", "2025-03=1"])
        #expect(series("berom") == ["2025-01=0", "2025-02=0", "2025-03=0"])
        #expect(open.count == 6 * 3)
    }

    @Test("Free text, names and personnummer in the register never reach a fact or a message")
    func noPersonalData() throws {
        let result = try read()
        let everything = (result.facts.map { "\($0)" } + result.rejects.map(\.description)).joined(separator: "\n")
        for secret in ["Anna", "Andersson", "19450101", "Bertil", "promenader", "KS-1", "KS-7"] {
            #expect(!everything.contains(secret), "\(secret)")
        }
    }
}

@Suite("ComplaintsXMLReader")
struct ComplaintsXMLReaderTests {
    let config: Config
    let source: SourceDefinition

    init() throws {
        config = try Config.load(path: Fixtures.path("demo/kommun.toml"))
        var source = SourceDefinition(
            id: "klagomal-xml", kind: .complaintsXML, inbox: "/dev/null", encoding: nil, delimiter: nil,
            columns: ["unit": "enhet", "received": "inkommet", "type": "typ", "closed": "avslutat"], unitKey: .id,
            layout: .long, measureColumns: [:])
        source.record = "arende"
        source.measurePrefix = "klagomal"
        source.complaintTypes = try #require(config.sources.first { $0.id == "klagomal" }).complaintTypes
        self.source = source
    }

    func read(_ name: String) throws(FileRejection) -> ReadResult {
        try SourceReader(config: config).read(
            path: Fixtures.path("complaints-xml/\(name)"), displayPath: name, source: source)
    }

    @Test(
        "The XML export gives exactly the facts of the same register as CSV; rejections name the entry's line and element"
    )
    func sameAsCSV() throws {
        let xml = try read("register.xml")
        var csvSource = try #require(config.sources.first { $0.id == "klagomal" })
        csvSource.measurePrefix = "klagomal"
        let csv = try SourceReader(config: config).read(
            path: Fixtures.path("complaints-csv/register.csv"), displayPath: "register.csv", source: csvSource)
        #expect(xml.facts == csv.facts)
        #expect(xml.rowsRead == 7)
        #expect(csv.rowsRead == 8)
        #expect(
            xml.rejects.map(\.description) == [
                "register.xml:24: error: [unknown-type] element 'typ': type code 'XYZ' is not mapped; mapped codes: 'AVV', 'BER', 'KLA', 'LMA', 'LSA', 'SYN'",
                "register.xml:31: error: [closed-before-received] element 'avslutat': closed '2025-02-01' is before received '2025-03-01'",
                "register.xml:38: error: [date-format] element 'inkommet': expected YYYY-MM-DD or YYYYMMDD, found '2025-13-01'",
            ])
        let everything = (xml.facts.map { "\($0)" } + xml.rejects.map(\.description)).joined()
        #expect(!everything.contains("Anna") && !everything.contains("19450101"))
    }

    @Test("A file that is not well-formed is rejected whole with the line and libxml2's message")
    func truncated() {
        do {
            _ = try read("truncated.xml")
            Issue.record("expected a rejection")
        } catch {
            #expect(error.finding.rule == "xml-not-well-formed")
            #expect(error.finding.location.line == 20)
            #expect(error.finding.message.hasPrefix("libxml2: "))
        }
    }

    @Test(
        "DTDs are refused: no external entity is fetched and no entity bomb expands",
        arguments: ["xxe.xml", "entity-bomb.xml"])
    func hostile(name: String) {
        do {
            _ = try read(name)
            Issue.record("expected a rejection")
        } catch {
            #expect(
                error.finding.description
                    == "\(name):2: error: [xml-dtd] a document type declaration (DTD) is not accepted: it could define entities or fetch files"
            )
        }
    }
}

@Suite("National survey results, by column mapping alone")
struct NationalSurveyTests {
    @Test("A Kolada-style download: national unit ids, comma separated, decimal point")
    func kolada() throws {
        let config = try Config.load(path: Fixtures.path("demo/kommun.toml"))
        var source = SourceDefinition(
            id: "kolada", kind: .surveyCSV, inbox: "/dev/null", encoding: nil, delimiter: nil,
            columns: [
                "unit": "Enhets-ID", "period": "År", "question": "KPI", "gender": "Kön", "share": "Värde",
                "respondents": "Antal svar",
            ], unitKey: .other, layout: .long, measureColumns: [:])
        source.measurePrefix = "enkat"
        let result = try SourceReader(config: config).read(
            path: Fixtures.path("survey-csv/kolada-style.csv"), displayPath: "kolada.csv", source: source)
        #expect(
            result.rejects.map(\.description) == [
                "kolada.csv:5:3: error: [unknown-unit] column 'Enhets-ID': code 'V15E999999999' is not in the unit register"
            ])
        #expect(
            result.facts.filter { $0.measure == "enkat_positiva" }.map {
                "\($0.enhet) \($0.gender?.rawValue ?? "T") \($0.value)"
            } == [
                "HT01 T 45.76", "HT01 K 27.9", "HT01 M 17.997",
            ])
    }

    @Test("A download that gives the question as text: [source.questions] names its id")
    func questionAsText() throws {
        let text =
            try String(contentsOfFile: Fixtures.path("demo/kommun.toml"), encoding: .utf8) + """

                [[source]]
                id = "nationell"
                kind = "survey-csv"
                inbox = "inbox/nationell/*.csv"
                unit_key = "other"

                [source.columns]
                unit = "Enhets-ID"
                period = "År"
                question = "Fråga"
                respondents = "Antal svar"
                share = "Andel positiva"

                [source.questions]
                helhet = "Hur nöjd eller missnöjd är du sammantaget med din hemtjänst?"

                """
        let config = try Config.parse(text, file: "kommun.toml", baseDirectory: Fixtures.path("demo"))
        let source = try #require(config.sources.first { $0.id == "nationell" })
        let path = try Fixtures.temporaryFile(
            "nationell.csv",
            """
            Enhets-ID;År;Fråga;Antal svar;Andel positiva
            V15E999900001;2025;Hur nöjd eller missnöjd är du sammantaget med din hemtjänst?;40;85
            V15E999900001;2025;Känner du förtroende för personalen?;40;90

            """)
        let result = try SourceReader(config: config).read(path: path, displayPath: "nationell.csv", source: source)
        #expect(result.rejects.isEmpty)
        #expect(
            Set(result.facts.filter { $0.measure == "enkat_positiva" }.map(\.category)) == [
                "helhet", "Känner du förtroende för personalen?",
            ])
    }
}
