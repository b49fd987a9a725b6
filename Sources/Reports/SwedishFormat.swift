import Domain

/// Numbers as Swedish readers expect them: `1 234 567 kr`, `12,5 %`, `−3,2`.
///
/// Thousands are grouped with a no-break space (U+00A0) so a number never wraps, the decimal sign is a
/// comma and the minus is the typographic U+2212.
package enum SwedishFormat {
    /// What a number prints as when it cannot be printed exactly (not finite, or 9·10¹⁸ or more units of its
    /// last decimal): `-`, not computable, never a wrong figure such as 0.
    package static let notComputable = "-"

    /// `value` rounded half away from zero to `decimals` decimals.
    package static func number(_ value: Double, decimals: Int) -> String {
        guard let (negative, whole, fraction) = split(value, decimals: decimals) else { return notComputable }
        return display(negative: negative, whole: String(whole), fraction: fraction)
    }

    /// An exact value rounded half away from zero to `decimals` decimals, in decimal: 90,5 → 91.
    package static func number(_ value: Rational, decimals: Int) -> String {
        guard let digits = value.digits(decimals: decimals) else { return notComputable }
        return display(negative: digits.negative, whole: digits.whole, fraction: digits.fraction)
    }

    /// An exact decimal such as a control total, rounded half away from zero to `decimals` decimals:
    /// `-604186.83` → `−604 186,83`.
    package static func number(_ value: FixedDecimal, decimals: Int) -> String {
        let text = value.formatted(decimals: min(max(decimals, 0), 4))
        let negative = text.hasPrefix("-")
        let parts = text.dropFirst(negative ? 1 : 0).split(separator: ".", omittingEmptySubsequences: false)
        return display(negative: negative, whole: String(parts[0]), fraction: parts.count > 1 ? String(parts[1]) : "")
    }

    /// An exact decimal with as many decimals as it has (at most four): `1234.5` → `1 234,5`, `12` → `12`.
    package static func number(_ value: FixedDecimal) -> String {
        let shortest = value.description
        let decimals = shortest.firstIndex(of: ".").map { shortest.distance(from: $0, to: shortest.endIndex) - 1 } ?? 0
        return number(value, decimals: decimals)
    }

    /// Grouped digits, decimal comma and typographic minus.
    private static func display(negative: Bool, whole: String, fraction: String) -> String {
        var digits = whole
        var grouped = ""
        while digits.count > 3 {
            grouped = "\u{00A0}" + digits.suffix(3) + grouped
            digits.removeLast(3)
        }
        grouped = digits + grouped
        if !fraction.isEmpty { grouped += "," + fraction }
        return (negative ? "\u{2212}" : "") + grouped
    }

    /// A number with its unit: `kr` and `%` follow after a no-break space; other units likewise.
    package static func value(_ value: Double, decimals: Int, unit: String) -> String {
        withUnit(number(value, decimals: decimals), unit: unit)
    }

    package static func value(_ value: Rational, decimals: Int, unit: String) -> String {
        withUnit(number(value, decimals: decimals), unit: unit)
    }

    private static func withUnit(_ text: String, unit: String) -> String {
        unit.isEmpty || text == notComputable ? text : text + "\u{00A0}" + unit
    }

    /// A signed change: `+1 200 kr`, `−3,2 %`, `±0`.
    package static func change(_ value: Double, decimals: Int, unit: String) -> String {
        guard let (negative, whole, fraction) = split(value, decimals: decimals) else { return notComputable }
        return signed(negative: negative, isZero: whole == 0 && fraction.allSatisfy { $0 == "0" })
            + Self.value(value, decimals: decimals, unit: unit)
    }

    package static func change(_ value: Rational, decimals: Int, unit: String) -> String {
        guard let digits = value.digits(decimals: decimals) else { return notComputable }
        let isZero = digits.whole == "0" && digits.fraction.allSatisfy { $0 == "0" }
        return signed(negative: digits.negative, isZero: isZero) + Self.value(value, decimals: decimals, unit: unit)
    }

    private static func signed(negative: Bool, isZero: Bool) -> String { isZero ? "±" : negative ? "" : "+" }

    /// A machine-readable number for open data: point decimals, no grouping, `-` minus; empty (missing)
    /// when the value cannot be printed exactly.
    package static func plain(_ value: Double, decimals: Int) -> String {
        guard let (negative, whole, fraction) = split(value, decimals: decimals) else { return "" }
        return (negative ? "-" : "") + String(whole) + (decimals > 0 ? "." + fraction : "")
    }

    package static func plain(_ value: Rational, decimals: Int) -> String {
        guard let digits = value.digits(decimals: decimals) else { return "" }
        return (digits.negative ? "-" : "") + digits.whole + (decimals > 0 ? "." + digits.fraction : "")
    }

    /// Sign, whole part and zero-padded fraction digits after rounding; never a negative zero; `nil` when
    /// the value is not finite or too large to print exactly.
    static func split(_ value: Double, decimals: Int) -> (Bool, UInt64, String)? {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (abs(value) * scale).rounded(.toNearestOrAwayFromZero)
        guard scaled.isFinite, scaled < 9e18 else { return nil }
        let units = UInt64(scaled)
        let divisor = UInt64(scale)
        let whole = units / divisor
        let rest = String(units % divisor)
        let fraction = decimals > 0 ? String(repeating: "0", count: decimals - rest.count) + rest : ""
        return (value < 0 && units != 0, whole, fraction)
    }
}
