import Foundation
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

    @Test("Unit codes with å, ä, ö are decoded in the file's encoding (Windows-1252 here) on either path")
    func nonASCIICodes() throws {
        let enhet = Enhet(
            id: "ÖV1", name: "Öster", omrade: "hemtjanst", regi: .egen, avtalsform: .lov, ledgerCodes: ["Ö1"],
            hrCodes: [], validFrom: nil, validTo: nil)
        // Windows-1252: Ö = 0xD6, Å = 0xC5.
        var bytes = Array("Bokf".utf8) + [0xF6] + Array("ringsdatum;Ansvar;Konto;Verksamhet;Belopp;Text\n".utf8)
        bytes += Array("2025-03-15;".utf8) + [0xD6] + Array("1;5011;x;100,00;t\n".utf8)
        bytes += Array("2025-03-15;".utf8) + [0xC5] + Array("9;5011;x;50,00;t\n".utf8)
        let path = try Fixtures.temporaryFile("w1252.csv", "")
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        for scanner in [false, true] {
            var reader = LedgerCSVReader(
                definition: source, units: UnitIndex([enhet]), enheter: [enhet], mapping: config.ledger)
            reader.lineScanner = scanner
            let result = try reader.read(path: path, displayPath: "w1252.csv")
            #expect(result.encoding == .windows1252)
            #expect(result.facts.map { "\($0.enhet) \($0.value.formatted(decimals: 2))" } == ["ÖV1 100.00"])
            #expect(result.unmapped.map(\.code) == ["Å9"], "scanner: \(scanner)")
        }
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
                    == "fel.csv:1: error: [missing-column] column 'Belopp' (amount), 'Bokföringsdatum' (date), 'Text' (text) not found in the header; the header line has 3 fields, not quoted: a file without its header starts with a data row"
            )
        }
    }

    @Test("An empty file is rejected whole")
    func emptyFile() throws {
        let path = try Fixtures.temporaryFile("tom.csv", "")
        #expect(throws: FileRejection.self) { try reader.read(path: path, displayPath: "tom.csv", source: source) }
    }

    @Test("Read in parts on all cores, two or many, a file gives exactly what it gives in one piece")
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
        // Many parts too: more than the cores, each taken by whichever core is free.
        var inParts = parallel
        inParts.partBytes = 4_096
        let one = try sequential.read(path: path, displayPath: "two.csv")
        #expect(one.rejects.count > 20)
        for split in [parallel, inParts] {
            let two = try split.read(path: path, displayPath: "two.csv")
            #expect(two.rejects == one.rejects)
            #expect(two.facts == one.facts)
            #expect(two.unmapped == one.unmapped)
            #expect(two.controlTotals == one.controlTotals)
            #expect(two.rowsRead == one.rowsRead)
        }
    }

    /// A ledger row in one of the many shapes exports take, plain and not: thousands spaces, `−`, `+`,
    /// three decimals, padded codes, compact dates, impossible dates, unknown units, a unit past its
    /// validity, too few or too many fields, letters in accounts, quotes, CRLF, empty lines.
    static func messyRow(_ generator: inout SplitMix64) -> String {
        func pick<T>(_ items: [T]) -> T { items[Int(generator.next() % UInt64(items.count))] }
        let ore = Int64(generator.next() % 200_000_000) - 100_000_000
        var amount = FixedDecimal(ore: ore).formatted(decimals: 2)
        switch generator.next() % 12 {
        case 0: amount = amount.replacingOccurrences(of: ".", with: ",")
        case 1: amount = String(amount.dropLast(3))
        case 2: amount = String(amount.dropLast(1))
        case 3: amount = amount.replacingOccurrences(of: "-", with: "−")
        case 4: amount = ore >= 0 ? "+" + amount : amount
        case 5: amount += "5"
        case 6: amount = " " + amount
        case 7: amount = pick(["1 234,50", "12 34,5", "1,2,3", "", "abc", "9999999999,99", "123456789012345"])
        default: amount = amount.replacingOccurrences(of: ".", with: ",")
        }
        let month = 1 + generator.next() % 12
        var date = "2025-\(month < 10 ? "0" : "")\(month)-\(10 + generator.next() % 19)"
        switch generator.next() % 14 {
        case 0: date = date.replacingOccurrences(of: "-", with: "")
        case 1: date = pick(["2025-02-29", "2024-02-29", "2025-02-30", "2025-04-31", "2025-13-01", "1899-12-31"])
        case 2: date = pick(["", " 2025-03-01", "2025-3-1", "2025/03/01", "2025-03-01x"])
        default: break
        }
        var code = pick(["41010", "41020", "42010", "43010", "41040", "41040", "49999", "41010"])
        if generator.next() % 15 == 0 { code = pick([" 41010", "41010 ", "", "4101O", "Å1010"]) }
        var account = pick(["3511", "4010", "4610", "5011", "6110", "7010", "8410", "1930", "2440"])
        if generator.next() % 20 == 0 { account = pick(["A610", "", " 5011", "50110000000000000000", "0"]) }
        var fields = [date, code, account, "x", amount, "t"]
        switch generator.next() % 40 {
        case 0: fields.removeLast()
        case 1: fields.append("extra")
        case 2: fields[5] = "\"citat; med semikolon\""
        case 3: fields[4] = "\"\(amount)\""
        default: break
        }
        var row = fields.joined(separator: ";")
        switch generator.next() % 30 {
        case 0: row += "\r"
        case 1: row = "\n" + row
        case 2: row = "\r\n" + row
        default: break
        }
        return row
    }

    @Test("Property: plain rows give on the line scanner's fast path what they give on the general path")
    func lineScannerEqualsGeneralPath() throws {
        for seed in 1...6 {
            var generator = SplitMix64(seed: UInt64(seed))
            var lines = ["Bokföringsdatum;Ansvar;Konto;Verksamhet;Belopp;Text"]
            for index in 0..<6_000 {
                lines.append(
                    index % 3 == 0 ? Self.messyRow(&generator) : "2025-03-15;41010;5011;x;\(index),50;plain row")
            }
            let ending = seed % 2 == 0 ? "\n" : ""
            let path = try Fixtures.temporaryFile("messy-\(seed).csv", lines.joined(separator: "\n") + ending)
            var general = LedgerCSVReader(
                definition: source, units: UnitIndex(config.enheter), enheter: config.enheter, mapping: config.ledger)
            general.lineScanner = false
            general.parallelThreshold = .max
            var fast = general
            fast.lineScanner = true
            var fastInTwo = fast
            fastInTwo.parallelThreshold = 0
            // About a hundred parts of 2 kB, more than the cores, taken by whichever is free.
            var fastInParts = fastInTwo
            fastInParts.partBytes = 2_000
            let expected = try general.read(path: path, displayPath: "messy.csv")
            #expect(expected.rejects.count > 100)
            #expect(!expected.unmapped.isEmpty)
            for result in [
                try fast.read(path: path, displayPath: "messy.csv"),
                try fastInTwo.read(path: path, displayPath: "messy.csv"),
                try fastInParts.read(path: path, displayPath: "messy.csv"),
            ] {
                #expect(result.rowsRead == expected.rowsRead)
                #expect(result.rejects == expected.rejects)
                #expect(result.facts == expected.facts)
                #expect(result.unmapped == expected.unmapped)
                #expect(result.controlTotals == expected.controlTotals)
                #expect(result.months == expected.months)
            }
        }
    }

    @Test("Amounts adding up past what 64 bits hold refuse the file whole, on either path, without a crash")
    func amountRange() throws {
        // Ten amounts of almost 10^14 kronor, every other one with thousands spaces so that with the scanner on,
        // both paths add to the same total: each one reads, together they pass ±9.2 · 10^14.
        let path = Fixtures.path("fuzz-regressions/ledger-amount-overflow.csv")
        for scanner in [false, true] {
            var reader = LedgerCSVReader(
                definition: source, units: UnitIndex(config.enheter), enheter: config.enheter, mapping: config.ledger)
            reader.lineScanner = scanner
            do {
                _ = try reader.read(path: path, displayPath: "huge.csv")
                Issue.record("expected the file to be refused")
            } catch {
                #expect(error.finding.rule == "amount-range")
                #expect(error.description.hasPrefix("huge.csv: error: [amount-range] the amounts add up to more than"))
            }
        }
    }

    @Test("PlainFields: amounts and dates read on the fast paths have the general parsers' values")
    func scannerParsers() {
        /// Calls `body` with a copy of the text's UTF-8 bytes in an allocation of their size (one byte for
        /// an empty text), so that a read past the end is a read past the allocation.
        func withBytes<Result>(_ text: String, _ body: (UnsafePointer<UInt8>, Int) -> Result) -> Result {
            let bytes = Array(text.utf8)
            let pointer = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, bytes.count))
            defer { pointer.deallocate() }
            pointer.initialize(from: bytes, count: bytes.count)
            return body(pointer, bytes.count)
        }
        func amount(_ text: String) -> Int64? { withBytes(text) { PlainFields.amount($0, count: $1) } }
        for text in [
            "0", "1", "-1", "+1", "12,5", "12.50", "-0,01", "99999999999999,99", "1,", ",5", "1,234",
            "123456789012345", "-", "", "1e5", "1 000",
        ] {
            var copy = text
            let general = copy.withUTF8 { DecimalParser.parse($0) }.flatMap { $0.raw % 100 == 0 ? $0.raw : nil }
            let fast = amount(text)
            // The fast path may decline what the general one reads, never read it differently.
            #expect(fast == nil || fast == general, "\(text)")
        }
        #expect(amount("1 000") == nil)
        #expect(amount("-15543,01") == -155_430_100)
        // The prefix form reads the same amount and says where it ends; a decimal mark needs a digit after it.
        for (text, expected) in [
            ("15543.01 20250121", (155_430_100, 8)), ("-7 x", (-70_000, 2)), ("12,5", (125_000, 4)),
            ("1,234", (12_300, 4)), ("3.x", nil), ("x1", nil), ("123456789012345", nil),
        ] as [(String, (Int64, Int)?)] {
            let prefix = withBytes(text) { PlainFields.amountPrefix($0, limit: $1) }
            #expect(prefix?.raw == expected?.0 && prefix?.count == expected?.1, "\(text)")
        }
        for text in ["2025-01-31", "20250131", "2024-02-29", "2025-02-29", "2025-13-01", "1899-12-31", "2025-1-31"] {
            var copy = text
            let general = copy.withUTF8 { Day(bytes: $0)?.monthValue.ordinal }
            let fast = withBytes(text) { PlainFields.monthOrdinal(day: $0, count: $1) }
            #expect(fast == general, "\(text)")
        }
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
