/// How an indicator's values are judged green, yellow or red.
package enum StatusRule: Sendable, Hashable {
    /// Not judged: volumes are followed, not graded.
    case none
    /// Against the nämnd's target: green at the target or better, yellow between the target and the red
    /// limit, red beyond the red limit (or anywhere short of the target when no red limit is set).
    case target(Double, redLimit: Double?)
    /// Against the other units of the område: green in the best quartile, red in the worst, yellow between.
    /// Needs at least `QuartileStatus.minimumUnits` published values.
    case quartile
}

/// How the full-year forecast is made from the year to date.
package enum ForecastMethod: String, Sendable, CaseIterable {
    /// The year to date scaled to twelve months.
    case linear
    /// The year to date plus the budget of the remaining months.
    case budget
}

/// The economics of egen regi: which measures are revenues and costs, the resultatkrav, the forecast.
package struct EconomicsSettings: Sendable {
    /// Measures that add to the result (revenues, shown positive).
    package let revenues: [String]
    /// Measures that subtract from it (costs).
    package let costs: [String]
    /// The required operating margin in percent per calendar year; a year after the last listed one keeps
    /// the last requirement.
    package let resultatkrav: [Int: Double]
    /// How the full-year forecast is made. The default is `defaultForecast`, `.linear`.
    package let forecast: ForecastMethod
    /// The year whose opening eget kapital the register's `eget_kapital` column holds.
    package let equityYear: Int?

    package init(
        revenues: [String], costs: [String], resultatkrav: [Int: Double], forecast: ForecastMethod,
        equityYear: Int?
    ) {
        self.revenues = revenues
        self.costs = costs
        self.resultatkrav = resultatkrav
        self.forecast = forecast
        self.equityYear = equityYear
    }

    /// The forecast method when `[economics]` names none: `.linear`.
    package static let defaultForecast = ForecastMethod.linear

    /// The requirement for `year`: the listed one, else the latest earlier one; `nil` before the first.
    package func resultatkrav(for year: Int) -> Double? {
        if let exact = resultatkrav[year] { return exact }
        return resultatkrav.filter { $0.key < year }.max { $0.key < $1.key }?.value
    }
}

/// A deviation that obliges a unit to hand in an åtgärdsplan.
package struct ActionRule: Sendable, Hashable {
    package enum Condition: Sendable, Hashable {
        /// An indicator judged red; limited to one indicator or one family where given.
        case red(indicator: String?, family: Family?)
        /// The operating margin below the year's resultatkrav.
        case resultatkravMissed
        /// An indicator's value above a limit.
        case above(indicator: String, limit: Double)
        /// An indicator's value below a limit.
        case below(indicator: String, limit: Double)
    }

    package let id: String
    /// The reason as the report states it, e.g. "Röd kvalitetsindikator".
    package let reason: String
    package let condition: Condition

    package init(id: String, reason: String, condition: Condition) {
        self.id = id
        self.reason = reason
        self.condition = condition
    }
}

/// The every-few-years in-depth review (fördjupad uppföljning) of each unit.
package struct InDepthSettings: Sendable, Hashable {
    /// Years between reviews. The default is `defaultIntervalYears`, 3.
    package let intervalYears: Int

    /// The years between reviews when `[fordjupad_uppfoljning]` sets none: 3.
    package static let defaultIntervalYears = 3

    package init(intervalYears: Int) { self.intervalYears = intervalYears }
}

/// How suppression keeps hidden values from being derived from the aggregates the reports publish.
package enum SuppressionMethod: String, Sendable, CaseIterable {
    /// Where an aggregate (område total, egen regi or external units, a year with its tertials and months)
    /// has exactly one hidden contributor, the smallest published contributor is hidden too, until no
    /// aggregate has exactly one.
    case complementary
    /// An aggregate with any hidden contributor is itself hidden; the units stay as published.
    case totals
    /// Only values below the minimum n are hidden, each period on its own. Not safe to publish: the disclosure audit then stops every
    /// report that reveals a hidden value. For testing the audit.
    case primary
}
