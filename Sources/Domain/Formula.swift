/// An indicator's formula: arithmetic over measures.
///
/// Grammar: `+ - * /`, parentheses, unary minus, decimal numbers (point), and measure references
/// `name`, `name[category=hemtjanst, gender=K]` or `name[category=synpunkt|klagomal]` (two categories
/// together). Measures are aggregated over the period by their own
/// rule before the formula is applied, so `kostnader / brukare` is a ratio of sums, never a mean of
/// monthly ratios.
package indirect enum Formula: Hashable, Sendable, CustomStringConvertible {
    /// A constant, exact as written (`0.1` is one tenth).
    case number(Rational)
    case measure(MeasureReference)
    case negate(Formula)
    case binary(Operator, Formula, Formula)

    package enum Operator: Character, Sendable {
        case add = "+"
        case subtract = "-"
        case multiply = "*"
        case divide = "/"
    }

    /// Every measure the formula refers to, in order of appearance.
    package var references: [MeasureReference] {
        switch self {
        case .number: return []
        case .measure(let reference): return [reference]
        case .negate(let inner): return inner.references
        case .binary(_, let lhs, let rhs): return lhs.references + rhs.references
        }
    }

    package var description: String {
        switch self {
        case .number(let value): return value.description
        case .measure(let reference): return reference.description
        case .negate(let inner): return "-\(inner)"
        case .binary(let op, let lhs, let rhs): return "(\(lhs) \(op.rawValue) \(rhs))"
        }
    }
}

/// A measure in a formula, optionally narrowed to categories and/or a gender.
package struct MeasureReference: Hashable, Sendable, CustomStringConvertible {
    package let measure: String
    /// The categories summed (or, for a distribution, pooled), as written; empty = all categories.
    /// `name[category=synpunkt|klagomal]` names two.
    package let categories: [String]
    /// `nil` = both genders and unspecified (the total).
    package let gender: Gender?

    package init(measure: String, categories: [String], gender: Gender? = nil) {
        self.measure = measure
        self.categories = categories
        self.gender = gender
    }

    package init(measure: String, category: String? = nil, gender: Gender? = nil) {
        self.init(measure: measure, categories: category.map { [$0] } ?? [], gender: gender)
    }

    package var description: String {
        var filters: [String] = []
        if !categories.isEmpty { filters.append("category=" + categories.joined(separator: "|")) }
        if let gender { filters.append("gender=\(gender.rawValue)") }
        return filters.isEmpty ? measure : "\(measure)[\(filters.joined(separator: ", "))]"
    }
}

/// Why a formula does not parse: the 1-based column and what was expected.
package struct FormulaError: Error, Hashable, Sendable, CustomStringConvertible {
    package let column: Int
    package let message: String

    package var description: String { "column \(column): \(message)" }
}

extension Formula {
    /// Parses a formula.
    ///
    /// - Throws: `FormulaError` naming the column of the first problem.
    package static func parse(_ text: String) throws(FormulaError) -> Formula {
        var parser = FormulaParser(Array(text.unicodeScalars))
        let formula = try parser.expression()
        parser.skipSpaces()
        if parser.index < parser.scalars.count {
            throw parser.error("expected an operator or the end, found '\(parser.scalars[parser.index])'")
        }
        return formula
    }
}

private struct FormulaParser {
    let scalars: [Unicode.Scalar]
    var index = 0

    init(_ scalars: [Unicode.Scalar]) { self.scalars = scalars }

    func error(_ message: String) -> FormulaError { FormulaError(column: index + 1, message: message) }

    mutating func skipSpaces() {
        while index < scalars.count, scalars[index] == " " || scalars[index] == "\t" { index += 1 }
    }

    mutating func peek() -> Unicode.Scalar? {
        skipSpaces()
        return index < scalars.count ? scalars[index] : nil
    }

    mutating func expression() throws(FormulaError) -> Formula {
        var lhs = try term()
        while let c = peek(), c == "+" || c == "-" {
            index += 1
            let rhs = try term()
            lhs = .binary(c == "+" ? .add : .subtract, lhs, rhs)
        }
        return lhs
    }

    mutating func term() throws(FormulaError) -> Formula {
        var lhs = try factor()
        while let c = peek(), c == "*" || c == "/" {
            index += 1
            let rhs = try factor()
            lhs = .binary(c == "*" ? .multiply : .divide, lhs, rhs)
        }
        return lhs
    }

    mutating func factor() throws(FormulaError) -> Formula {
        guard let c = peek() else { throw error("expected a number, a measure or '(', found the end") }
        if c == "-" {
            index += 1
            return .negate(try factor())
        }
        if c == "(" {
            index += 1
            let inner = try expression()
            guard peek() == ")" else {
                throw error(
                    index < scalars.count ? "expected ')', found '\(scalars[index])'" : "expected ')', found the end")
            }
            index += 1
            return inner
        }
        if c.properties.numericType != nil && c.isASCII {
            return .number(try number())
        }
        if Self.isIdentifierStart(c) {
            return .measure(try reference())
        }
        throw error("expected a number, a measure or '(', found '\(c)'")
    }

    mutating func number() throws(FormulaError) -> Rational {
        let start = index
        var seenPoint = false
        while index < scalars.count {
            let s = scalars[index]
            if s.isASCII && s.properties.numericType != nil {
                index += 1
            } else if s == "." && !seenPoint {
                seenPoint = true
                index += 1
            } else {
                break
            }
        }
        let text = String(String.UnicodeScalarView(scalars[start..<index]))
        guard let value = Rational(decimalText: text) else {
            index = start
            throw error("expected a number, found '\(text)'")
        }
        return value
    }

    static func isIdentifierStart(_ s: Unicode.Scalar) -> Bool { s == "_" || (s.properties.isAlphabetic) }
    static func isIdentifierPart(_ s: Unicode.Scalar) -> Bool {
        isIdentifierStart(s) || (s.isASCII && s.properties.numericType != nil)
    }

    mutating func identifier() -> String {
        let start = index
        while index < scalars.count, Self.isIdentifierPart(scalars[index]) { index += 1 }
        return String(String.UnicodeScalarView(scalars[start..<index]))
    }

    mutating func reference() throws(FormulaError) -> MeasureReference {
        let name = identifier()
        guard peek() == "[" else { return MeasureReference(measure: name) }
        index += 1
        var categories: [String] = []
        var gender: Gender?
        while true {
            guard let c = peek(), Self.isIdentifierStart(c) else {
                throw error("expected 'category' or 'gender' inside '[ ]'")
            }
            let keyColumn = index
            let key = identifier()
            guard peek() == "=" else { throw error("expected '=' after '\(key)'") }
            index += 1
            skipSpaces()
            let valueColumn = index
            let value = identifier()
            guard !value.isEmpty else { throw error("expected a value after '\(key)='") }
            switch key {
            case "category":
                categories = [value]
                while peek() == "|" {
                    index += 1
                    skipSpaces()
                    let start = index
                    let another = identifier()
                    guard !another.isEmpty else { throw error("expected a category after '|'") }
                    guard !categories.contains(another) else {
                        index = start
                        throw error("category '\(another)' is named twice")
                    }
                    categories.append(another)
                }
            case "gender":
                guard let g = Gender(rawValue: value) else {
                    index = valueColumn
                    throw error("gender must be 'K' or 'M', found '\(value)'")
                }
                gender = g
            default:
                index = keyColumn
                throw error("expected 'category' or 'gender', found '\(key)'")
            }
            if peek() == "," {
                index += 1
                continue
            }
            guard peek() == "]" else { throw error("expected ',' or ']'") }
            index += 1
            return MeasureReference(measure: name, categories: categories, gender: gender)
        }
    }
}
