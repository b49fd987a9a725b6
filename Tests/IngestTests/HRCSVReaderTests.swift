import TestSupport
import Testing

@testable import Domain
@testable import Ingest

@Suite("HRCSVReader")
struct HRCSVReaderTests {
    @Test("Hand-computed: distinct persons, årsarbetare, hours and hourly-paid hours per category and gender")
    func snapshot() throws {
        let config = try Config.load(path: Fixtures.path("demo/kommun.toml"))
        let source = try #require(config.sources.first { $0.kind == .hrCSV })
        let result = try SourceReader(config: config).read(
            path: Fixtures.path("hr-csv/anstallda.csv"), displayPath: "hr.csv", source: source)
        #expect(
            result.rejects.map(\.description) == [
                "hr.csv:6:2: error: [unknown-unit] column 'HR-kod': HR code 'F999' is not in the unit register",
                "hr.csv:7:5: error: [degree-format] column 'Sysselsättningsgrad': expected a percentage from 0 to 200, found '250'",
                "hr.csv:8:7: error: [gender-format] column 'Kön': expected K, M or nothing, found 'X'",
                "hr.csv:9:8: error: [hours-format] column 'Arbetade timmar': expected hours of zero or more, found '-5'",
                "hr.csv:10:1: error: [employee-missing] column 'Anstid': expected an employee id, found nothing",
            ])
        let rows = Set(result.facts.map { "\($0.measure) \($0.gender?.rawValue ?? "T") \($0.value)" })
        #expect(
            rows == [
                "personal_antal T 3", "personal_antal K 2", "personal_antal M 1",
                "arsarbetare T 1.75", "arsarbetare K 1", "arsarbetare M 0.75",
                "arbetade_timmar T 318.5", "arbetade_timmar K 198.5", "arbetade_timmar M 120",
                "sjuktimmar T 17.5", "sjuktimmar K 14.5", "sjuktimmar M 3",
                "schematimmar T 336.75", "schematimmar K 213", "schematimmar M 123.75",
                "timavlonade_timmar T 48", "timavlonade_timmar K 48",
            ])
        #expect(result.facts.allSatisfy { $0.enhet == "FS01" && $0.category == "barnskotare" })
        let everything = (result.facts.map { "\($0)" } + result.rejects.map(\.description)).joined()
        #expect(!everything.contains("7001") && !everything.contains("7003"))
    }

    /// One month of Förskolan Ekorren's staff, the degrees written `percent` or as the fraction of full time.
    static func snapshot(_ degrees: [String]) -> String {
        let rows = [
            "8001;F430;2025-03;forskollarare;%@;MAN;K;160;0;160", "8002;F430;2025-03;forskollarare;%@;MAN;K;120;0;120",
            "8003;F430;2025-03;barnskotare;%@;MAN;M;80;8;80", "8004;F430;2025-03;barnskotare;%@;TIM;K;24;;24",
        ]
        let header =
            "Anstid;HR-kod;Månad;Personalkategori;Sysselsättningsgrad;Anställningsform;Kön;Arbetade timmar;Sjuktimmar;Schemalagda timmar"
        return ([header] + zip(rows, degrees).map { $0.replacingOccurrences(of: "%@", with: $1) })
            .joined(separator: "\r\n") + "\r\n"
    }

    func read(_ text: String) throws -> ReadResult {
        let config = try Config.load(path: Fixtures.path("demo/kommun.toml"))
        let source = try #require(config.sources.first { $0.kind == .hrCSV })
        let path = try Fixtures.temporaryFile("anstallda-2025-03.csv", text)
        return try SourceReader(config: config).read(path: path, displayPath: "hr.csv", source: source)
    }

    @Test(
        "Degrees as fractions or as percentages give the same årsarbetare; the form is the file's, not the row's",
        arguments: [["1", "0,75", "0,5", "0"], ["100", "75", "50", "0"], ["1,0", "0.75", "0,50", ""]])
    func degreeForms(degrees: [String]) throws {
        let result = try read(Self.snapshot(degrees))
        #expect(result.rejects.isEmpty)
        let fte = result.facts.filter { $0.measure == "arsarbetare" }
            .map { "\($0.category) \($0.gender?.rawValue ?? "T") \($0.value)" }
        #expect(
            Set(fte) == [
                "forskollarare T 1.75", "forskollarare K 1.75", "barnskotare T 0.5", "barnskotare M 0.5",
                "barnskotare K 0",
            ])
    }

    @Test("A fraction among percentages is rejected with its line and column and the percentage it clashes with")
    func mixedForms() throws {
        let result = try read(Self.snapshot(["100", "0,75", "50", "1"]))
        #expect(
            result.rejects.map(\.description) == [
                "hr.csv:3:5: error: [degree-form] column 'Sysselsättningsgrad': expected a percentage like line 2's '100', found '0,75' (a fraction?): write all of a file's degrees as percentages or all as fractions",
                "hr.csv:5:5: error: [degree-form] column 'Sysselsättningsgrad': expected a percentage like line 2's '100', found '1' (a fraction?): write all of a file's degrees as percentages or all as fractions",
            ])
        let fte = result.facts.filter { $0.measure == "arsarbetare" && $0.gender == nil }.map {
            "\($0.category) \($0.value)"
        }
        #expect(Set(fte) == ["forskollarare 1", "barnskotare 0.5"])
    }
}
