import Domain
import Warehouse

/// The Rules facade: turns monthly facts into judged, compared indicator values.
///
/// Pure given the facts: the same warehouse contents give the same evaluation.
package struct RuleEngine: Sendable {
    let config: Config

    package init(config: Config) { self.config = config }

    /// Evaluates every indicator for `period`, reading the facts it needs (and last year's) from `warehouse`.
    package func evaluate(period: Period, warehouse: Warehouse) throws(WarehouseError) -> Evaluation {
        let bounds = period.bounds
        let facts = try warehouse.monthlyFacts(from: bounds.first.adding(months: -12), through: bounds.last)
        return evaluate(period: period, facts: facts)
    }

    /// Evaluates every indicator for `period` from `facts`, which should include the same period last year.
    package func evaluate(period: Period, facts: [Fact]) -> Evaluation {
        let table = MeasureTable(facts: facts, measures: config.measures)
        let months = period.months
        let lastYear = period.sameLastYear.months
        var omraden: [OmradeEvaluation] = []
        for omrade in config.omraden {
            let enheter = config.enheter.filter { $0.omrade == omrade.id && $0.isValid(inAnyOf: months) }
            let indicators = config.indicators.filter { $0.applies(to: omrade.id) }.map { definition in
                evaluate(definition, enheter: enheter, table: table, months: months, lastYear: lastYear)
            }
            omraden.append(OmradeEvaluation(omrade: omrade, enheter: enheter, indicators: indicators))
        }
        return Evaluation(period: period, omraden: omraden)
    }

    func evaluate(
        _ definition: IndicatorDefinition, enheter: [Enhet], table: MeasureTable, months: [Month], lastYear: [Month]
    ) -> IndicatorEvaluation {
        var values = enheter.map { enhet in
            var value = unitValue(definition, enhet: enhet, table: table, months: months)
            if value.value != nil {
                value.previous = unitValue(definition, enhet: enhet, table: table, months: lastYear).value
            }
            return value
        }
        Self.assignRanks(&values, direction: definition.direction)
        let published = values.compactMap(\.value)
        let applicable = enheter.filter { definition.applies(to: $0.regi) }
        let total = FormulaEvaluator.evaluate(definition.formula) { reference in
            let parts = applicable.compactMap { table.value(of: reference, enhet: $0, months: months) }
            return parts.isEmpty ? nil : parts.reduce(0, +)
        }
        var totalValue: Double?
        if case .value(let v) = total { totalValue = v }
        return IndicatorEvaluation(
            definition: definition, values: values, median: Self.median(published), total: totalValue)
    }

    func unitValue(_ definition: IndicatorDefinition, enhet: Enhet, table: MeasureTable, months: [Month])
        -> IndicatorValue
    {
        func missing(_ reason: MissingReason, n: Int? = nil) -> IndicatorValue {
            IndicatorValue(enhet: enhet, value: nil, missing: reason, n: n)
        }
        guard definition.applies(to: enhet.regi) else { return missing(.notApplicable) }
        var n: Int?
        if let nMeasure = definition.nMeasure {
            guard let count = table.value(of: nMeasure, enhet: enhet, months: months) else {
                return missing(.noData)
            }
            n = Int(count.rounded())
            if let n, n < definition.minN { return missing(.suppressed, n: n) }
        }
        switch FormulaEvaluator.evaluate(
            definition.formula, lookup: { table.value(of: $0, enhet: enhet, months: months) })
        {
        case .noData: return missing(.noData, n: n)
        case .divisionByZero: return missing(.divisionByZero, n: n)
        case .value(let value):
            var result = IndicatorValue(enhet: enhet, value: value, missing: nil, n: n)
            result.status = Self.status(value, definition: definition)
            return result
        }
    }

    /// Target status: met when the value is on the right side of the target for the indicator's direction.
    static func status(_ value: Double, definition: IndicatorDefinition) -> Status? {
        guard let target = definition.target else { return nil }
        switch definition.direction {
        case .higher: return value >= target ? .met : .notMet
        case .lower: return value <= target ? .met : .notMet
        case .none: return nil
        }
    }

    /// Standard competition ranking (1, 2, 2, 4) of the units that have a value; best first by direction.
    static func assignRanks(_ values: inout [IndicatorValue], direction: Direction) {
        guard direction != .none else { return }
        let ordered = values.indices.filter { values[$0].value != nil }.sorted { a, b in
            let va = values[a].value ?? 0
            let vb = values[b].value ?? 0
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
    package static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}
