import TestSupport
import Testing

@testable import Domain
@testable import Ingest

@Suite("VolumeCSVReader")
struct VolumeCSVReaderTests {
    let config: Config

    init() throws { config = try Config.load(path: Fixtures.path("demo/kommun.toml")) }

    @Test("Long layout: each rejection rule with its line and column")
    func long() throws {
        let source = try #require(config.sources.first { $0.id == "volymer" })
        let file = "fixtures/volume-csv/long.csv"
        let result = try SourceReader(config: config).read(
            path: Fixtures.path("volume-csv/long.csv"), displayPath: file, source: source)
        #expect(result.rowsRead == 9)
        #expect(
            result.rejects.map(\.description) == [
                "\(file):4: error: [duplicate-row] unit 'HT01' 2025-03 measure 'brukare' appears earlier in the file",
                "\(file):5:1: error: [unknown-unit] column 'Enhet': unit id 'HT99' is not in the unit register",
                "\(file):6:3: error: [unknown-measure] column 'Mått': no [[measure]] has id 'besok'",
                "\(file):7:5: error: [negative-value] column 'Värde': expected zero or more, found '-1'",
                "\(file):8:2: error: [month-format] column 'Månad': expected YYYY-MM or YYYYMM, found '2025-3'",
                "\(file):9:1: error: [unit-not-valid] column 'Enhet': unit 'FS05' is not valid in 2025-03 (valid 2025-08-01 to …)",
            ])
        #expect(
            result.facts.map { "\($0.enhet) \($0.measure) \($0.value)" } == [
                "HT01 beviljade_timmar 3154.5", "HT01 brukare 94", "HT13 brukare 4",
            ])
        #expect(result.controlTotals["value.brukare"] == FixedDecimal(98))
    }

    @Test("Wide layout: one column per measure, empty cells are no value")
    func wide() throws {
        let source = SourceDefinition(
            id: "wide", kind: .volumeCSV, inbox: "/dev/null", encoding: nil, delimiter: nil,
            columns: ["unit": "Enhet", "month": "Period"], unitKey: .id, layout: .wide,
            measureColumns: ["brukare": "Brukare", "beviljade_timmar": "Beviljad tid", "utforda_timmar": "Utförd tid"])
        let file = "fixtures/volume-csv/wide.csv"
        let result = try SourceReader(config: config).read(
            path: Fixtures.path("volume-csv/wide.csv"), displayPath: file, source: source)
        #expect(
            result.rejects.map(\.description) == [
                "\(file):4:3: error: [value-format] column 'Brukare': expected a number, found 'abc'"
            ])
        #expect(
            result.facts.map { "\($0.enhet) \($0.measure) \($0.value)" } == [
                "HT01 beviljade_timmar 3154.5", "HT01 brukare 94", "HT01 utforda_timmar 2800", "HT02 brukare 108",
            ])
    }
}
