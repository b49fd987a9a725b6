import Domain
import Warehouse

/// The Rules facade: turns monthly facts into judged, compared indicator values, the economics of egen regi,
/// and the lists of units that owe an åtgärdsplan or are due for a fördjupad uppföljning.
///
/// Pure given the facts: the same warehouse contents give the same evaluation.
package struct RuleEngine: Sendable {
    let config: Config

    package init(config: Config) { self.config = config }

    /// The first month whose facts an evaluation of `period` reads: the start of last year (whose publication
    /// plan decides last year's column), or the start of the equity year from which eget kapital is rolled
    /// forward.
    package func firstMonthNeeded(for period: Period) -> Month {
        let lastYear = Period.year(period.year - 1).bounds.first
        guard let equityYear = config.economics.equityYear, equityYear < lastYear.year else { return lastYear }
        return Month(ordinal: equityYear * 12)
    }

    /// Evaluates every indicator for `period`, reading the facts it needs (and last year's) from `warehouse`.
    package func evaluate(period: Period, warehouse: Warehouse) throws(WarehouseError) -> Evaluation {
        try evaluate(periods: [period], warehouse: warehouse)[0]
    }

    /// The last month whose facts an evaluation of `period` reads: the end of its year, since the year's
    /// publication plan is decided over all of it.
    package func lastMonthNeeded(for period: Period) -> Month { Period.year(period.year).bounds.last }

    /// Evaluates several periods from one read of the warehouse, in the order given.
    ///
    /// - Parameters:
    ///   - volumesOnly: periods for which only the volume indicators are wanted (a tertial report's monthly
    ///     trend): evaluated without the other families, economics and follow-up lists.
    package func evaluate(periods: [Period], volumesOnly: [Period] = [], warehouse: Warehouse)
        throws(WarehouseError) -> [Evaluation]
    {
        guard let table = try table(for: periods + volumesOnly, warehouse: warehouse) else { return [] }
        return evaluate(periods: periods, volumesOnly: volumesOnly, table: table)
    }

    /// The facts every one of `periods` needs, read once and indexed; `nil` for no periods.
    package func table(for periods: [Period], warehouse: Warehouse) throws(WarehouseError) -> MeasureTable? {
        guard let first = periods.map(firstMonthNeeded).min(), let last = periods.map(lastMonthNeeded).max() else {
            return nil
        }
        var table = MeasureTable(measures: config.measures)
        try warehouse.forEachFact(from: first, through: last) { table.add($0) }
        return table
    }

    /// Evaluates periods from a table read for them (or for more), so several reports share one read.
    package func evaluate(periods: [Period], volumesOnly: [Period] = [], table: MeasureTable) -> [Evaluation] {
        var plans = PlanCache(config: config, table: table)
        return periods.map { evaluate(period: $0, table: table, plans: &plans) }
            + volumesOnly.map { evaluate(period: $0, table: table, families: [.volym], plans: &plans) }
    }

    /// The publication plans of the years an evaluation touches, each decided once.
    struct PlanCache {
        let config: Config
        let table: MeasureTable
        var plans: [Int: PublicationPlan] = [:]

        mutating func plan(_ year: Int) -> PublicationPlan {
            if let plan = plans[year] { return plan }
            let plan = PublicationPlan(config: config, table: table, year: year)
            plans[year] = plan
            return plan
        }
    }

    /// Evaluates every indicator for `period` from `facts`, which should include the same period last year
    /// (and, for eget kapital, every year since the equity year).
    package func evaluate(period: Period, facts: [Fact]) -> Evaluation {
        evaluate(period: period, table: MeasureTable(facts: facts, measures: config.measures))
    }

    /// Evaluates `period` from facts already indexed, so several periods share one index.
    ///
    /// - Parameter families: only these indicator families, and none of the economics and follow-up lists;
    ///   `nil` = everything.
    func evaluate(period: Period, table: MeasureTable, families: Set<Family>? = nil) -> Evaluation {
        var plans = PlanCache(config: config, table: table)
        return evaluate(period: period, table: table, families: families, plans: &plans)
    }

    func evaluate(period: Period, table: MeasureTable, families: Set<Family>? = nil, plans: inout PlanCache)
        -> Evaluation
    {
        let plan = plans.plan(period.year)
        let lastYearPlan = plans.plan(period.year - 1)
        let months = period.months
        let lastYear = period.sameLastYear.months
        let definitions = config.indicators.filter { families?.contains($0.family) ?? true }
        var omraden: [OmradeEvaluation] = []
        for omrade in config.omraden {
            let enheter = config.enheter.filter { $0.omrade == omrade.id && $0.isValid(inAnyOf: months) }
            let indicators = definitions.filter { $0.applies(to: omrade.id) }.map { definition in
                evaluate(
                    definition, omrade: omrade.id, enheter: enheter, table: table, months: months, lastYear: lastYear,
                    plan: plan, lastYearPlan: lastYearPlan)
            }
            omraden.append(OmradeEvaluation(omrade: omrade, enheter: enheter, indicators: indicators))
        }
        if families != nil {
            return Evaluation(
                period: period, omraden: omraden, namnder: [],
                economics: EconomicsEvaluation(period: period, resultatkrav: nil, omraden: [], namnder: []),
                actionPlans: [], inDepthDue: [], breakdowns: [])
        }
        let namnder = config.namnder.map { namnd in
            let enheter = omraden.filter { $0.omrade.namnd == namnd.id }.flatMap(\.enheter)
            let totals = definitions.filter { definition in
                omraden.contains { $0.omrade.namnd == namnd.id && definition.applies(to: $0.omrade.id) }
            }.map { definition in
                let applicable = enheter.filter { definition.applies(to: $0.omrade) }
                return NamndIndicatorTotal(
                    definition: definition, total: total(definition, enheter: applicable, table: table, months: months))
            }
            return NamndEvaluation(namnd: namnd, indicators: totals)
        }
        let economics = EconomicsEngine(config: config, table: table).evaluate(period: period)
        let lists = FollowUpLists(config: config)
        return Evaluation(
            period: period, omraden: omraden, namnder: namnder, economics: economics,
            actionPlans: lists.actionPlans(omraden: omraden, economics: economics),
            inDepthDue: lists.inDepthDue(year: period.year),
            breakdowns: breakdowns(omraden: omraden, table: table, months: months, plan: plan))
    }

    /// Counts by category for the complaints sources' `<prefix>_antal` measures, per område and unit.
    ///
    /// A unit hidden by the publication plan has its counts withheld. Only the types in `report.public_counts`
    /// are shown per unit at all, and a unit's row total only when every type in it is shown; an område total
    /// only where its column is shown for every unit or for none (`Breakdown.isColumnTotalShown`), since
    /// counts are never negative: a total equal to the published units would show every hidden one as 0.
    func breakdowns(omraden: [OmradeEvaluation], table: MeasureTable, months: [Month], plan: PublicationPlan)
        -> [Breakdown]
    {
        var seen: Set<String> = []
        var result: [Breakdown] = []
        for source in config.sources where source.descriptor.mapsComplaintTypes {
            let id = source.measurePrefix + "_antal"
            guard seen.insert(id).inserted, let measure = config.measure(id) else { continue }
            let categories = ComplaintType.allCases.map(\.rawValue).filter { category in
                config.sources.contains {
                    $0.measurePrefix == source.measurePrefix
                        && $0.complaintTypes.values.contains { $0.rawValue == category }
                }
            }
            let parts = omraden.map { omrade in
                let rows = omrade.enheter.map { enhet in
                    Breakdown.Row(
                        enhet: enhet,
                        values: categories.map {
                            table.value(of: MeasureReference(measure: id, category: $0), enhet: enhet, months: months)
                        }, hidden: false)
                }
                return (
                    omrade: omrade.omrade, rows: Self.withheld(rows, hidden: plan.hiddenUnits(omrade: omrade.omrade.id))
                )
            }
            result.append(
                Breakdown(
                    measure: measure, categories: categories, omraden: parts,
                    publicCategories: Set(config.report.publicCounts)))
        }
        return result
    }

    /// Rows of a breakdown with the plan's hidden units withheld, whether they have counts or not (a `-` would
    /// say a hidden unit had none).
    static func withheld(_ rows: [Breakdown.Row], hidden: Set<String>) -> [Breakdown.Row] {
        rows.map { Breakdown.Row(enhet: $0.enhet, values: $0.values, hidden: hidden.contains($0.enhet.id)) }
    }

    func evaluate(
        _ definition: IndicatorDefinition, omrade: String, enheter: [Enhet], table: MeasureTable, months: [Month],
        lastYear: [Month], plan: PublicationPlan, lastYearPlan: PublicationPlan
    ) -> IndicatorEvaluation {
        var values = enheter.map { enhet in
            var value = unitValue(definition, enhet: enhet, table: table, months: months)
            if value.value != nil, plan.isHidden(enhet.id, definition, omrade: omrade, gender: nil, config: config) {
                value.suppress()
            }
            // Last year's column shows what last year's reports published, or its symbol, whether this year's
            // value is published, missing or hidden: a value last year's plan hid stays hidden.
            if definition.applies(to: enhet.regi),
                lastYearPlan.isHidden(enhet.id, definition, omrade: omrade, gender: nil, config: config)
            {
                value.previousMissing = .suppressed
            } else {
                let last = unitValue(definition, enhet: enhet, table: table, months: lastYear)
                value.previous = last.value
                value.previousMissing = last.missing
            }
            return value
        }
        var byGender: [Gender: [IndicatorValue]] = [:]
        if definition.byGender {
            for gender in Gender.allCases {
                byGender[gender] = enheter.enumerated().map { index, enhet in
                    var value = unitValue(definition, enhet: enhet, table: table, months: months, gender: gender)
                    if value.value != nil,
                        values[index].missing == .suppressed
                            || plan.isHidden(enhet.id, definition, omrade: omrade, gender: gender, config: config)
                    {
                        value.suppress()
                    }
                    return value
                }
            }
            Self.suppressComplements(total: values, byGender: &byGender)
        }
        // Everything below works on the values as published, and is itself rounded as it is printed, so that
        // a reader comparing or subtracting printed figures finds the printed status, rank and difference.
        let decimals = definition.decimals
        let published = values.compactMap(\.value)
        let median = Self.median(published)?.rounded(decimals: decimals)
        let quartiles = Self.quartiles(published).flatMap { quartiles in
            quartiles.lower.rounded(decimals: decimals).flatMap { lower in
                quartiles.upper.rounded(decimals: decimals).map { (lower: lower, upper: $0) }
            }
        }
        Self.assignRanks(&values, direction: definition.direction)
        for index in values.indices {
            guard let value = values[index].value else { continue }
            values[index].fromMedian = median.flatMap { value.subtracting($0) }
            values[index].status = Self.status(value, definition: definition, quartiles: quartiles)
        }
        for gender in byGender.keys {
            for index in byGender[gender, default: []].indices {
                guard let value = byGender[gender]?[index].value else { continue }
                byGender[gender]?[index].status = Self.status(value, definition: definition, quartiles: nil)
            }
        }
        var medianByRegi: [Regi: Rational] = [:]
        for regi in Regi.allCases {
            medianByRegi[regi] = Self.median(values.filter { $0.enhet.regi == regi }.compactMap(\.value))?
                .rounded(decimals: decimals)
        }
        let applicable = enheter.filter { definition.applies(to: $0.regi) }
        let covered = coverage(definition, enheter: applicable, table: table, months: months)
        let total =
            plan.isTotalHidden(omrade: omrade, indicator: definition.id)
            ? nil : total(definition, covered: covered, table: table, months: months)
        return IndicatorEvaluation(
            definition: definition, values: values, byGender: byGender, median: median, quartiles: quartiles,
            medianByRegi: medianByRegi, total: total, coverage: (applicable.map(\.id), covered.map(\.id)))
    }

    /// The indicator for a group of units, from their summed measures (a ratio of sums).
    ///
    /// A median measure is the median of the units' cases pooled. A formula of several measures is computed
    /// over the units that have data for every one of them, so that no unit's numerator stands without its
    /// denominator (`coverage` says which). A stock (`mean`) is the group's average over the whole period,
    /// in which a unit counts as zero in the months it is closed: a unit that closed in June and one that
    /// took over its brukare in July are not counted twice. The result is rounded as it is published.
    func total(_ definition: IndicatorDefinition, enheter: [Enhet], table: MeasureTable, months: [Month])
        -> Rational?
    {
        total(
            definition, covered: coverage(definition, enheter: enheter, table: table, months: months), table: table,
            months: months)
    }

    /// The total over the units `coverage` gave.
    func total(_ definition: IndicatorDefinition, covered: [Enhet], table: MeasureTable, months: [Month])
        -> Rational?
    {
        var overflowed = false
        let outcome = FormulaEvaluator.evaluate(definition.formula) { reference in
            if table.isMedian(reference.measure) {
                return table.pooledMedian(of: reference, enheter: covered, months: months)
            }
            // A stock is the group's average over the whole period: a unit open part of it adds its share.
            let parts = covered.compactMap {
                table.value(of: reference, enhet: $0, months: months, closedMonths: .asZero)
            }
            guard !parts.isEmpty else { return nil }
            guard let sum = Rational.sum(parts) else {
                overflowed = true
                return nil
            }
            return sum
        }
        if !overflowed, case .value(let value) = outcome { return value.rounded(decimals: definition.decimals) }
        return nil
    }

    /// The units an aggregate of the indicator is computed over: those it applies to whose own value can be
    /// computed in the months (a ratio's denominator is there), whether published or hidden.
    func coverage(_ definition: IndicatorDefinition, enheter: [Enhet], table: MeasureTable, months: [Month])
        -> [Enhet]
    {
        enheter.filter {
            definition.applies(to: $0.regi) && table.isComputable(definition.formula, enhet: $0, months: months)
        }
    }

    /// One unit's value; for a gender, every reference without a gender of its own is narrowed to it.
    func unitValue(
        _ definition: IndicatorDefinition, enhet: Enhet, table: MeasureTable, months: [Month], gender: Gender? = nil
    ) -> IndicatorValue {
        func missing(_ reason: MissingReason, n: Int? = nil) -> IndicatorValue {
            IndicatorValue(enhet: enhet, gender: gender, value: nil, missing: reason, n: n)
        }
        guard definition.applies(to: enhet.regi) else { return missing(.notApplicable) }
        var n: Int?
        if let reference = PublicationPlan.countReference(definition, config: config) {
            guard
                let count = PublicationPlan.count(
                    reference.narrowed(to: gender), enhet: enhet, months: months, table: table)
            else {
                return missing(.noData)
            }
            // The exact count is tested; a suppressed value carries no n, which is the small number hidden.
            if count < Rational(definition.minN) { return missing(.suppressed) }
            n = count.rounded(decimals: 0).flatMap { Int(exactly: $0.numerator) }
        }
        let formula = gender.map { definition.formula.narrowed(to: $0) } ?? definition.formula
        let closedMonths = Self.closedMonths(in: formula, table: table)
        switch FormulaEvaluator.evaluate(
            formula, lookup: { table.value(of: $0, enhet: enhet, months: months, closedMonths: closedMonths) })
        {
        case .noData, .overflow: return missing(.noData, n: n)
        case .divisionByZero: return missing(.divisionByZero, n: n)
        case .value(let exact):
            // Rounded once, here, half away from zero: what every later step compares is what is printed.
            guard let value = exact.rounded(decimals: definition.decimals) else { return missing(.noData, n: n) }
            return IndicatorValue(enhet: enhet, gender: gender, value: value, missing: nil, n: n)
        }
    }

    /// How a unit's own value of `formula` averages its stocks over a period it is open in part of.
    ///
    /// A stock alone, or over another stock (brukare per årsarbetare), is averaged over the months the unit
    /// was open: a preschool with 38 children until it closes in June has 38 in the year, not 19. A stock
    /// beside a flow (cost per brukare, complaints per 100 brukare) counts the closed months as zero, since
    /// the flow covers only the open months: the ratio is then per brukare over the whole period, comparable
    /// with the units open all of it. The minimum n is always tested on the months the unit was open.
    static func closedMonths(in formula: Formula, table: MeasureTable) -> MeasureTable.ClosedMonths {
        let aggregations = Set(formula.references.map { table.aggregation(of: $0.measure) })
        return aggregations.contains(.mean) && aggregations.contains(.sum)
            ? .asZero : .leftOut
    }

    /// Secondary suppression: where one gender is suppressed and the total is published, the other gender
    /// is withheld too, since it and the total together would reveal the suppressed one.
    static func suppressComplements(total: [IndicatorValue], byGender: inout [Gender: [IndicatorValue]]) {
        for index in total.indices where total[index].value != nil {
            let suppressed = Gender.allCases.filter { byGender[$0]?[index].missing == .suppressed }
            guard !suppressed.isEmpty else { continue }
            for gender in Gender.allCases where byGender[gender]?[index].value != nil {
                byGender[gender]?[index].suppress()
            }
        }
    }

    /// The status of a value by the indicator's rule: target and red limit, or the område's quartiles.
    ///
    /// `value` and `quartiles` are as published, and the target and red limit are the numbers written in the
    /// config, exactly: a reader who checks the printed value against the target finds the printed status.
    static func status(
        _ value: Rational, definition: IndicatorDefinition, quartiles: (lower: Rational, upper: Rational)?
    ) -> Status? {
        let higher = definition.direction == .higher
        guard definition.direction != .none else { return nil }
        /// Whether `a` is at least as good as `b`.
        func atLeast(_ a: Rational, _ b: Rational) -> Bool { higher ? a >= b : a <= b }
        switch definition.statusRule {
        case .none:
            return nil
        case .target(let target, let redLimit):
            guard let target = Rational(printed: target) else { return nil }
            if atLeast(value, target) { return Status(.green, basis: .target) }
            if let redLimit = redLimit.flatMap(Rational.init(printed:)), atLeast(value, redLimit) {
                return Status(.yellow, basis: .target)
            }
            return Status(.red, basis: .target)
        case .quartile:
            guard let quartiles else { return nil }
            let best = higher ? quartiles.upper : quartiles.lower
            let worst = higher ? quartiles.lower : quartiles.upper
            if atLeast(value, best) { return Status(.green, basis: .quartile) }
            if !atLeast(value, worst) || value == worst { return Status(.red, basis: .quartile) }
            return Status(.yellow, basis: .quartile)
        }
    }

    /// Standard competition ranking (1, 2, 2, 4) of the units that have a value; best first by direction.
    static func assignRanks(_ values: inout [IndicatorValue], direction: Direction) {
        guard direction != .none else { return }
        let ordered = values.indices.filter { values[$0].value != nil }.sorted { a, b in
            let va = values[a].value ?? .zero
            let vb = values[b].value ?? .zero
            return direction == .higher ? va > vb : va < vb
        }
        for (position, index) in ordered.enumerated() {
            if position > 0, values[ordered[position - 1]].value == values[index].value {
                values[index].rank = values[ordered[position - 1]].rank
            } else {
                values[index].rank = position + 1
            }
        }
    }

    /// The median; the mean of the two middle values for an even count.
    package static func median(_ values: [Rational]) -> Rational? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : Rational.mean(sorted[middle - 1], sorted[middle])
    }

    /// The fewest values for which quartiles are computed.
    package static let quartileMinimum = 4

    /// The first and third quartiles by linear interpolation between order statistics (Excel's
    /// KVARTIL.INK, R's type 7); `nil` for fewer than `quartileMinimum` values.
    package static func quartiles(_ values: [Rational]) -> (lower: Rational, upper: Rational)? {
        guard values.count >= quartileMinimum else { return nil }
        let sorted = values.sorted()
        /// The quantile `quarters`/4, at position `quarters`·(n − 1)/4 between the order statistics.
        func quantile(_ quarters: Int) -> Rational? {
            let (below, rest) = (quarters * (sorted.count - 1)).quotientAndRemainder(dividingBy: 4)
            guard rest != 0, below + 1 < sorted.count, let fraction = Rational(Int128(rest), over: 4) else {
                return sorted[below]
            }
            return sorted[below + 1].subtracting(sorted[below])
                .flatMap { $0.multiplied(by: fraction) }
                .flatMap { sorted[below].adding($0) }
        }
        guard let lower = quantile(1), let upper = quantile(3) else { return nil }
        return (lower, upper)
    }
}

extension MeasureReference {
    /// The reference for one gender, unless it names a gender of its own.
    func narrowed(to gender: Gender?) -> MeasureReference {
        guard let gender, self.gender == nil else { return self }
        return MeasureReference(measure: measure, categories: categories, gender: gender)
    }
}

extension Formula {
    /// The formula with every reference that names no gender narrowed to `gender`.
    func narrowed(to gender: Gender) -> Formula {
        switch self {
        case .number: return self
        case .measure(let reference): return .measure(reference.narrowed(to: gender))
        case .negate(let inner): return .negate(inner.narrowed(to: gender))
        case .binary(let op, let lhs, let rhs): return .binary(op, lhs.narrowed(to: gender), rhs.narrowed(to: gender))
        }
    }
}
