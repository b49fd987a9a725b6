import Domain

/// How fresh one source's data is: its files in force and its latest month.
///
/// A source is stale when its latest month lies more than its `stale_after_months` behind the newest month of
/// any source; a source with no month at all is stale as soon as another source has one. When no source has
/// a month, none is stale.
package struct SourceStatus: Sendable {
    package let source: SourceDefinition
    package let files: Int
    package let latestMonth: Month?
    package let stale: Bool

    package init(source: SourceDefinition, files: Int, latestMonth: Month?, stale: Bool) {
        self.source = source
        self.files = files
        self.latestMonth = latestMonth
        self.stale = stale
    }

    /// The freshness of each source, in the order of `sources`.
    ///
    /// - Parameters:
    ///   - sources: The config's sources.
    ///   - filesInForce: Per source id, the months of each of its files in force (not superseded). A source
    ///     missing here has no file.
    /// - Returns: One status per source.
    package static func statuses(of sources: [SourceDefinition], filesInForce: [String: [[Month]]])
        -> [SourceStatus]
    {
        let latest = sources.map { source in (filesInForce[source.id] ?? []).flatMap { $0 }.max() }
        let newest = latest.compactMap { $0 }.max()
        return zip(sources, latest).map { source, month in
            var stale = false
            if let newest {
                stale = month.map { $0.ordinal < newest.ordinal - source.staleAfterMonths } ?? true
            }
            return SourceStatus(
                source: source, files: (filesInForce[source.id] ?? []).count, latestMonth: month, stale: stale)
        }
    }
}
