import Domain

/// Evaluates periods one at a time from one measure table, deciding each year's publication plan once.
///
/// A report kind asks for its periods by name (`evaluate(_:)`, `volumes(_:)`) instead of by position in a
/// list; the results are those of `RuleEngine.evaluate(periods:volumesOnly:table:)` for the same periods.
package struct PeriodEvaluator {
    let engine: RuleEngine
    let table: MeasureTable
    var plans: RuleEngine.PlanCache

    package init(engine: RuleEngine, table: MeasureTable) {
        self.engine = engine
        self.table = table
        self.plans = RuleEngine.PlanCache(config: engine.config, table: table)
    }

    /// Every indicator, the economics and the follow-up lists of `period`.
    package mutating func evaluate(_ period: Period) -> Evaluation {
        engine.evaluate(period: period, table: table, plans: &plans)
    }

    /// Only the volume indicators of `period` (a tertial report's monthly trend).
    package mutating func volumes(_ period: Period) -> Evaluation {
        engine.evaluate(period: period, table: table, families: [.volym], plans: &plans)
    }
}
