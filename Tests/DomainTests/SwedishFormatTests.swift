import Testing

@testable import Domain

/// The one number format (#21 item 3): exact values in, one rounding, five named styles out.
@Suite("SwedishFormat")
struct SwedishFormatTests {
    static func exact(_ text: String) -> Rational {
        Rational(decimalText: text) ?? .zero
    }

    @Test(
        "One value in every style",
        arguments: [
            ("1234567", 0, "1\u{00A0}234\u{00A0}567", "+1\u{00A0}234\u{00A0}567", "1234567", "1234567"),
            ("12.5", 1, "12,5", "+12,5", "12.5", "12,5"),
            ("-3.24", 1, "\u{2212}3,2", "\u{2212}3,2", "-3.2", "-3,2"),
            ("-0.04", 1, "0,0", "±0,0", "0.0", "0,0"),
            ("999.5", 0, "1\u{00A0}000", "+1\u{00A0}000", "1000", "1000"),
            ("0.125", 2, "0,13", "+0,13", "0.13", "0,13"),
            ("-604186.83", 2, "\u{2212}604\u{00A0}186,83", "\u{2212}604\u{00A0}186,83", "-604186.83", "-604186,83"),
        ])
    func styles(text: String, decimals: Int, display: String, change: String, openData: String, excel: String) {
        let value = Self.exact(text)
        #expect(SwedishFormat.format(value, decimals: decimals, style: .display) == display)
        #expect(SwedishFormat.format(value, decimals: decimals, style: .change) == change)
        #expect(SwedishFormat.format(value, decimals: decimals, style: .openData) == openData)
        #expect(SwedishFormat.format(value, decimals: decimals, style: .excel) == excel)
        #expect(SwedishFormat.format(value, decimals: decimals, style: .message) == openData)
    }

    @Test("Units follow after a no-break space in the display styles only")
    func units() {
        #expect(SwedishFormat.value(1_234_567, decimals: 0, unit: "kr") == "1\u{00A0}234\u{00A0}567\u{00A0}kr")
        #expect(SwedishFormat.change(1_200, decimals: 0, unit: "kr") == "+1\u{00A0}200\u{00A0}kr")
        #expect(SwedishFormat.format(12, decimals: 1, style: .openData, unit: "%") == "12.0")
        #expect(SwedishFormat.number(1_234) == "1\u{00A0}234")
        #expect(SwedishFormat.number(FixedDecimal(raw: 12_345_000)) == "1\u{00A0}234,5")
        #expect(SwedishFormat.message(0.1) == "0.1" && SwedishFormat.message(8) == "8")
    }

    @Test("A value too large to print exactly prints as not computable (display) or missing (machine), never 0")
    func tooLarge() throws {
        let huge = try #require(Rational(Int128(10).multipliedReportingOverflow(by: 1).partialValue << 100, over: 1))
        #expect(SwedishFormat.value(huge, decimals: 18, unit: "kr") == "-")
        #expect(SwedishFormat.change(huge, decimals: 18, unit: "kr") == "-")
        #expect(SwedishFormat.plain(huge, decimals: 18) == "")
        #expect(SwedishFormat.format(huge, decimals: 18, style: .excel) == "")
    }

    @Test(
        "Property: the styles write the same digits, and open data reads back as the value rounded once",
        arguments: 1...20)
    func sameDigits(seed: UInt64) throws {
        var state = seed &* 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        for _ in 0..<200 {
            let numerator = Int128(Int64(bitPattern: next()) >> 20)
            let denominator = Int128(next() % 10_000 + 1)
            let value = try #require(Rational(numerator, over: denominator))
            let decimals = Int(next() % 4)
            let openData = SwedishFormat.format(value, decimals: decimals, style: .openData)
            let excel = SwedishFormat.format(value, decimals: decimals, style: .excel)
            let display = SwedishFormat.format(value, decimals: decimals, style: .display)
            #expect(excel == openData.replacingOccurrences(of: ".", with: ","))
            #expect(
                display.replacingOccurrences(of: "\u{00A0}", with: "").replacingOccurrences(of: "\u{2212}", with: "-")
                    == excel)
            #expect(Rational(decimalText: openData) == value.rounded(decimals: decimals))
        }
    }
}
