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
}
