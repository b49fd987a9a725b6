import Domain

/// Applies a formula to aggregated measure values, exactly.
enum FormulaEvaluator {
    enum Outcome: Equatable {
        case value(Rational)
        case noData
        case divisionByZero
        /// An intermediate result does not fit `Rational`: not computable, never a wrong figure.
        case overflow
    }

    /// Evaluates `formula` with `lookup` giving each reference's aggregated value (`nil` = no data).
    ///
    /// When no referenced measure has data the outcome is `noData`; otherwise a measure without data counts
    /// as zero (a unit with no purchases has purchases of 0 kr), and a zero divisor gives `divisionByZero`.
    static func evaluate(_ formula: Formula, lookup: (MeasureReference) -> Rational?) -> Outcome {
        let references = formula.references
        var values: [MeasureReference: Rational] = [:]
        for reference in references { if let value = lookup(reference) { values[reference] = value } }
        if !references.isEmpty && values.isEmpty { return .noData }
        var dividedByZero = false
        var overflowed = false
        func eval(_ f: Formula) -> Rational {
            switch f {
            case .number(let value): return value
            case .measure(let reference): return values[reference] ?? .zero
            case .negate(let inner): return eval(inner).negated
            case .binary(let op, let lhs, let rhs):
                let l = eval(lhs)
                let r = eval(rhs)
                let result: Rational?
                switch op {
                case .add: result = l.adding(r)
                case .subtract: result = l.subtracting(r)
                case .multiply: result = l.multiplied(by: r)
                case .divide:
                    if r.isZero {
                        dividedByZero = true
                        return .zero
                    }
                    result = l.divided(by: r)
                }
                guard let result else {
                    overflowed = true
                    return .zero
                }
                return result
            }
        }
        let result = eval(formula)
        if dividedByZero { return .divisionByZero }
        return overflowed ? .overflow : .value(result)
    }
}
