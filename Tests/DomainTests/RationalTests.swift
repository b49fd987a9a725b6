import Domain
import Foundation
import Testing

@Suite("Rational: exact values, rounded once, half away from zero")
struct RationalTests {
    @Test(
        "The halves that binary floating point rounded down now round up",
        arguments: [
            ("19.005", "21", 2, "0.91"), ("90.5", "1", 0, "91"), ("92.5", "1", 0, "93"), ("88.5", "1", 0, "89"),
            ("-2.5", "1", 0, "-3"), ("0.125", "1", 2, "0.13"), ("-0.125", "1", 2, "-0.13"), ("1", "3", 2, "0.33"),
            ("-0.001", "1", 2, "0.00"),
        ])
    func halves(numerator: String, denominator: String, decimals: Int, expected: String) throws {
        let a = try #require(Rational(decimalText: numerator))
        let b = try #require(Rational(decimalText: denominator))
        // 19,005 of 21 is 0,905 exactly; as a percentage 90,5, which rounds to 91.
        let value = try #require(a.divided(by: b))
        let digits = try #require(value.digits(decimals: decimals))
        #expect((digits.negative ? "-" : "") + digits.whole + (decimals > 0 ? "." + digits.fraction : "") == expected)
        #expect(Double(19.005 / 21 * 100).rounded(.toNearestOrAwayFromZero) == 90, "the defect: Double gives 90")
        let percent = try #require(Rational(decimalText: "19.005")?.divided(by: 21)?.multiplied(by: 100))
        #expect(percent.rounded(decimals: 0) == 91)
    }

    @Test("Property: rounding agrees with Foundation's Decimal rounding (half away from zero)", arguments: 1...20)
    func againstDecimal(seed: UInt64) throws {
        var generator = SplitMix(seed: seed)
        for _ in 0..<500 {
            let numerator = Int(generator.next() % 2_000_001) - 1_000_000
            let denominator = Int(generator.next() % 400) + 1
            let decimals = Int(generator.next() % 4)
            let value = try #require(Rational(Int128(numerator), over: Int128(denominator)))
            let rounded = try #require(value.rounded(decimals: decimals))
            var exact = Decimal(numerator) / Decimal(denominator)
            var reference = Decimal()
            NSDecimalRound(&reference, &exact, decimals, .plain)
            #expect(rounded.description == Self.plain(reference), "\(numerator)/\(denominator) at \(decimals)")
        }
    }

    @Test(
        "Property: sums, differences and products are exact; order agrees with cross-multiplication", arguments: 1...10)
    func arithmetic(seed: UInt64) throws {
        var generator = SplitMix(seed: seed)
        for _ in 0..<300 {
            let (a, b, c, d) = (
                Int128(Int(generator.next() % 20_001) - 10_000), Int128(generator.next() % 97 + 1),
                Int128(Int(generator.next() % 20_001) - 10_000), Int128(generator.next() % 89 + 1)
            )
            let x = try #require(Rational(a, over: b))
            let y = try #require(Rational(c, over: d))
            #expect(x.adding(y) == Rational(a * d + c * b, over: b * d))
            #expect(x.subtracting(y) == Rational(a * d - c * b, over: b * d))
            #expect(x.multiplied(by: y) == Rational(a * c, over: b * d))
            #expect((x < y) == (a * d < c * b))
            if c != 0 { #expect(x.divided(by: y) == Rational(a * d, over: b * c)) }
        }
    }

    @Test("Decimal text is read exactly; a result that does not fit is nil, never wrong")
    func textAndOverflow() throws {
        #expect(Rational(decimalText: "0.1")?.description == "0.1")
        #expect(Rational(decimalText: "1e-05")?.description == "0.00001")
        #expect(Rational(decimalText: "2.5E3") == 2_500)
        #expect(Rational(decimalText: "1,5") == nil && Rational(decimalText: "") == nil)
        #expect(Rational(printed: 8.5) == Rational(17, over: 2))
        let huge = try #require(Rational(Int128.max / 2, over: 1))
        #expect(huge.multiplied(by: huge) == nil)
        #expect(huge.adding(huge)?.adding(huge) == nil)
    }

    /// Foundation's decimal as plain text with a point and no trailing zeros.
    static func plain(_ value: Decimal) -> String {
        var text = "\(value)"
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text == "-0" ? "0" : text
    }
}

/// A seeded generator, so a failing case can be reproduced.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE5_E4B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
