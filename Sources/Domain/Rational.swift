/// An exact fraction: the number type of indicator values, ratios, medians and their differences.
///
/// Measures are exact sums (`FixedDecimal`, ten-thousandths); a ratio of two of them, a mean over months or
/// a median of two middle cases is a fraction, and `Rational` keeps it exact, so that a value is rounded
/// once, at publication, half away from zero, never by an accident of binary floating point (19,005 of 21
/// is 90,5 %, printed 91). Numerator and denominator are 128-bit and kept in lowest terms with a positive
/// denominator; an operation whose result would not fit returns `nil` (the value is not computable, never
/// a wrong figure).
///
/// The parts are stored as 64-bit halves: a stored `Int128` makes the struct 16-byte aligned, which Swift's
/// async frames on Linux do not honour (a test holding one crashed with a bad pointer dereference).
package struct Rational: Hashable, Comparable, Sendable, CustomStringConvertible {
    private let numeratorHigh: Int64
    private let numeratorLow: UInt64
    private let denominatorHigh: Int64
    private let denominatorLow: UInt64

    package var numerator: Int128 { Int128(numeratorHigh) << 64 | Int128(numeratorLow) }
    /// Always positive.
    package var denominator: Int128 { Int128(denominatorHigh) << 64 | Int128(denominatorLow) }

    package static let zero = Rational(0)

    /// `numerator / denominator` in lowest terms; `nil` for a zero denominator.
    package init?(_ numerator: Int128, over denominator: Int128) {
        guard denominator != 0, numerator != .min, denominator != .min else { return nil }
        let divisor = Self.gcd(numerator.magnitude, denominator.magnitude)
        let sign: Int128 = denominator < 0 ? -1 : 1
        self.init(reduced: sign * numerator / Int128(divisor), sign * denominator / Int128(divisor))
    }

    private init(reduced numerator: Int128, _ denominator: Int128) {
        numeratorHigh = Int64(truncatingIfNeeded: numerator >> 64)
        numeratorLow = UInt64(truncatingIfNeeded: numerator)
        denominatorHigh = Int64(truncatingIfNeeded: denominator >> 64)
        denominatorLow = UInt64(truncatingIfNeeded: denominator)
    }

    package init(_ integer: Int) { self.init(reduced: Int128(integer), 1) }

    /// An exact sum, e.g. a measure's value.
    package init(_ value: FixedDecimal) {
        let divisor = Self.gcd(UInt128(value.raw.magnitude), UInt128(FixedDecimal.scale))
        self.init(reduced: Int128(value.raw) / Int128(divisor), Int128(FixedDecimal.scale) / Int128(divisor))
    }

    /// The number a decimal text denotes exactly: `12`, `-0.375`, `90.5`, `1e-05`, `2.5E3`; `nil` for anything
    /// else or a number that does not fit.
    package init?(decimalText text: some StringProtocol) {
        var mantissa = Substring(text)
        var exponent = 0
        if let e = mantissa.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            guard let power = Int(mantissa[mantissa.index(after: e)...]), abs(power) <= 36 else { return nil }
            exponent = power
            mantissa = mantissa[..<e]
        }
        var negative = false
        if mantissa.first == "-" || mantissa.first == "+" {
            negative = mantissa.first == "-"
            mantissa = mantissa.dropFirst()
        }
        var digits: Int128 = 0
        var seenDigit = false
        var seenPoint = false
        for character in mantissa {
            if character == "." {
                guard !seenPoint else { return nil }
                seenPoint = true
                continue
            }
            guard let digit = character.wholeNumberValue, character.isASCII else { return nil }
            let (times10, overflow1) = digits.multipliedReportingOverflow(by: 10)
            let (next, overflow2) = times10.addingReportingOverflow(Int128(digit))
            guard !overflow1, !overflow2 else { return nil }
            digits = next
            seenDigit = true
            if seenPoint { exponent -= 1 }
        }
        guard seenDigit, abs(exponent) <= 36 else { return nil }
        guard let power = Self.power10(abs(exponent)) else { return nil }
        if exponent >= 0 {
            let (scaled, overflow) = digits.multipliedReportingOverflow(by: power)
            guard !overflow else { return nil }
            self.init(negative ? -scaled : scaled, over: 1)
        } else {
            self.init(negative ? -digits : digits, over: power)
        }
    }

    /// The decimal a `Double` prints as (its shortest round-trip text), which for a number written in a
    /// config file is the number written: `8.5` is 17/2, not the binary fraction nearest to it.
    package init?(printed value: Double) {
        guard value.isFinite else { return nil }
        self.init(decimalText: value.description)
    }

    /// The nearest `Double`, for charts and sorting of published values; never for sums.
    package var doubleValue: Double { Double(numerator) / Double(denominator) }

    package var isZero: Bool { numerator == 0 }
    package var isNegative: Bool { numerator < 0 }

    // MARK: Arithmetic; `nil` when the result does not fit

    package func adding(_ other: Rational) -> Rational? {
        let divisor = Int128(Self.gcd(denominator.magnitude, other.denominator.magnitude))
        let left = denominator / divisor
        let right = other.denominator / divisor
        let (a, o1) = numerator.multipliedReportingOverflow(by: right)
        let (b, o2) = other.numerator.multipliedReportingOverflow(by: left)
        let (sum, o3) = a.addingReportingOverflow(b)
        let (den, o4) = denominator.multipliedReportingOverflow(by: right)
        guard !o1, !o2, !o3, !o4 else { return nil }
        return Rational(sum, over: den)
    }

    package func subtracting(_ other: Rational) -> Rational? { adding(other.negated) }

    /// The sum of `values` (zero for none); `nil` when a partial sum does not fit.
    package static func sum(_ values: some Sequence<Rational>) -> Rational? {
        var total = Rational.zero
        for value in values {
            guard let next = total.adding(value) else { return nil }
            total = next
        }
        return total
    }

    package func multiplied(by other: Rational) -> Rational? {
        // Cross-reduce first, so that the products stay small.
        let g1 = Int128(Self.gcd(numerator.magnitude, other.denominator.magnitude))
        let g2 = Int128(Self.gcd(other.numerator.magnitude, denominator.magnitude))
        let (num, o1) = (numerator / g1).multipliedReportingOverflow(by: other.numerator / g2)
        let (den, o2) = (denominator / g2).multipliedReportingOverflow(by: other.denominator / g1)
        guard !o1, !o2 else { return nil }
        return Rational(num, over: den)
    }

    /// `nil` for a zero divisor too; callers that must tell the two apart test `isZero` first.
    package func divided(by other: Rational) -> Rational? {
        guard !other.isZero else { return nil }
        let inverse =
            other.numerator < 0
            ? Rational(reduced: -other.denominator, -other.numerator)
            : Rational(reduced: other.denominator, other.numerator)
        return multiplied(by: inverse)
    }

    package var negated: Rational { Rational(reduced: -numerator, denominator) }
    package var magnitude: Rational { Rational(reduced: numerator < 0 ? -numerator : numerator, denominator) }

    /// The mean of two values (the median of an even count); `nil` when it does not fit.
    package static func mean(_ a: Rational, _ b: Rational) -> Rational? {
        a.adding(b)?.multiplied(by: Rational(reduced: 1, 2))
    }

    // MARK: Rounding

    /// The value rounded half away from zero to `decimals` decimals: 90,5 → 91, −2,5 → −3, 0,125 → 0,13 at
    /// two. `nil` when the rounded value does not fit.
    package func rounded(decimals: Int) -> Rational? {
        guard let (negative, units, power) = roundedUnits(decimals: decimals) else { return nil }
        let signed = Int128(units)
        return Rational(negative ? -signed : signed, over: power)
    }

    /// Sign, the count of units of the last decimal after rounding half away from zero, and 10^decimals.
    private func roundedUnits(decimals: Int) -> (negative: Bool, units: UInt128, power: Int128)? {
        guard decimals >= 0, let power = Self.power10(decimals) else { return nil }
        let (scaled, overflow) = numerator.magnitude.multipliedReportingOverflow(by: UInt128(power))
        guard !overflow else { return nil }
        let den = UInt128(denominator)
        var (units, rest) = scaled.quotientAndRemainder(dividingBy: den)
        // Half away from zero: the remainder of at least half the denominator rounds the magnitude up.
        if rest >= den - rest { units += 1 }
        return (numerator < 0 && units != 0, units, power)
    }

    /// The digits of the value rounded half away from zero to `decimals` decimals: whether it is negative
    /// (never a negative zero), the whole part and the zero-padded fraction; `nil` when it does not fit.
    package func digits(decimals: Int) -> (negative: Bool, whole: String, fraction: String)? {
        guard let (negative, units, power) = roundedUnits(decimals: decimals) else { return nil }
        let (whole, fraction) = units.quotientAndRemainder(dividingBy: UInt128(power))
        let rest = String(fraction)
        let padded = decimals > 0 ? String(repeating: "0", count: decimals - rest.count) + rest : ""
        return (negative, String(whole), padded)
    }

    // MARK: Order and text

    package static func < (lhs: Rational, rhs: Rational) -> Bool {
        // a/b < c/d ⇔ a·d < c·b for positive b and d, in full width so that nothing overflows.
        let left = lhs.numerator.multipliedFullWidth(by: rhs.denominator)
        let right = rhs.numerator.multipliedFullWidth(by: lhs.denominator)
        return left.high != right.high ? left.high < right.high : left.low < right.low
    }

    /// The fewest decimals that write the value exactly (0 for 12, 1 for 12.5, 3 for 0.375); `nil` when it
    /// needs more than 36 (a third).
    package var exactDecimals: Int? {
        for decimals in 0...36 {
            guard let power = Self.power10(decimals) else { return nil }
            let (scaled, overflow) = numerator.multipliedReportingOverflow(by: power)
            if overflow { return nil }
            if scaled % denominator == 0 { return decimals }
        }
        return nil
    }

    /// The exact decimal when the value has at most 36 decimals (`12.5`, `-3`, `0.375`), else `a/b`.
    package var description: String {
        guard let decimals = exactDecimals, let digits = digits(decimals: decimals) else {
            return "\(numerator)/\(denominator)"
        }
        return (digits.negative ? "-" : "") + digits.whole + (decimals > 0 ? "." + digits.fraction : "")
    }

    // MARK: Helpers

    static func gcd(_ a: UInt128, _ b: UInt128) -> UInt128 {
        var (x, y) = (a, b)
        while y != 0 { (x, y) = (y, x % y) }
        return x == 0 ? 1 : x
    }

    /// 10^n, or `nil` past what `Int128` holds (n > 38).
    static func power10(_ n: Int) -> Int128? {
        guard (0...38).contains(n) else { return nil }
        var power: Int128 = 1
        for _ in 0..<n { power *= 10 }
        return power
    }
}

extension Rational: ExpressibleByIntegerLiteral {
    package init(integerLiteral value: Int) { self.init(value) }
}

extension Rational: ExpressibleByFloatLiteral {
    /// A literal as written: `90.5` is 181/2 (through its shortest round-trip text).
    package init(floatLiteral value: Double) {
        guard let exact = Rational(printed: value) else { preconditionFailure("literal \(value) does not fit") }
        self = exact
    }
}
