import Domain

/// Applies a formula to aggregated measure values.
enum FormulaEvaluator {
    enum Outcome: Equatable {
        case value(Double)
        case noData
        case divisionByZero
    }

    /// Evaluates `formula` with `lookup` giving each reference's aggregated value (`nil` = no data).
    ///
    /// When no referenced measure has data the outcome is `noData`; otherwise a measure without data counts
    /// as zero (a unit with no purchases has purchases of 0 kr), and a zero divisor gives `divisionByZero`.
    static func evaluate(_ formula: Formula, lookup: (MeasureReference) -> Double?) -> Outcome {
        let references = formula.references
        var values: [MeasureReference: Double] = [:]
        for reference in references { if let value = lookup(reference) { values[reference] = value } }
        if !references.isEmpty && values.isEmpty { return .noData }
        var dividedByZero = false
        func eval(_ f: Formula) -> Double {
            switch f {
            case .number(let value): return value
            case .measure(let reference): return values[reference] ?? 0
            case .negate(let inner): return -eval(inner)
            case .binary(let op, let lhs, let rhs):
                let l = eval(lhs)
                let r = eval(rhs)
                switch op {
                case .add: return l + r
                case .subtract: return l - r
                case .multiply: return l * r
                case .divide:
                    if r == 0 {
                        dividedByZero = true
                        return 0
                    }
                    return l / r
                }
            }
        }
        let result = eval(formula)
        return dividedByZero ? .divisionByZero : .value(result)
    }
}
