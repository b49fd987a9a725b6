import Testing

@testable import Domain
@testable import Rules

/// The freshness rule of the data-quality page: a source is stale when its latest month lies more than its
/// `stale_after_months` behind the newest month of any source.
@Suite("Source freshness")
struct SourceStatusTests {
    static func source(_ id: String, staleAfter: Int = 2) -> SourceDefinition {
        var source = SourceDefinition(
            id: id, kind: .volumeCSV, inbox: "/dev/null", encoding: nil, delimiter: nil, columns: [:], unitKey: .id,
            layout: .long, measureColumns: [:])
        source.staleAfterMonths = staleAfter
        return source
    }

    static let march = Month(ordinal: 2025 * 12 + 2)

    @Test("latest month and files in force per source, stale past the allowed lag, none when no month")
    func statuses() {
        let sources = [Self.source("a"), Self.source("b"), Self.source("c", staleAfter: 0), Self.source("d")]
        let statuses = SourceStatus.statuses(
            of: sources,
            filesInForce: [
                "a": [[Self.march.adding(months: -1)], [Self.march]],
                "b": [[Self.march.adding(months: -3), Self.march.adding(months: -2)]],
                "c": [[Self.march.adding(months: -1)]],
                "d": [[]],
            ])
        #expect(statuses.map(\.source.id) == ["a", "b", "c", "d"])
        #expect(statuses.map(\.files) == [2, 1, 1, 1])
        #expect(
            statuses.map(\.latestMonth) == [
                Self.march, Self.march.adding(months: -2), Self.march.adding(months: -1), nil,
            ])
        #expect(statuses.map(\.stale) == [false, false, true, true])
    }

    @Test("no source is stale while no source has a month")
    func noMonths() {
        let statuses = SourceStatus.statuses(of: [Self.source("a"), Self.source("b")], filesInForce: ["a": [[]]])
        #expect(statuses.map(\.files) == [1, 0])
        #expect(statuses.map(\.stale) == [false, false])
    }
}
