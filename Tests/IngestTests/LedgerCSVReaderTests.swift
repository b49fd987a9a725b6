import TestSupport
import Testing

@testable import Domain
@testable import Ingest

@Suite("LedgerCSVReader")
struct LedgerCSVReaderTests {
    let config: Config
    let reader: SourceReader
    let source: SourceDefinition

    init() throws {
        config = try Config.load(path: Fixtures.path("demo/kommun.toml"))
        reader = SourceReader(config: config)
        source = try #require(config.sources.first { $0.id == "ekonomi" })
    }

    func read(_ name: String) throws -> ReadResult {
        try reader.read(
            path: Fixtures.path("ledger-csv/\(name)"), displayPath: "fixtures/ledger-csv/\(name)", source: source)
    }

    @Test("Every rejection rule gives file, line, column and reason")
    func rejects() throws {
        let result = try read("rejects.csv")
        #expect(result.rowsRead == 12)
        #expect(result.rowsAccepted == 6)
        let file = "fixtures/ledger-csv/rejects.csv"
        #expect(
            result.rejects.map(\.description) == [
                "\(file):6:5: error: [amount-format] column 'Belopp': expected a decimal number, found '12,34,5'",
                "\(file):7:1: error: [date-format] column 'Bokföringsdatum': expected YYYY-MM-DD or YYYYMMDD, found '2025-02-30'",
                "\(file):8:5: error: [amount-format] column 'Belopp': expected at most two decimals, found '1,005'",
                "\(file):9: error: [field-count] expected 6 fields, found 4",
                "\(file):10:2: error: [unit-not-valid] column 'Ansvar': unit 'HT04' is not valid in 2025-08 (valid … to 2025-06-30)",
                "\(file):11:3: error: [account-format] column 'Konto': expected account digits, found 'A610'",
            ])
    }

    @Test("Facts are per unit, month and measure, revenues positive")
    func facts() throws {
        let result = try read("rejects.csv")
        let rows = result.facts.map { "\($0.enhet) \($0.month) \($0.measure) \($0.value.formatted(decimals: 2))" }
        #expect(
            rows == [
                "HT01 2025-03 intakter 150000.50",
                "HT01 2025-03 kop_av_tjanster -200.00",
                "HT01 2025-03 personalkostnader 100000.00",
                "SB01 2025-04 ovriga_kostnader 1234.56",
            ])
        #expect(result.months.map(\.description) == ["2025-03", "2025-04"])
    }

    @Test("An unknown unit code is kept as unmapped, not dropped")
    func unmapped() throws {
        let result = try read("rejects.csv")
        #expect(
            result.unmapped == [
                UnmappedAmount(
                    code: "49999", month: Month(year: 2025, month: 3) ?? Month(ordinal: 0), measure: "kop_av_tjanster",
                    amount: FixedDecimal(2_500), rows: 1)
            ])
    }

    @Test("Control totals reconcile to the öre: read = facts + excluded + unmapped + rejected")
    func controlTotals() throws {
        let totals = try read("rejects.csv").controlTotals
        #expect(totals["amount.read"]?.formatted(decimals: 2) == "5534.06")
        #expect(totals["amount.facts"]?.formatted(decimals: 2) == "-48965.94")
        #expect(totals["amount.excluded"]?.formatted(decimals: 2) == "1000.00")
        #expect(totals["amount.unmapped"]?.formatted(decimals: 2) == "2500.00")
        #expect(totals["amount.rejected"]?.formatted(decimals: 2) == "51000.00")
        #expect(totals["rows.unparsable"] == FixedDecimal(3))
        let sum =
            (totals["amount.facts"] ?? .zero) + (totals["amount.excluded"] ?? .zero)
            + (totals["amount.unmapped"] ?? .zero) + (totals["amount.rejected"] ?? .zero)
        #expect(sum == totals["amount.read"])
    }

    @Test("Windows-1252 and tabs are detected without configuration")
    func windows1252Tab() throws {
        let result = try read("windows-1252-tab.csv")
        #expect(result.encoding == .windows1252)
        #expect(result.rejects.isEmpty)
        #expect(
            result.facts.map { "\($0.measure) \($0.value.formatted(decimals: 2))" } == [
                "intakter 99.75", "personalkostnader 1000.25",
            ])
    }

    @Test("A gzipped export reads like the plain file")
    func gzipped() throws {
        let result = try read("gzipped.csv.gz")
        #expect(result.rowsRead == 2)
        #expect(result.facts.map(\.value) == [FixedDecimal(15)])
    }

    @Test("A file without the mapped columns is rejected whole, naming them")
    func missingColumns() throws {
        let path = try Fixtures.temporaryFile("fel.csv", "Datum;Ansvar;Konto\n2025-01-01;41010;5011\n")
        do {
            _ = try reader.read(path: path, displayPath: "fel.csv", source: source)
            Issue.record("expected the file to be rejected")
        } catch {
            #expect(
                error.description
                    == "fel.csv:1: error: [missing-column] column 'Belopp' (amount), 'Bokföringsdatum' (date), 'Text' (text) not found in the header; found 'Datum', 'Ansvar', 'Konto'"
            )
        }
    }

    @Test("An empty file is rejected whole")
    func emptyFile() throws {
        let path = try Fixtures.temporaryFile("tom.csv", "")
        #expect(throws: FileRejection.self) { try reader.read(path: path, displayPath: "tom.csv", source: source) }
    }

    @Test("Read in two halves on two cores, a file gives exactly what it gives in one piece")
    func parallelEqualsSequential() throws {
        var generator = SplitMix64(seed: 41)
        var lines = ["Bokföringsdatum;Ansvar;Konto;Verksamhet;Belopp;Text"]
        let codes = ["41010", "41020", "42010", "43010", "49999", "41040"]
        for index in 0..<20_000 {
            let ore = Int64(generator.next() % 2_000_000) - 1_000_000
            let amount = FixedDecimal(ore: ore).formatted(decimals: 2).replacingOccurrences(of: ".", with: ",")
            let month = 1 + generator.next() % 12
            var row =
                "2025-\(month < 10 ? "0" : "")\(month)-15;\(codes[Int(generator.next() % 6)]);\(4000 + generator.next() % 5000);x;\(amount);t"
            if index % 997 == 0 { row = "2025-13-01;41010;5011;x;1,00;bad date" }
            if index % 1_499 == 0 { row = "2025-01-01;41010;5011;x;1,2,3;bad amount" }
            lines.append(row)
        }
        let path = try Fixtures.temporaryFile("two.csv", lines.joined(separator: "\n") + "\n")
        var sequential = LedgerCSVReader(
            definition: source, units: UnitIndex(config.enheter), enheter: config.enheter, mapping: config.ledger)
        var parallel = sequential
        sequential.parallelThreshold = .max
        parallel.parallelThreshold = 0
        let one = try sequential.read(path: path, displayPath: "two.csv")
        let two = try parallel.read(path: path, displayPath: "two.csv")
        #expect(one.rejects.count > 20)
        #expect(two.rejects == one.rejects)
        #expect(two.facts == one.facts)
        #expect(two.unmapped == one.unmapped)
        #expect(two.controlTotals == one.controlTotals)
        #expect(two.rowsRead == one.rowsRead)
    }

    @Test("A quoted field in a large file makes it read in one piece, with the same result")
    func quotedFallsBack() throws {
        var lines = ["Bokföringsdatum;Ansvar;Konto;Verksamhet;Belopp;Text"]
        for index in 0..<2_000 { lines.append("2025-01-15;41010;5011;x;\(index),00;\"rad\ntvå\"") }
        let path = try Fixtures.temporaryFile("quoted.csv", lines.joined(separator: "\n") + "\n")
        var reader = LedgerCSVReader(
            definition: source, units: UnitIndex(config.enheter), enheter: config.enheter, mapping: config.ledger)
        reader.parallelThreshold = 0
        let result = try reader.read(path: path, displayPath: "quoted.csv")
        #expect(result.rowsRead == 2_000)
        #expect(result.rejects.isEmpty)
        #expect(result.controlTotals["amount.facts"] == FixedDecimal(1_999_000))
    }

    @Test("Property: the sum of facts equals the sum of generated amounts, to the öre")
    func generatedLedger() throws {
        var generator = SplitMix64(seed: 17)
        var lines = ["Bokföringsdatum;Ansvar;Konto;Verksamhet;Belopp;Text"]
        var expected: Int64 = 0
        let codes = ["41010", "41020", "42010", "43010"]
        let accounts = ["3511", "4010", "5011", "6110", "7010"]
        for _ in 0..<3_000 {
            let ore = Int64(generator.next() % 20_000_000) - 10_000_000
            let account = accounts[Int(generator.next() % 5)]
            expected += account.hasPrefix("3") ? -ore : ore
            let amount = FixedDecimal(ore: ore).formatted(decimals: 2).replacingOccurrences(of: ".", with: ",")
            lines.append(
                "2025-0\(1 + generator.next() % 9)-15;\(codes[Int(generator.next() % 4)]);\(account);x;\(amount);t")
        }
        let path = try Fixtures.temporaryFile("gen.csv", lines.joined(separator: "\n"))
        let result = try reader.read(path: path, displayPath: "gen.csv", source: source)
        #expect(result.rejects.isEmpty)
        #expect(result.facts.reduce(Int64(0)) { $0 + $1.value.ore } == expected)
    }
}
