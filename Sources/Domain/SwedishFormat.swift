/// The one number format: every number the program prints — on a page, in a CSV, in a message — goes
/// through here, from an exact value (`Rational`; `FixedDecimal` and integers convert exactly), rounded half
/// away from zero once, in decimal, to the decimals asked for, and written in a named style.
///
/// - `display`: Swedish readers' form, `1 234 567 kr`, `12,5 %`, `−3,2`. Thousands are grouped with a
///   no-break space (U+00A0) so a number never wraps, the decimal sign is a comma and the minus is the
///   typographic U+2212.
/// - `change`: `display` with a sign: `+1 200 kr`, `−3,2 %`, `±0`.
/// - `openData`: machine-readable: point decimal, no grouping, ASCII `-`.
/// - `excel`: what Excel with Swedish settings reads as a number: comma decimal, no grouping, ASCII `-`.
/// - `message`: a number quoted in a log line or an error message, read by an operator and by `grep`:
///   point decimal, no grouping, ASCII `-`, like the export files themselves.
package enum SwedishFormat {
    package enum Style: Sendable {
        case display, change, openData, excel, message
    }

    /// What a number prints as when it cannot be printed exactly (beyond the range of exact arithmetic):
    /// `-`, not computable, never a wrong figure such as 0. Machine styles print nothing (missing).
    package static let notComputable = "-"

    /// `value` rounded half away from zero to `decimals` decimals in `style`, with `unit` after a no-break
    /// space in the display styles (`unit` is ignored by the machine styles).
    package static func format(_ value: Rational, decimals: Int, style: Style, unit: String = "") -> String {
        let decimals = min(max(decimals, 0), 18)
        guard let digits = value.digits(decimals: decimals) else {
            return style == .display || style == .change ? notComputable : ""
        }
        switch style {
        case .display, .change:
            var text = grouped(digits.whole)
            if !digits.fraction.isEmpty { text += "," + digits.fraction }
            let isZero = digits.whole == "0" && digits.fraction.allSatisfy { $0 == "0" }
            let sign = digits.negative ? "\u{2212}" : style == .change ? (isZero ? "±" : "+") : ""
            text = sign + text
            return unit.isEmpty ? text : text + "\u{00A0}" + unit
        case .openData, .message, .excel:
            let point = style == .excel ? "," : "."
            return (digits.negative ? "-" : "") + digits.whole
                + (digits.fraction.isEmpty ? "" : point + digits.fraction)
        }
    }

    /// Thousands grouped with a no-break space.
    private static func grouped(_ whole: String) -> String {
        var digits = whole
        var grouped = ""
        while digits.count > 3 {
            grouped = "\u{00A0}" + digits.suffix(3) + grouped
            digits.removeLast(3)
        }
        return digits + grouped
    }

    // MARK: The styles by name

    /// `display` without a unit: `1 234,5`.
    package static func number(_ value: Rational, decimals: Int) -> String {
        format(value, decimals: decimals, style: .display)
    }

    /// A count: `1 234`.
    package static func number(_ count: Int) -> String { format(Rational(count), decimals: 0, style: .display) }

    /// An exact decimal such as a control total: `-604186.83` → `−604 186,83`.
    package static func number(_ value: FixedDecimal, decimals: Int) -> String {
        format(Rational(value), decimals: decimals, style: .display)
    }

    /// An exact decimal with as many decimals as it has (at most four): `1234.5` → `1 234,5`, `12` → `12`.
    package static func number(_ value: FixedDecimal) -> String {
        format(Rational(value), decimals: Rational(value).exactDecimals ?? 4, style: .display)
    }

    /// `display` with its unit: `kr` and `%` follow after a no-break space; other units likewise.
    package static func value(_ value: Rational, decimals: Int, unit: String) -> String {
        format(value, decimals: decimals, style: .display, unit: unit)
    }

    /// A signed change: `+1 200 kr`, `−3,2 %`, `±0`.
    package static func change(_ value: Rational, decimals: Int, unit: String) -> String {
        format(value, decimals: decimals, style: .change, unit: unit)
    }

    /// Open data: `-1234.50`; empty (missing) when the value cannot be printed exactly.
    package static func plain(_ value: Rational, decimals: Int) -> String {
        format(value, decimals: decimals, style: .openData)
    }

    /// A number from the config (a target, a limit), as the config writes it, in a message: `8`, `0.5`.
    package static func message(_ value: Double) -> String {
        guard let exact = Rational(printed: value) else { return notComputable }
        return format(exact, decimals: exact.exactDecimals ?? 4, style: .message)
    }
}
