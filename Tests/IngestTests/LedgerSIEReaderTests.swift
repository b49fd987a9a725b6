import Foundation
import TestSupport
import Testing

@testable import Domain
@testable import Ingest

@Suite("LedgerSIEReader")
struct LedgerSIEReaderTests {
    let config: Config
    let source = SourceDefinition(
        id: "sie", kind: .ledgerSIE, inbox: "/dev/null", encoding: nil, delimiter: nil, columns: [:], unitKey: .ledger,
        layout: .long, measureColumns: [:])

    init() throws { config = try Config.load(path: Fixtures.path("demo/kommun.toml")) }

    func read(_ name: String) throws -> ReadResult {
        try SourceReader(config: config).read(
            path: Fixtures.path("ledger-sie/\(name)"), displayPath: "fixtures/ledger-sie/\(name)", source: source)
    }

    @Test("Hand-computed facts: dimension 1 names the unit, transaction dates win, budget becomes budget facts")
    func facts() throws {
        let result = try read("kommun-2025-03.se")
        #expect(result.encoding == .cp437)
        // The #TRANS without an object in the unit dimension, on a mapped account, is rejected with its line.
        #expect(
            result.rejects.map(\.description) == [
                "fixtures/ledger-sie/kommun-2025-03.se:31: error: [missing-unit] #TRANS has no object in dimension 1 (the unit): expected a unit's object"
            ])
        #expect(
            result.facts.map { "\($0.enhet) \($0.month) \($0.measure) \($0.value.formatted(decimals: 2))" } == [
                "HT01 2025-02 kop_av_tjanster 10000.00",
                "HT01 2025-03 budget_intakter 2600000.00",
                "HT01 2025-03 budget_personalkostnader 2100000.00",
                "HT01 2025-03 intakter 2600000.00",
                "HT01 2025-03 personalkostnader 2000000.00",
                "SB01 2025-03 intakter 100.00",
                "SB01 2025-03 personalkostnader 1500000.50",
            ])
        #expect(
            result.unmapped.map { "\($0.code) \($0.measure) \($0.amount)" } == [
                "49999 kop_av_tjanster 2500"
            ])
    }

    @Test("Control totals reconcile to the öre")
    func controlTotals() throws {
        let totals = try read("kommun-2025-03.se").controlTotals.mapValues { $0.formatted(decimals: 2) }
        #expect(totals["amount.read"] == "0.00")
        #expect(totals["amount.facts"] == "909900.50")
        #expect(totals["amount.excluded"] == "-912500.50")
        #expect(totals["amount.unmapped"] == "2500.00")
        #expect(totals["amount.rejected"] == "100.00")
    }

    @Test("The checksum computed independently in Python verifies; quoting, tabs and #RTRANS/#BTRANS are handled")
    func scan() throws {
        let scan = try SIEScanner(file: "x").scan(
            try FileByteSource(path: Fixtures.path("ledger-sie/kommun-2025-03.se")), onTransaction: { _ in })
        #expect(scan.ksumma == .ok)
        #expect(scan.vouchers == 3)
        #expect(scan.transactions == 11)
        #expect(scan.company == "Exempelkommun \"Förvaltningen\"")
        #expect(
            scan.totalsByMonth.mapValues { $0.formatted(decimals: 2) } == [
                "2025-02": "10000.00", "2025-03": "-10000.00",
            ])
        #expect(scan.objects == ["1": 2, "6": 1])
    }

    @Test("A file failing its checks is not loaded; every failure is reported")
    func failedChecks() throws {
        do {
            _ = try read("unbalanced-and-ksumma.se")
            Issue.record("expected the file to be rejected")
        } catch let error as FileRejection {
            #expect(
                error.findings.map(\.description) == [
                    "fixtures/ledger-sie/unbalanced-and-ksumma.se:18: error: [unbalanced-voucher] voucher series 'A' number '1' does not balance: its #TRANS rows sum to 0.10",
                    "fixtures/ledger-sie/unbalanced-and-ksumma.se:40: error: [ksumma] #KSUMMA checksum mismatch: the file says '2393131246', its records give 2631552487",
                ])
        }
    }

    @Test("Property: parse(write(ledger)) gives back every transaction, whatever the quoting and spacing")
    func roundTrip() throws {
        var generator = SplitMix64(seed: 29)
        for round in 0..<20 {
            var lines = ["#FLAGGA 0", "#SIETYP 4", "#FNAMN \"Gen \(round)\""]
            var written: [String] = []
            for voucher in 0..<Int(generator.next() % 20 + 1) {
                let day = 1 + Int(generator.next() % 28)
                lines.append(
                    "#VER \"A\" \(voucher) 2025\(String(format: "%02d", 1 + Int(generator.next() % 12)))\(String(format: "%02d", day)) \"v\""
                )
                lines.append("{")
                var sum: Int64 = 0
                for _ in 0..<Int(generator.next() % 5 + 1) {
                    let ore = Int64(generator.next() % 2_000_000) - 1_000_000
                    sum += ore
                    let account = String(4000 + Int(generator.next() % 3000))
                    let code = String(format: "%05d", Int(generator.next() % 100))
                    let quoted = generator.next() % 2 == 0
                    let separator = generator.next() % 2 == 0 ? " " : "\t"
                    let object = quoted ? "{\"1\" \"\(code)\"}" : "{1\(separator)\(code)}"
                    let amount = FixedDecimal(ore: ore).formatted(decimals: 2)
                    lines.append("  #TRANS\(separator)\(account)\(separator)\(object)\(separator)\(amount)")
                    written.append("\(account) \(code) \(amount)")
                }
                lines.append("  #TRANS 1930 {} \(FixedDecimal(ore: -sum).formatted(decimals: 2))")
                written.append("1930  \(FixedDecimal(ore: -sum).formatted(decimals: 2))")
                lines.append("}")
            }
            let path = try Fixtures.temporaryFile("gen.se", lines.joined(separator: "\r\n"))
            var read: [String] = []
            let scan = try SIEScanner(file: "gen.se").scan(try FileByteSource(path: path)) { entry in
                let code = entry.code
                read.append(
                    "\(String(decoding: entry.account, as: UTF8.self)) \(code.map { String(decoding: $0, as: UTF8.self) } ?? "") \(entry.amount.formatted(decimals: 2))"
                )
            }
            #expect(read == written)
            #expect(scan.unbalanced.isEmpty)
        }
    }

    /// A `#TRANS` line in one of the shapes exporters write, common and not.
    static func messyTrans(_ generator: inout SplitMix64, sum: inout Int64) -> String {
        func pick<T>(_ items: [T]) -> T { items[Int(generator.next() % UInt64(items.count))] }
        let ore = Int64(generator.next() % 2_000_000) - 1_000_000
        var account = pick(["3511", "4610", "5011", "6110", "8410", "1930"])
        if generator.next() % 25 == 0 { account = pick(["\"5011\"", "A610", "5O11"]) }
        let code = pick(["41010", "41020", "42010", "41040", "49999", "041010"])
        let object = pick([
            "{1 \"\(code)\"}", "{1 \(code)}", "{\"1\" \"\(code)\"}", "{6 \"P1\" 1 \"\(code)\"}",
            "{1 \"\(code)\" 1 \"41020\"}",
            "{}", "{1}", "{ 1  \(code) }", "{1 \"41\\\"010\"}", "{1 \"\(code)\"}", "{1 \"\(code)\"}",
        ])
        var amount = FixedDecimal(ore: ore).formatted(decimals: 2)
        switch generator.next() % 14 {
        case 0: amount = String(amount.dropLast(3))
        case 1: amount = amount.replacingOccurrences(of: ".", with: ",")
        case 2: amount = "\"\(amount)\""
        case 3: amount += "5"
        case 4: amount = String(amount.dropLast(1))
        default: break
        }
        let date = pick([
            "", "", " 20250315", " \"20250316\"", " \"\"", " 2025-03-17", " 20250230", " 2025031", " 20240229", " {}",
        ])
        let rest = pick(["", "", " \"Text\"", " \"Text med \\\"citat\\\"\" 2.5", " \"Ofullständig"])
        let space = pick([" ", " ", "\t", "  "])
        // The voucher balances over the amounts the general parser reads; an unreadable one voids the check.
        var plain = amount.replacingOccurrences(of: "\"", with: "")
        if let value = plain.withUTF8({ DecimalParser.parse($0) }), value.raw % 100 == 0 { sum += value.ore }
        return pick(["", "\t", "  "]) + "#TRANS" + space + account + space + object + space + amount + date + rest
    }

    /// A `#VER` line in one of the shapes exports write, common and not: quoted or bare fields, tabs, an
    /// empty series, a quoted date, no date, a quote against the date, an escape, text and more after it.
    static func messyVer(_ generator: inout SplitMix64, voucher: Int, date: String) -> String {
        switch generator.next() % 12 {
        case 0: return "\t#VER \"A\" \"\(voucher)\" \(date) \"verifikation\" 20251231 \"sign\""
        case 1: return "#VER  A\t\(voucher)  \"\(date)\""
        case 2: return "#VER \"\" \(voucher) \(date)"
        case 3: return "#VER A \(voucher)"
        case 4: return "#VER A \(voucher) \(date)\"x\""
        case 5: return "#VER \"A\\\"B\" \(voucher) \(date) \"v\""
        case 6: return "#VER A \(voucher) {} \(date)"
        default: return "#VER A \(voucher) \(date) \"v\""
        }
    }

    @Test("Property: common #TRANS lines give on the fast path what they give through SIERecord, any #VER shape")
    func transFastPathEqualsGeneralPath() throws {
        var loaded = 0
        for seed in 1...4 {
            var generator = SplitMix64(seed: UInt64(100 + seed))
            var lines = ["#FLAGGA 0", "#SIETYP 4", "#DIM 1 \"Ansvar\""]
            for voucher in 1...600 {
                let month = 1 + voucher % 12
                let date = voucher % 97 == 0 ? "2025XX01" : "2025\(month < 10 ? "0" : "")\(month)10"
                lines += [Self.messyVer(&generator, voucher: voucher, date: date), "{"]
                var sum: Int64 = 0
                for _ in 0..<Int(1 + generator.next() % 4) { lines.append(Self.messyTrans(&generator, sum: &sum)) }
                lines.append("#TRANS 1930 {} \(FixedDecimal(ore: -sum).formatted(decimals: 2))")
                lines.append("}")
            }
            let body = lines.joined(separator: seed % 2 == 0 ? "\r\n" : "\n") + "\n"
            let path = try Fixtures.temporaryFile("messy-\(seed).se", body)
            // `parts`: bytes per part; 2 kB makes a few dozen parts, more than the cores.
            func read(fast: Bool, parallel: Bool, parts: Int = 32 << 20) -> Result<ReadResult, FileRejection> {
                var reader = LedgerSIEReader(
                    definition: source, units: UnitIndex(config.enheter), enheter: config.enheter,
                    mapping: config.ledger)
                reader.transFastPath = fast
                reader.parallelThreshold = parallel ? 0 : .max
                reader.partBytes = parts
                return Result { () throws(FileRejection) in try reader.read(path: path, displayPath: "messy.se") }
            }
            let expected = read(fast: false, parallel: false)
            for (fast, parallel, parts) in [(true, false, 32 << 20), (true, true, 32 << 20), (true, true, 2_000)] {
                switch (read(fast: fast, parallel: parallel, parts: parts), expected) {
                case (.success(let result), .success(let expected)):
                    loaded += 1
                    #expect(expected.rejects.count > 50)
                    #expect(expected.facts.count > 20)
                    #expect(result.rowsRead == expected.rowsRead)
                    #expect(result.rejects == expected.rejects)
                    #expect(result.facts == expected.facts)
                    #expect(result.unmapped == expected.unmapped)
                    #expect(result.controlTotals == expected.controlTotals)
                case (.failure(let failure), .failure(let expected)):
                    #expect(failure.findings == expected.findings)
                default:
                    Issue.record(
                        "fast \(fast), parallel \(parallel): \(read(fast: fast, parallel: parallel)) vs \(expected)")
                }
            }
        }
        // Each file loads (its vouchers balance), so facts, rejects and totals were compared.
        #expect(loaded == 12)
    }

    @Test("Object ids with å, ä, ö are decoded in the file's encoding (CP437 here) on either path")
    func nonASCIIObjects() throws {
        let enhet = Enhet(
            id: "ÖV1", name: "Öster", omrade: "hemtjanst", regi: .egen, avtalsform: .lov, ledgerCodes: ["Ö1"],
            hrCodes: [], validFrom: nil, validTo: nil)
        // CP437: Ö = 0x99, Å = 0x8F, "Lön" = 4C 94 6E.
        var bytes = Array("#FLAGGA 0\n#FORMAT PC8\n#SIETYP 4\n#VER A 1 20250315 \"L".utf8) + [0x94]
        bytes += Array("n\"\n{\n#TRANS 5011 {1 \"".utf8) + [0x99] + Array("1\"} 100.00\n".utf8)
        bytes += Array("#TRANS 5011 {1 ".utf8) + [0x8F] + Array("9} 50.00 \"\" \"x\"\n".utf8)
        bytes += Array("#TRANS 1930 {} -150.00\n}\n".utf8)
        let path = try Fixtures.temporaryFile("cp437.se", String(decoding: [], as: UTF8.self))
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        for fast in [false, true] {
            var reader = LedgerSIEReader(
                definition: source, units: UnitIndex([enhet]), enheter: [enhet], mapping: config.ledger)
            reader.transFastPath = fast
            let result = try reader.read(path: path, displayPath: "cp437.se")
            #expect(result.encoding == .cp437)
            #expect(
                result.facts.map { "\($0.enhet) \($0.measure) \($0.value.formatted(decimals: 2))" } == [
                    "ÖV1 personalkostnader 100.00"
                ])
            #expect(result.unmapped.map(\.code) == ["Å9"], "fast: \(fast)")
        }
    }

    @Test("Amounts adding up past what 64 bits hold refuse the file whole, in one piece or two, without a crash")
    func amountRange() throws {
        // 200 balanced vouchers of ±99 999 999 999 999.99.
        let path = Fixtures.path("fuzz-regressions/sie-amount-overflow.se")
        for parallel in [false, true] {
            var reader = LedgerSIEReader(
                definition: source, units: UnitIndex(config.enheter), enheter: config.enheter, mapping: config.ledger)
            reader.parallelThreshold = parallel ? 0 : .max
            do {
                _ = try reader.read(path: path, displayPath: "huge.se")
                Issue.record("expected the file to be refused")
            } catch {
                #expect(error.findings.map(\.rule) == ["amount-range"], "parallel: \(parallel)")
            }
        }
    }

    @Test("A line past 1 MiB refuses the file with file, line, rule and a sentence, in one piece or in parts")
    func lineTooLong() throws {
        let path = NSTemporaryDirectory() + "long-line-" + UUID().uuidString + ".se"
        let head = "#FLAGGA 0\r\n#SIETYP 4\r\n#DIM 1 \"Ansvar\"\r\n#VER A 1 20250131 \"x\"\r\n{\r\n"
        let text = head + "#TRANS 5011 {} 1.00 \"" + String(repeating: "A", count: 1_100_000) + "\"\r\n}\r\n"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        for parallel in [false, true] {
            var reader = LedgerSIEReader(
                definition: source, units: UnitIndex(config.enheter), enheter: config.enheter, mapping: config.ledger)
            reader.parallelThreshold = parallel ? 0 : .max
            do {
                _ = try reader.read(path: path, displayPath: "long.se")
                Issue.record("expected the file to be refused")
            } catch {
                #expect(
                    error.findings.map(\.description) == [
                        "long.se:6: error: [line-too-long] the line is longer than 1048576 bytes: the file is not a SIE 4 export, or it is damaged"
                    ], "parallel: \(parallel)")
            }
        }
    }

    @Test("Property: random bytes scan to the end, every finding on a line of the input")
    func randomBytes() throws {
        var generator = SplitMix64(seed: 31)
        let alphabet = Array("#TRANS VER{}\"\\ \t\r\n0123456789.-KSUMMA".utf8)
        var lines = 0
        for round in 0..<200 {
            let bytes = (0..<Int(generator.next() % 3_000)).map { _ in
                generator.next() % 4 == 0
                    ? UInt8(truncatingIfNeeded: generator.next())
                    : alphabet[Int(generator.next() % UInt64(alphabet.count))]
            }
            let lastLine = bytes.filter { $0 == 0x0A || $0 == 0x0D }.count + 1
            var passed = 0
            // Lines of 3,000 bytes at most: nothing stops the scan.
            let scan = try SIEScanner(file: "r").scan(MemoryByteSource(bytes), onTransaction: { _ in passed += 1 })
            #expect(scan.lines <= lastLine && passed <= scan.transactions, "round \(round)")
            for finding in scan.rowFindings {
                #expect(
                    finding.location.line.map { (1...scan.lines).contains($0) } == true, "round \(round): \(finding)")
            }
            for voucher in scan.unbalanced {
                #expect((1...scan.lines).contains(voucher.line), "round \(round): \(voucher)")
            }
            lines += scan.lines
        }
        #expect(lines > 2_000)
    }
}

@Suite("LedgerSIEReader in two parts")
struct LedgerSIEReaderSplitTests {
    let config: Config
    let source = SourceDefinition(
        id: "sie", kind: .ledgerSIE, inbox: "/dev/null", encoding: nil, delimiter: nil, columns: [:], unitKey: .ledger,
        layout: .long, measureColumns: [:])

    init() throws { config = try Config.load(path: Fixtures.path("demo/kommun.toml")) }

    func reader(parallel: Bool) -> LedgerSIEReader {
        var reader = LedgerSIEReader(
            definition: source, units: UnitIndex(config.enheter), enheter: config.enheter, mapping: config.ledger)
        reader.parallelThreshold = parallel ? 0 : .max
        return reader
    }

    /// A generated ledger with a checksum region around everything, a bad amount and an unbalanced voucher.
    func ledger(checksum: String, unbalanced: Bool) -> String {
        var generator = SplitMix64(seed: 53)
        var lines = [
            "#FLAGGA 0", "#KSUMMA", "#PROGRAM \"Gen\" 1", "#SIETYP 4", "#FNAMN \"Exempelkommun\"", "#DIM 1 \"Ansvar\"",
        ]
        let codes = ["41010", "41020", "42010", "43010", "49999"]
        for voucher in 1...400 {
            lines.append("#VER A \(voucher) 2025\(String(format: "%02d", 1 + voucher % 12))15 \"v\"")
            lines.append("{")
            var sum: Int64 = 0
            for _ in 0..<4 {
                let ore = Int64(generator.next() % 1_000_000) - 300_000
                sum += ore
                let account = ["3511", "4610", "5011", "6110", "8410"][Int(generator.next() % 5)]
                lines.append(
                    "\t#TRANS \(account) {1 \"\(codes[Int(generator.next() % 5)])\"} \(FixedDecimal(ore: ore).formatted(decimals: 2))"
                )
            }
            if voucher == 300 { lines.append("\t#TRANS 6110 {} 12,3,4") }
            let balance = unbalanced && voucher == 350 ? -sum + 1 : -sum
            lines.append("\t#TRANS 1930 {} \(FixedDecimal(ore: balance).formatted(decimals: 2))")
            lines.append("}")
        }
        lines.append("#KSUMMA \(checksum)")
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    @Test("Two parts give exactly the one-piece result, the combined #KSUMMA included")
    func sameResult() throws {
        // Find the checksum with a one-piece scan of a file whose closing value is wrong, then write the right one.
        let probe = try Fixtures.temporaryFile("probe.se", ledger(checksum: "0", unbalanced: false))
        let computed = try SIEScanner(file: "p").scan(try FileByteSource(path: probe), onTransaction: { _ in }).ksumma
        guard case .mismatch(_, let value) = computed else {
            Issue.record("expected a mismatch, got \(computed)")
            return
        }
        let path = try Fixtures.temporaryFile("right.se", ledger(checksum: String(value), unbalanced: false))
        let one = try reader(parallel: false).read(path: path, displayPath: "right.se")
        let two = try reader(parallel: true).read(path: path, displayPath: "right.se")
        #expect(one.rejects.count == 1)
        #expect(two.rejects == one.rejects)
        #expect(two.facts == one.facts)
        #expect(two.unmapped == one.unmapped)
        #expect(two.controlTotals == one.controlTotals)
        #expect(two.rowsRead == one.rowsRead)
    }

    /// 24,000 vouchers of about 114 bytes (2.7 MB, split near voucher 12,000), with a checksum region from
    /// after voucher `opening` to after voucher `closing`; past voucher 9,200 is past the first megabyte,
    /// the head the split reader searches for an opening.
    func lateChecksum(opening: Int, closing: Int, checksum: String) -> String {
        var lines = ["#FLAGGA 0", "#PROGRAM \"Gen\" 1", "#SIETYP 4", "#DIM 1 \"Ansvar\""]
        for voucher in 1...24_000 {
            lines.append("#VER A \(voucher) 20250315 \"verifikation\"")
            lines.append("{")
            lines.append("#TRANS 5011 {1 \"41010\"} \(voucher).25 20250315 \"lön\"")
            lines.append("#TRANS 1930 {} -\(voucher).25")
            lines.append("}")
            if voucher == opening { lines.append("#KSUMMA") }
            if voucher == closing { lines.append("#KSUMMA \(checksum)") }
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    @Test(
        "A checksum region opening past the head: two or many parts give the one-piece result and verdict",
        arguments: [(10_000, 11_000), (10_000, 24_000), (18_000, 24_000), (2, 24_000)])
    func lateChecksumRegion(opening: Int, closing: Int) throws {
        let probe = try Fixtures.temporaryFile(
            "late-probe.se", lateChecksum(opening: opening, closing: closing, checksum: "0"))
        let computed = try SIEScanner(file: "p").scan(try FileByteSource(path: probe), onTransaction: { _ in }).ksumma
        guard case .mismatch(_, let value) = computed else {
            Issue.record("expected a mismatch, got \(computed)")
            return
        }
        for checksum in [String(value), "12345"] {
            let path = try Fixtures.temporaryFile(
                "late.se", lateChecksum(opening: opening, closing: closing, checksum: checksum))
            func outcome(_ parallel: Bool, parts: Int = 32 << 20) -> [String] {
                var reader = reader(parallel: parallel)
                reader.partBytes = parts
                do {
                    let result = try reader.read(path: path, displayPath: "late.se")
                    return result.facts.map { "\($0.enhet) \($0.month) \($0.measure) \($0.value)" }
                        + result.controlTotals.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
                } catch {
                    return error.findings.map(\.description)
                }
            }
            let one = outcome(false)
            #expect(!one.isEmpty)
            #expect(one.contains { $0.contains("[ksumma]") } == (checksum == "12345"))
            #expect(outcome(true) == one)
            #expect(outcome(true, parts: 100_000) == one)
        }
    }

    @Test("Two parts report the same failed checks, lines included")
    func sameFailures() throws {
        let path = try Fixtures.temporaryFile("wrong.se", ledger(checksum: "12345", unbalanced: true))
        func failures(_ parallel: Bool) -> [String] {
            do {
                _ = try reader(parallel: parallel).read(path: path, displayPath: "wrong.se")
                return []
            } catch {
                return error.findings.map(\.description)
            }
        }
        let one = failures(false)
        #expect(one.count == 2)
        #expect(failures(true) == one)
    }
}
