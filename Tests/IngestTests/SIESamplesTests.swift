import TestSupport
import Testing

@testable import Domain
@testable import Ingest

/// The real exports in ../shared/samples/sie. Counts were checked with grep and the totals with an
/// independent Python sum over the #TRANS lines.
@Suite("SIE 4 samples from real ledger systems")
struct SIESamplesTests {
    struct Expected: Sendable, CustomStringConvertible {
        let file: String
        let encoding: TextEncoding
        let program: String
        let company: String
        let vouchers: Int
        let transactions: Int
        let ksumma: String
        let classes: [String: String]
        var description: String { file }
    }

    static let samples: [Expected] = [
        Expected(
            file: "official-exempelfil-visma-2022.se", encoding: .cp437,
            program: "Visma Administration 2000 med Visma Integration", company: "Övningsbolaget AB", vouchers: 295,
            transactions: 1330, ksumma: "absent",
            classes: [
                "1": "221399.11", "2": "852945.00", "3": "-5778873.41", "4": "2466533.74", "5": "374887.10",
                "6": "91230.80", "7": "1773365.55", "8": "-1487.89",
            ]),
        Expected(
            file: "bl-administration-typ4.se", encoding: .cp437, program: "BL Administration",
            company: "SEEE Speak Easy Executive English AB", vouchers: 84, transactions: 405, ksumma: "absent",
            classes: [
                "1": "300060.17", "2": "-87476.70", "3": "-289328.17", "4": "47293.20", "5": "13818.50", "7": "4513.00",
                "9": "11120.00",
            ]),
        Expected(
            file: "fortnox-sie4.si", encoding: .cp437, program: "Fortnox Bokföring", company: "Testföretaget AB",
            vouchers: 165,
            transactions: 869, ksumma: "absent",
            classes: [
                "1": "65129.00", "2": "-64167.96", "3": "-13609451.29", "4": "6899206.00", "5": "1145700.25",
                "6": "553980.00", "7": "4157527.00", "8": "852077.00",
            ]),
        Expected(
            file: "avendo-sie4.se", encoding: .cp437, program: "Avendo", company: "Övningsbolaget AB", vouchers: 20,
            transactions: 76, ksumma: "absent",
            classes: [
                "1": "-128095.20", "2": "87885.13", "3": "-20177.11", "4": "47120.00", "5": "19416.59", "6": "1239.40",
                "7": "-7388.81",
            ]),
        Expected(
            file: "mamut-sie4.se", encoding: .cp437, program: "Mamut Enterprise", company: "Mamut_SIE", vouchers: 168,
            transactions: 458, ksumma: "absent",
            classes: ["1": "13100297.72", "2": "-2880649.82", "3": "-10480594.09", "4": "220946.19", "5": "40000.00"]),
        Expected(
            file: "norstedts-bokslut-4e-ksumma.se", encoding: .cp437, program: "Norstedts Bokslut",
            company: "Datakonsulterna AB",
            vouchers: 177, transactions: 678, ksumma: "ok",
            classes: [
                "1": "1059448.04", "2": "35040.07", "3": "-4726937.60", "4": "1360617.00", "5": "350472.60",
                "6": "273748.80", "7": "1647284.09", "8": "327.00",
            ]),
        Expected(
            file: "kontek-lonekorning.si", encoding: .cp437, program: "Kontek Lön", company: "Demoföretaget AB",
            vouchers: 1,
            transactions: 25, ksumma: "absent",
            classes: ["1": "-115486.00", "2": "-100412.00", "3": "-0.03", "7": "215898.03"]),
        Expected(
            file: "blblov-iso-8859-15.se", encoding: .iso885915, program: "BL Administration",
            company: "Övningsföretaget AB",
            vouchers: 20, transactions: 74, ksumma: "absent",
            classes: [
                "1": "-58499.76", "2": "-21214.03", "3": "-6700.00", "4": "800.00", "5": "485.41", "6": "1836.00",
                "7": "83292.38",
            ]),
        Expected(
            file: "blblov-utf8.se", encoding: .utf8, program: "BL Administration", company: "Övningsföretaget AB",
            vouchers: 20,
            transactions: 74, ksumma: "absent",
            classes: [
                "1": "-58499.76", "2": "-21214.03", "3": "-6700.00", "4": "800.00", "5": "485.41", "6": "1836.00",
                "7": "83292.38",
            ]),
    ]

    static func scan(_ file: String) throws -> SIEScan {
        let path = Fixtures.root + "/../shared/samples/sie/" + file
        return try SIEScanner(file: file).scan(try FileByteSource(path: path), onTransaction: { _ in })
    }

    @Test("Every sample reads: encoding, names, counts, checksum and totals per account class", arguments: samples)
    func sample(_ expected: Expected) throws {
        let scan = try Self.scan(expected.file)
        #expect(scan.encoding == expected.encoding)
        #expect(scan.program == expected.program)
        #expect(scan.company == expected.company)
        #expect(scan.vouchers == expected.vouchers)
        #expect(scan.transactions == expected.transactions)
        #expect(scan.ksumma.label == expected.ksumma)
        #expect(scan.totalsByAccountClass.mapValues { $0.formatted(decimals: 2) } == expected.classes)
        #expect(scan.unbalanced.isEmpty)
        #expect(scan.rowFindings.isEmpty)
        #expect(scan.checkFindings.isEmpty)
    }

    @Test("The unbalanced voucher is reported with series, number, line and difference")
    func unbalanced() throws {
        let scan = try Self.scan("avendo-bad-balance.se")
        #expect(scan.unbalanced == [.init(series: "B", number: "1", line: 3905, difference: FixedDecimal(-12_771))])
        #expect(
            scan.checkFindings.map(\.description) == [
                "avendo-bad-balance.se:3905: error: [unbalanced-voucher] voucher series 'B' number '1' does not balance: its #TRANS rows sum to -12771.00"
            ])
    }

    @Test("Objects keep their leading zeros; dimensions are counted")
    func objects() throws {
        let scan = try Self.scan("official-exempelfil-visma-2022.se")
        #expect(scan.objects == ["1": 2, "6": 35])
        let mamut = try Self.scan("mamut-sie4.se")
        #expect(mamut.objects == ["1": 1, "6": 5, "8": 22, "9": 5])
        var codes: Set<String> = []
        let path = Fixtures.root + "/../shared/samples/sie/official-exempelfil-visma-2022.se"
        _ = try SIEScanner(file: "x", dimension: Array("6".utf8)).scan(try FileByteSource(path: path)) { entry in
            if let code = entry.code { codes.insert(String(decoding: code, as: UTF8.self)) }
        }
        #expect(codes.contains { $0.hasPrefix("0") })
    }

    @Test("#PBUDGET with period and account swapped (BL Administration 2018) is read")
    func swappedBudget() throws {
        var budget = FixedDecimal.zero
        var rows = 0
        let path = Fixtures.root + "/../shared/samples/sie/blblov-iso-8859-15.se"
        let scan = try SIEScanner(file: "x").scan(
            try FileByteSource(path: path), onTransaction: { _ in },
            onBudget: { entry in
                rows += 1
                budget += entry.amount
                #expect(entry.month.year == 2017)
            })
        #expect(rows == scan.budgetRows)
        #expect(rows > 0)
        #expect(scan.rowFindings.isEmpty)
        _ = budget
    }
}
