import Domain

/// Revenues, costs and their budget and forecast: the figures the economics of one unit or a sum of units
/// rests on, in kronor, exact.
///
/// Amounts are the ledger's exact sums; a forecast scaled to twelve months and a margin are exact fractions
/// (`Rational`), rounded only where they are printed. A figure whose exact value does not fit (far beyond any
/// municipal budget) is `nil`, printed `-`, never approximate.
package struct EconomicFigures: Sendable, Hashable {
    package var revenue: Rational = .zero
    package var costs: Rational = .zero
    /// The budgeted result of the period; `nil` without any budget facts.
    package var budgetResult: Rational?
    /// The full year's revenues and costs as known at the end of the period: forecast from the year to date
    /// before December, the outcome from December on.
    package var forecastRevenue: Rational?
    package var forecastCosts: Rational?
    /// The forecast of the same year made one tertial earlier; `nil` at T1 or without one.
    package var previousForecastResult: Rational?
    /// Eget kapital at the start of the period's year; `nil` without an opening balance on record.
    package var openingEquity: Rational?
    /// A sum of units passed the range of exact arithmetic: nothing derived from the sums is given.
    package var overflowed = false

    /// The decimals a margin is printed and judged with (percent).
    package static let marginDecimals = 1

    package init() {}

    package var result: Rational? { overflowed ? nil : revenue.subtracting(costs) }
    /// The result as a share of revenues, in percent; `nil` without revenues.
    package var margin: Rational? { Self.percent(result, of: revenue) }
    /// The result minus the budgeted result.
    package var budgetDeviation: Rational? {
        guard let result, let budgetResult else { return nil }
        return result.subtracting(budgetResult)
    }
    package var forecastResult: Rational? {
        guard !overflowed, let forecastRevenue, let forecastCosts else { return nil }
        return forecastRevenue.subtracting(forecastCosts)
    }
    package var forecastMargin: Rational? {
        guard let forecastRevenue else { return nil }
        return Self.percent(forecastResult, of: forecastRevenue)
    }
    /// How the forecast moved since the last tertial; at the year's end the outcome against the T2 forecast.
    package var forecastChange: Rational? {
        guard let forecastResult, let previousForecastResult else { return nil }
        return forecastResult.subtracting(previousForecastResult)
    }
    /// Opening eget kapital plus the period's result (for a year to date: so far).
    package var closingEquity: Rational? {
        guard let openingEquity, let result else { return nil }
        return openingEquity.adding(result)
    }
    /// Opening eget kapital plus the forecast result of the year.
    package var forecastClosingEquity: Rational? {
        guard let openingEquity, let outcome = forecastResult ?? result else { return nil }
        return openingEquity.adding(outcome)
    }

    /// `part` in percent of `whole`; `nil` without a whole.
    static func percent(_ part: Rational?, of whole: Rational) -> Rational? {
        guard let part, !whole.isZero else { return nil }
        return part.divided(by: whole)?.multiplied(by: 100)
    }

    static func + (lhs: EconomicFigures, rhs: EconomicFigures) -> EconomicFigures {
        var overflowed = lhs.overflowed || rhs.overflowed
        func add(_ a: Rational, _ b: Rational) -> Rational {
            guard let sum = a.adding(b) else {
                overflowed = true
                return .zero
            }
            return sum
        }
        func add(_ a: Rational?, _ b: Rational?) -> Rational? {
            guard a != nil || b != nil else { return nil }
            return add(a ?? .zero, b ?? .zero)
        }
        var sum = EconomicFigures()
        sum.revenue = add(lhs.revenue, rhs.revenue)
        sum.costs = add(lhs.costs, rhs.costs)
        sum.budgetResult = add(lhs.budgetResult, rhs.budgetResult)
        sum.forecastRevenue = add(lhs.forecastRevenue, rhs.forecastRevenue)
        sum.forecastCosts = add(lhs.forecastCosts, rhs.forecastCosts)
        sum.previousForecastResult = add(lhs.previousForecastResult, rhs.previousForecastResult)
        sum.openingEquity = add(lhs.openingEquity, rhs.openingEquity)
        sum.overflowed = overflowed
        return sum
    }
}

/// One egen-regi unit's economics for a period.
package struct UnitEconomics: Sendable, Hashable {
    package let enhet: Enhet
    package let figures: EconomicFigures
    /// The year's required operating margin in percent, exactly as the config writes it; `nil` when the
    /// config sets none for the year.
    package let resultatkrav: Rational?

    /// The margin the resultatkrav is judged on: the full year's, forecast until December, as it is printed
    /// (rounded once to `EconomicFigures.marginDecimals`), so that "2,0 %" against a krav of 2,0 % is met.
    package var judgedMargin: Rational? {
        (figures.forecastMargin ?? figures.margin)?.rounded(decimals: EconomicFigures.marginDecimals)
    }

    /// Whether the (forecast) margin reaches the resultatkrav; `nil` without a requirement or revenues.
    package var meetsResultatkrav: Bool? {
        guard let resultatkrav, let margin = judgedMargin else { return nil }
        return !(margin < resultatkrav)
    }

    /// The result the resultatkrav asks for: revenues (forecast where there is one) times the requirement.
    package var requiredResult: Rational? {
        guard let resultatkrav else { return nil }
        return (figures.forecastRevenue ?? figures.revenue).multiplied(by: resultatkrav)?.divided(by: 100)
    }
}

/// The egen-regi units of one område and their sum.
package struct OmradeEconomics: Sendable {
    package let omrade: Omrade
    package let units: [UnitEconomics]
    package let total: EconomicFigures
}

/// The economics of egen regi for a period, per område and per nämnd.
package struct EconomicsEvaluation: Sendable {
    package let period: Period
    package let resultatkrav: Rational?
    package let omraden: [OmradeEconomics]
    package let namnder: [(namnd: Namnd, total: EconomicFigures)]
    private let units: [String: UnitEconomics]

    init(
        period: Period, resultatkrav: Rational?, omraden: [OmradeEconomics],
        namnder: [(namnd: Namnd, total: EconomicFigures)]
    ) {
        self.period = period
        self.resultatkrav = resultatkrav
        self.omraden = omraden
        self.namnder = namnder
        units = Dictionary(
            omraden.flatMap(\.units).map { ($0.enhet.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// One unit's economics, without a search.
    package func unit(_ id: String) -> UnitEconomics? { units[id] }
}

/// Computes result, margin against the resultatkrav, budget deviation, forecast and eget kapital.
struct EconomicsEngine {
    let config: Config
    let table: MeasureTable

    var settings: EconomicsSettings { config.economics }

    func evaluate(period: Period) -> EconomicsEvaluation {
        let months = period.months
        let year = period.year
        let krav = settings.resultatkrav(for: year).flatMap(Rational.init(printed:))
        var omraden: [OmradeEconomics] = []
        for omrade in config.omraden {
            let units = config.enheter.filter {
                $0.omrade == omrade.id && $0.regi == .egen && $0.isValid(inAnyOf: months)
            }
            .compactMap { enhet -> UnitEconomics? in
                guard var figures = figures(enhet, months: months) else { return nil }
                if let forecast = forecast(enhet, period: period) {
                    figures.forecastRevenue = forecast.revenue
                    figures.forecastCosts = forecast.costs
                }
                if let earlier = earlierForecastPeriod(period), let forecast = forecast(enhet, period: earlier) {
                    figures.previousForecastResult = forecast.revenue.subtracting(forecast.costs)
                }
                figures.openingEquity = openingEquity(enhet, year: year)
                return UnitEconomics(enhet: enhet, figures: figures, resultatkrav: krav)
            }
            guard !units.isEmpty else { continue }
            omraden.append(
                OmradeEconomics(
                    omrade: omrade, units: units, total: units.map(\.figures).reduce(EconomicFigures(), +)))
        }
        let namnder = config.namnder.compactMap { namnd -> (namnd: Namnd, total: EconomicFigures)? in
            let parts = omraden.filter { $0.omrade.namnd == namnd.id }
            guard !parts.isEmpty else { return nil }
            return (namnd, parts.map(\.total).reduce(EconomicFigures(), +))
        }
        return EconomicsEvaluation(period: period, resultatkrav: krav, omraden: omraden, namnder: namnder)
    }

    /// The sum of `measures` for one unit over `months`; `nil` when none of them has data (or the sum does
    /// not fit, which the caller cannot tell from no data: both print `-`).
    func sum(_ measures: [String], enhet: Enhet, months: [Month]) -> Rational? {
        let parts = measures.compactMap { table.value(of: MeasureReference(measure: $0), enhet: enhet, months: months) }
        return parts.isEmpty ? nil : Rational.sum(parts)
    }

    /// Revenues, costs and budgeted result over `months`; `nil` when the ledger has nothing for the unit.
    func figures(_ enhet: Enhet, months: [Month]) -> EconomicFigures? {
        func sum(_ measures: [String]) -> Rational? { self.sum(measures, enhet: enhet, months: months) }
        let revenue = sum(settings.revenues)
        let costs = sum(settings.costs)
        guard revenue != nil || costs != nil else { return nil }
        var figures = EconomicFigures()
        figures.revenue = revenue ?? .zero
        figures.costs = costs ?? .zero
        let budgetRevenue = sum(settings.revenues.map(LedgerMapping.budgetMeasure))
        let budgetCosts = sum(settings.costs.map(LedgerMapping.budgetMeasure))
        if budgetRevenue != nil || budgetCosts != nil {
            figures.budgetResult = (budgetRevenue ?? .zero).subtracting(budgetCosts ?? .zero)
        }
        return figures
    }

    /// The full year's revenues and costs as known at the end of `period`: forecast from the year to date
    /// before December, the outcome in December.
    ///
    /// Only the months in which the unit is valid (register dates) count: the linear forecast scales the year
    /// to date by the year's valid months over the valid months so far (an exact fraction: 12/7 stays 12/7),
    /// so a unit that closed before the period's end is forecast at its outcome and one that opened during
    /// the year is scaled to its own months; the budget forecast adds the budget of the remaining valid
    /// months. `nil` without ledger facts, before the unit's first valid month, or when it does not fit.
    func forecast(_ enhet: Enhet, period: Period) -> (revenue: Rational, costs: Rational)? {
        let months = period.yearToDate.months
        guard let last = months.last, let actual = figures(enhet, months: months) else { return nil }
        if last.month == 12 { return (actual.revenue, actual.costs) }
        let rest = (last.month + 1...12).compactMap { Month(year: last.year, month: $0) }.filter(enhet.isValid(in:))
        let elapsed = months.filter(enhet.isValid(in:)).count
        guard elapsed > 0 else { return nil }
        switch settings.forecast {
        case .linear:
            guard let scale = Rational(Int128(elapsed + rest.count), over: Int128(elapsed)),
                let revenue = actual.revenue.multiplied(by: scale), let costs = actual.costs.multiplied(by: scale)
            else { return nil }
            return (revenue, costs)
        case .budget:
            let remaining = budget(enhet, months: rest)
            guard let revenue = actual.revenue.adding(remaining.revenue),
                let costs = actual.costs.adding(remaining.costs)
            else { return nil }
            return (revenue, costs)
        }
    }

    /// The budgeted revenues and costs over `months` (zero without budget facts).
    func budget(_ enhet: Enhet, months: [Month]) -> (revenue: Rational, costs: Rational) {
        func sum(_ measures: [String]) -> Rational {
            self.sum(measures.map(LedgerMapping.budgetMeasure), enhet: enhet, months: months) ?? .zero
        }
        return (sum(settings.revenues), sum(settings.costs))
    }

    /// The year to date of the previous tertial, whose forecast this one's is compared with: T2 → T1 and
    /// T3 → T2. Other periods have none.
    func earlierForecastPeriod(_ period: Period) -> Period? {
        let through = period.bounds.last
        guard through.month == 8 || through.month == 12 else { return nil }
        return .yearToDate(through: through.adding(months: -4))
    }

    /// Eget kapital at the start of `year`: the register's opening balance rolled forward by each whole
    /// year's result since the equity year.
    func openingEquity(_ enhet: Enhet, year: Int) -> Rational? {
        guard let equityYear = settings.equityYear, let opening = enhet.openingEquity, year >= equityYear else {
            return nil
        }
        var balance = Rational(opening)
        for earlier in equityYear..<year {
            guard let figures = figures(enhet, months: Period.year(earlier).months) else { continue }
            guard let result = figures.result, let next = balance.adding(result) else { return nil }
            balance = next
        }
        return balance
    }
}
