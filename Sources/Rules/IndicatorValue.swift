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

/// A judged value: its level, what it was judged against, and a text label (never colour alone).
package struct Status: Sendable, Hashable {
    package enum Level: String, Sendable, Hashable, CaseIterable {
        case green
        case yellow
        case red

        /// A mark that tells the levels apart without colour.
        package var mark: String {
            switch self {
            case .green: return "✓"
            case .yellow: return "!"
            case .red: return "✗"
            }
        }
    }

    package enum Basis: String, Sendable, Hashable {
        /// The nämnd's target and red limit.
        case target
        /// The unit's place among the område's units.
        case quartile
    }

    package let level: Level
    package let basis: Basis

    package init(_ level: Level, basis: Basis) {
        self.level = level
        self.basis = basis
    }

    package var label: String {
        switch (basis, level) {
        case (.target, .green): return "Når målet"
        case (.target, .yellow): return "Nära målet"
        case (.target, .red): return "Når inte målet"
        case (.quartile, .green): return "Bland de 25 % bästa"
        case (.quartile, .yellow): return "Mittenhälften"
        case (.quartile, .red): return "Bland de 25 % svagaste"
        }
    }
}

/// An indicator's value for one unit and period (and gender, for a split), judged and compared.
package struct IndicatorValue: Sendable, Hashable {
    package let enhet: Enhet
    /// `nil` = both genders together (T).
    package var gender: Gender?
    /// The value as published: exact, rounded once to the indicator's decimals (half away from zero).
    package var value: Rational?
    package var missing: MissingReason?
    /// The observations the value rests on, where the indicator names an n measure; `nil` when withheld.
    package var n: Int?
    /// 1 = best in the område (direction-aware); equal values share a rank. `nil` without a value or direction.
    package var rank: Int?
    /// The same period last year, as published then.
    package var previous: Rational?
    /// Why last year's value is not shown, where `previous` is `nil`.
    package var previousMissing: MissingReason?
    package var status: Status?
    /// The published value minus the published område median, so the difference a reader works out from the
    /// page is the one printed.
    package var fromMedian: Rational?

    package init(enhet: Enhet, gender: Gender? = nil, value: Rational?, missing: MissingReason?, n: Int?) {
        self.enhet = enhet
        self.gender = gender
        self.value = value
        self.missing = missing
        self.n = n
    }

    /// The change from last year in the indicator's unit: the difference of the two published values.
    package var change: Rational? {
        guard let value, let previous else { return nil }
        return value.subtracting(previous)
    }

    /// Withholds the value for too few observations.
    mutating func suppress() {
        value = nil
        missing = .suppressed
        status = nil
        rank = nil
        previous = nil
        previousMissing = nil
        fromMedian = nil
        n = nil
    }
}

/// One indicator across the units of one område.
package struct IndicatorEvaluation: Sendable {
    package let definition: IndicatorDefinition
    /// Both genders together (T), one per unit of the område.
    package let values: [IndicatorValue]
    /// Women's and men's values in the order of `values`; empty unless the indicator is split by gender.
    package let byGender: [Gender: [IndicatorValue]]
    /// The median of the units' published values, rounded as they are; `nil` without any.
    package let median: Rational?
    /// The first and third quartiles of the published values (linear interpolation), rounded as they are;
    /// `nil` below four values.
    package let quartiles: (lower: Rational, upper: Rational)?
    /// The median of each regi's published values, for egen regi and external units side by side.
    package let medianByRegi: [Regi: Rational]
    /// The område as a whole, from the summed measures of the units the indicator applies to, rounded.
    package let total: Rational?
    /// The units the indicator applies to, and of those the ones the total is computed over (whose own
    /// value can be computed), so that a total says what it covers.
    package let coverage: (applicable: [String], covered: [String])
    /// The position of each unit's value in `values`.
    private let positions: [String: Int]

    init(
        definition: IndicatorDefinition, values: [IndicatorValue], byGender: [Gender: [IndicatorValue]],
        median: Rational?, quartiles: (lower: Rational, upper: Rational)?, medianByRegi: [Regi: Rational],
        total: Rational?, coverage: (applicable: [String], covered: [String])
    ) {
        self.definition = definition
        self.values = values
        self.byGender = byGender
        self.median = median
        self.quartiles = quartiles
        self.medianByRegi = medianByRegi
        self.total = total
        self.coverage = coverage
        positions = Dictionary(values.enumerated().map { ($1.enhet.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The value of one unit (both genders together), without a search.
    package func value(of enhetID: String) -> IndicatorValue? { positions[enhetID].map { values[$0] } }

    /// Units ranked (non-nil rank).
    package var rankedCount: Int { values.filter { $0.rank != nil }.count }

    /// Whether the indicator is judged by the område's quartiles but has fewer published values than
    /// quartiles need (`RuleEngine.quartileMinimum`): no value is judged, and the reports say why.
    package var lacksQuartiles: Bool {
        definition.statusRule == .quartile && definition.direction != .none && quartiles == nil
    }
}

/// One indicator for a whole nämnd, from the summed measures of its units.
package struct NamndIndicatorTotal: Sendable {
    package let definition: IndicatorDefinition
    package let total: Rational?
}

/// The nämnd's totals for the indicators of its områden.
package struct NamndEvaluation: Sendable {
    package let namnd: Namnd
    package let indicators: [NamndIndicatorTotal]
}

/// All indicators of one område for a period.
package struct OmradeEvaluation: Sendable {
    package let omrade: Omrade
    package let enheter: [Enhet]
    package let indicators: [IndicatorEvaluation]
}

/// The whole evaluation of a period: indicators, economics, åtgärdsplaner and fördjupade uppföljningar.
package struct Evaluation: Sendable {
    package let period: Period
    package let omraden: [OmradeEvaluation]
    package let namnder: [NamndEvaluation]
    package let economics: EconomicsEvaluation
    package let actionPlans: [ActionPlan]
    package let inDepthDue: [InDepthReview]
    /// Counts by category (complaints by type) per område and unit.
    package let breakdowns: [Breakdown]
}

/// One measure split by category for every unit, e.g. complaints by type; `nil` = no data.
package struct Breakdown: Sendable {
    /// One unit's counts; `hidden` = withheld by the publication plan.
    package struct Row: Sendable {
        package let enhet: Enhet
        package let values: [Rational?]
        package var hidden: Bool
    }

    package let measure: Measure
    package let categories: [String]
    package let omraden: [(omrade: Omrade, rows: [Row])]
    /// The categories published per unit (`report.public_counts`); the others only as område totals.
    package let publicCategories: Set<String>

    /// Whether a unit's count of a category is shown.
    package func isShown(_ row: Row, category index: Int) -> Bool {
        !row.hidden && publicCategories.contains(categories[index])
    }

    /// Whether a unit's row total is shown: only when each of its counts is.
    package func isTotalShown(_ row: Row) -> Bool { categories.indices.allSatisfy { isShown(row, category: $0) } }

    /// Whether the område total of a category is shown: only when the column is shown for every unit, or when
    /// the config publishes the category for no unit, the område has two units or more and the plan hides
    /// none of them. Beside some hidden units it would give their sum away, and where that is 0, each of
    /// them; so a public category whose every unit the plan hides is withheld too, and so is a withheld
    /// category's total over a single unit (it is that unit's count). A withheld category's total of 0 over
    /// units the plan publishes says only that none of them had a case of the type, which is published.
    package func isColumnTotalShown(_ rows: [Row], category index: Int) -> Bool {
        let shown = rows.count { isShown($0, category: index) }
        if shown == rows.count { return true }
        return shown == 0 && !publicCategories.contains(categories[index]) && rows.count >= 2
            && !rows.contains(where: \.hidden)
    }

    /// Whether a category is withheld per unit by the config (`report.public_counts` does not list it).
    package func isWithheldByConfig(category index: Int) -> Bool { !publicCategories.contains(categories[index]) }

    /// Whether the område's grand total is shown: by the same rule over the units' row totals, and only beside
    /// every category's total (it would give a withheld one away).
    package func isGrandTotalShown(_ rows: [Row]) -> Bool {
        let shown = rows.count { isTotalShown($0) }
        let hidden = rows.count { row in categories.indices.allSatisfy { !isShown(row, category: $0) } }
        return (shown == rows.count || hidden == rows.count)
            && categories.indices.allSatisfy { isColumnTotalShown(rows, category: $0) }
    }
}
