/// An exact decimal number with four decimals, stored as an integer count of ten-thousandths.
///
/// Money, hours and årsarbetare are all carried as `FixedDecimal` from the reader to the
/// warehouse, so sums are exact to the öre whatever the order of addition. Four decimals
/// cover öre (two) and employment degrees expressed as a share (37,5 % → 0.375). The range,
/// ±922 337 203 685 477, holds any municipal ledger total.
package struct FixedDecimal: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The number of ten-thousandths.
    package var raw: Int64

    /// How many raw units make one: 10 000.
    package static let scale: Int64 = 10_000

    package static let zero = FixedDecimal(raw: 0)

    package init(raw: Int64) { self.raw = raw }

    /// An integer value, e.g. a count of brukare.
    package init(_ integer: Int) { self.raw = Int64(integer) * Self.scale }

    /// A value from öre (hundredths).
    package init(ore: Int64) { self.raw = ore * 100 }

    /// The value in öre, rounded half away from zero when there are more than two decimals.
    package var ore: Int64 {
        let (q, r) = raw.quotientAndRemainder(dividingBy: 100)
        if r >= 50 { return q + 1 }
        if r <= -50 { return q - 1 }
        return q
    }

    /// The value as a `Double`, for ratios and charts; never for sums.
    package var doubleValue: Double { Double(raw) / Double(Self.scale) }

    /// The sum and whether it overflowed the range (then the sum is wrapped and must not be used).
    package func addingReportingOverflow(_ other: FixedDecimal) -> (partialValue: FixedDecimal, overflow: Bool) {
        let (sum, overflow) = raw.addingReportingOverflow(other.raw)
        return (FixedDecimal(raw: sum), overflow)
    }

    package static func + (lhs: FixedDecimal, rhs: FixedDecimal) -> FixedDecimal {
        FixedDecimal(raw: lhs.raw + rhs.raw)
    }
    package static func - (lhs: FixedDecimal, rhs: FixedDecimal) -> FixedDecimal {
        FixedDecimal(raw: lhs.raw - rhs.raw)
    }
    package static func += (lhs: inout FixedDecimal, rhs: FixedDecimal) { lhs.raw += rhs.raw }
    package static func < (lhs: FixedDecimal, rhs: FixedDecimal) -> Bool { lhs.raw < rhs.raw }
    package static prefix func - (value: FixedDecimal) -> FixedDecimal { FixedDecimal(raw: -value.raw) }

    /// The value with a point and exactly `decimals` decimals (rounded half away from zero), e.g. `-1690380.20`.
    package func formatted(decimals: Int = 2) -> String {
        precondition((0...4).contains(decimals))
        var divisor: Int64 = 1
        for _ in 0..<(4 - decimals) { divisor *= 10 }
        var scaled = raw / divisor
        let rest = raw % divisor
        if rest * 2 >= divisor { scaled += 1 } else if rest * 2 <= -divisor { scaled -= 1 }
        let negative = scaled < 0
        let magnitude = scaled.magnitude
        var unit: UInt64 = 1
        for _ in 0..<decimals { unit *= 10 }
        let whole = magnitude / unit
        let fraction = magnitude % unit
        var text = negative ? "-" : ""
        text += String(whole)
        if decimals > 0 {
            let digits = String(fraction)
            text += "." + String(repeating: "0", count: decimals - digits.count) + digits
        }
        return text
    }

    /// The shortest exact text: `12.5`, `-3`, `0.375`.
    package var description: String {
        var text = formatted(decimals: 4)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }

    /// Parses a plain decimal as written by this type or a database: optional `-`, digits, optional `.` and
    /// up to four decimals.
    package init?(_ text: String) {
        var text = text
        guard let value = text.withUTF8({ DecimalParser.parse($0) }) else { return nil }
        self = value
    }
}

/// Parses the decimal numbers of Swedish exports without allocating.
///
/// Accepts a leading `-`, `+` or the Unicode minus `−` (UTF-8 E2 88 92), a decimal comma or point,
/// spaces, NBSP (UTF-8 C2 A0 or Latin-1 A0) and U+202F as thousands separators, and at most four
/// decimals. Anything else makes the value invalid.
package enum DecimalParser {
    package static func parse(_ bytes: inout ArraySlice<UInt8>) -> FixedDecimal? {
        bytes.withUnsafeBufferPointer { parse($0) }
    }

    package static func parse(_ buffer: UnsafeBufferPointer<UInt8>) -> FixedDecimal? {
        var i = 0
        let n = buffer.count
        // Trim surrounding ASCII whitespace.
        var end = n
        while i < end, buffer[i] == 0x20 || buffer[i] == 0x09 { i += 1 }
        while end > i, buffer[end - 1] == 0x20 || buffer[end - 1] == 0x09 { end -= 1 }
        guard i < end else { return nil }
        var negative = false
        if buffer[i] == UInt8(ascii: "-") {
            negative = true
            i += 1
        } else if buffer[i] == UInt8(ascii: "+") {
            i += 1
        } else if end - i >= 3, buffer[i] == 0xE2, buffer[i + 1] == 0x88, buffer[i + 2] == 0x92 {
            negative = true
            i += 3
        }
        var whole: Int64 = 0
        var digits = 0
        var fraction: Int64 = 0
        var fractionDigits = 0
        var inFraction = false
        // Thousands separators must group the whole part by three: `1 234 567`, never `12 34` or `1 234 ,5`.
        var separators = 0
        var digitsInGroup = 0
        while i < end {
            let b = buffer[i]
            var separatorWidth = 0
            if !inFraction {
                if b == 0x20 || b == 0xA0 {
                    separatorWidth = 1
                } else if b == 0xC2, i + 1 < end, buffer[i + 1] == 0xA0 {
                    separatorWidth = 2
                } else if b == 0xE2, i + 2 < end, buffer[i + 1] == 0x80, buffer[i + 2] == 0xAF {
                    separatorWidth = 3
                }
            }
            if separatorWidth > 0 {
                guard digits > 0, separators == 0 ? digitsInGroup <= 3 : digitsInGroup == 3 else { return nil }
                separators += 1
                digitsInGroup = 0
                i += separatorWidth
                continue
            }
            if b >= 0x30 && b <= 0x39 {
                let d = Int64(b - 0x30)
                if inFraction {
                    fractionDigits += 1
                    if fractionDigits > 4 { return nil }
                    fraction = fraction * 10 + d
                } else {
                    digits += 1
                    digitsInGroup += 1
                    if digits > 14 { return nil }
                    whole = whole * 10 + d
                }
                i += 1
            } else if b == UInt8(ascii: ",") || b == UInt8(ascii: ".") {
                if inFraction || digits == 0 { return nil }
                if separators > 0 && digitsInGroup != 3 { return nil }
                inFraction = true
                i += 1
            } else {
                return nil
            }
        }
        if !inFraction && separators > 0 && digitsInGroup != 3 { return nil }
        guard digits > 0, !(inFraction && fractionDigits == 0) else { return nil }
        for _ in fractionDigits..<4 { fraction *= 10 }
        let raw = whole * FixedDecimal.scale + fraction
        return FixedDecimal(raw: negative ? -raw : raw)
    }
}
