import Domain

/// Why a value is not shown. Every missing value carries one; reports print its symbol and explain it.
package enum MissingReason: String, Sendable, Hashable {
    /// No source has data for the unit in the period. Symbol `-`.
    case noData = "no-data"
    /// Computed from fewer observations than the indicator's minimum n. Symbol `..`.
    case suppressed
    /// The indicator does not apply to the unit, e.g. ledger figures for an external provider. Symbol `.`.
    case notApplicable = "not-applicable"
    /// The formula divides by zero. Symbol `-`.
    case divisionByZero = "division-by-zero"

    /// The symbol of official Swedish statistics for the reason.
    package var symbol: String {
        switch self {
        case .noData, .divisionByZero: return "-"
        case .suppressed: return ".."
        case .notApplicable: return "."
        }
    }

    package var label: String {
        switch self {
        case .noData: return "uppgift saknas"
        case .suppressed: return "för få observationer, värdet visas inte"
        case .notApplicable: return "ej tillämpligt"
        case .divisionByZero: return "kan inte beräknas (division med noll)"
        }
    }
}

/// How a value stands against the nämnd's target.
package enum Status: String, Sendable, Hashable {
    case met = "met"
    case notMet = "not-met"

    package var label: String { self == .met ? "Når målet" : "Når inte målet" }
}

/// An indicator's value for one unit and period, judged and compared.
package struct IndicatorValue: Sendable, Hashable {
    package let enhet: Enhet
    package let value: Double?
    package let missing: MissingReason?
    /// The observations the value rests on, where the indicator names an n measure.
    package let n: Int?
    /// 1 = best in the område (direction-aware); equal values share a rank. `nil` without a value or direction.
    package var rank: Int?
    /// The same period last year, where published.
    package var previous: Double?
    package var status: Status?

    /// The change from last year in the indicator's unit.
    package var change: Double? {
        guard let value, let previous else { return nil }
        return value - previous
    }
}

/// One indicator across the units of one område.
package struct IndicatorEvaluation: Sendable {
    package let definition: IndicatorDefinition
    package let values: [IndicatorValue]
    /// The median of the units' published values; `nil` without any.
    package let median: Double?
    /// The område as a whole, from the summed measures of the units the indicator applies to.
    package let total: Double?
    /// Units ranked (non-nil rank).
    package var rankedCount: Int { values.filter { $0.rank != nil }.count }
}

/// All indicators of one område for a period.
package struct OmradeEvaluation: Sendable {
    package let omrade: Omrade
    package let enheter: [Enhet]
    package let indicators: [IndicatorEvaluation]
}

/// The whole evaluation of a period.
package struct Evaluation: Sendable {
    package let period: Period
    package let omraden: [OmradeEvaluation]
}
