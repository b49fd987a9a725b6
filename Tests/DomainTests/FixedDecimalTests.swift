import TestSupport
import Testing

@testable import Domain

@Suite("FixedDecimal and DecimalParser")
struct FixedDecimalTests {
    @Test(
        "Swedish export numbers parse exactly",
        arguments: [
            ("1 234,50", 12_345_000), ("1\u{00A0}234,50", 12_345_000), ("-12,5", -125_000), ("\u{2212}3,2", -32_000),
            ("+7", 70_000), ("0.375", 3_750), ("1234567.89", 12_345_678_900), (" 42 ", 420_000),
            ("1\u{202F}000", 10_000_000), ("0,0001", 1), ("12 345 678,9", 123_456_789_000),
        ])
    func parses(text: String, raw: Int64) {
        #expect(FixedDecimal(text)?.raw == raw)
    }

    @Test(
        "Malformed numbers are rejected, never guessed",
        arguments: [
            "", "-", "12,34,5", "1.2.3", "abc", "12a", ",5", "5,", "1,23456", "--1", "1 234 ,5", "12 34", "1 2345",
            "1234 567", "123456789012345",
        ])
    func rejects(text: String) {
        #expect(FixedDecimal(text) == nil)
    }

    @Test("Formatting rounds half away from zero")
    func formatting() {
        #expect(FixedDecimal(raw: 12_345).formatted(decimals: 2) == "1.23")
        #expect(FixedDecimal(raw: 12_350).formatted(decimals: 2) == "1.24")
        #expect(FixedDecimal(raw: -12_350).formatted(decimals: 2) == "-1.24")
        #expect(FixedDecimal(raw: -16_903_802_000).formatted(decimals: 2) == "-1690380.20")
        #expect(FixedDecimal(raw: 3_750).description == "0.375")
        #expect(FixedDecimal(raw: -30_000).description == "-3")
        #expect(FixedDecimal(ore: -150).ore == -150)
    }

    @Test("Property: format then parse gives the same value")
    func roundTrip() {
        var generator = SplitMix64(seed: 7)
        for _ in 0..<2_000 {
            let raw = Int64(bitPattern: generator.next()) % 100_000_000_000_000
            let value = FixedDecimal(raw: raw)
            #expect(FixedDecimal(value.formatted(decimals: 4)) == value)
            #expect(FixedDecimal(value.description) == value)
        }
    }

    @Test("Property: sums are exact whatever the order")
    func exactSums() {
        var generator = SplitMix64(seed: 11)
        let values = (0..<1_000).map { _ in FixedDecimal(ore: Int64(generator.next() % 10_000_000) - 5_000_000) }
        let forward = values.reduce(FixedDecimal.zero, +)
        let backward = values.reversed().reduce(FixedDecimal.zero, +)
        #expect(forward == backward)
        #expect(forward.ore == values.map(\.ore).reduce(0, +))
    }
}
