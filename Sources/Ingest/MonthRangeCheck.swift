import Domain

/// Whether a file's months can be right: none after the run's month (for surveys, after the run's year) but
/// budget figures, and none before `[report] earliest_year`. A file that fails is not loaded.
///
/// An ingest check, so it lives with the readers; the pipeline asks it of every file it has read.
package struct MonthRangeCheck: Sendable {
    /// The measures that may lie ahead: each ledger measure's budget twin (`LedgerMapping.budgetMeasure`),
    /// as the config declares them, not every id that happens to start with `budget_`.
    let budgetMeasures: Set<String>

    package init(config: Config) {
        budgetMeasures = Set(config.ledger.accounts.map { LedgerMapping.budgetMeasure($0.measure) })
    }

    /// The first problem with the file's months, or `nil`.
    package func finding(_ result: ReadResult, source: SourceDefinition, display: String, asOf: Day) -> Finding? {
        future(result, source: source, display: display, asOf: asOf) ?? early(result, source: source, display: display)
    }

    /// Data for months after the run's month (for surveys, a later year): a wrong date or a wrong system
    /// clock, which would put figures into periods not yet reported.
    func future(_ result: ReadResult, source: SourceDefinition, display: String, asOf: Day) -> Finding? {
        let latest = source.descriptor.horizon.latestMonth(asOf: asOf)
        let future = Set(result.facts.filter { $0.month > latest && !budgetMeasures.contains($0.measure) }.map(\.month))
            .sorted()
        guard !future.isEmpty else { return nil }
        return Finding(SourceLocation(file: display), .futureMonth(months: future, latest: latest))
    }

    /// Data for months before `[report] earliest_year`: a placeholder date such as 1900-01-01 would otherwise
    /// put figures into a century of reports nobody follows up.
    func early(_ result: ReadResult, source: SourceDefinition, display: String) -> Finding? {
        let earliest = source.limits.earliestYear
        guard let first = result.months.first, first.year < earliest else { return nil }
        let early = result.months.filter { $0.year < earliest }
        return Finding(SourceLocation(file: display), .earlyMonth(months: early, earliestYear: earliest))
    }
}
