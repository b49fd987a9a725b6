import Domain

/// A report to render: one report of one of the registered kinds.
package struct ReportRequest: Sendable, Hashable, CustomStringConvertible {
    let kind: any ReportKind

    /// Every kind of report, in the order reports due on the same day are rendered. A new kind is one file in
    /// `ReportKinds/` and one entry here.
    static let kinds: [any ReportKind.Type] = [TertialReport.self, AnnualReport.self, DataQualityReport.self]

    init(_ kind: any ReportKind) { self.kind = kind }

    package static func annual(year: Int) -> ReportRequest { ReportRequest(AnnualReport(year: year)) }
    package static func tertial(year: Int, number: Int) -> ReportRequest {
        ReportRequest(TertialReport(year: year, number: number))
    }
    /// The data-quality report of every file on record.
    package static let dataQuality = ReportRequest(DataQualityReport())

    /// The request as logs, the manifest and the warehouse's records name it (`annual 2025`).
    package var description: String { kind.description }
    /// The period the report is about; `nil` for the data-quality report.
    package var period: Period? { kind.period }
    /// The kind as the publication records name it.
    package var kindID: String { type(of: kind).id }

    package static func == (lhs: ReportRequest, rhs: ReportRequest) -> Bool { lhs.description == rhs.description }
    package func hash(into hasher: inout Hasher) { hasher.combine(description) }

    /// The reports of every kind that are due, ordered by the last month of their period (a report of every
    /// file last), then by the order of `kinds`.
    static func due(_ calendar: ReportCalendar) -> [ReportRequest] {
        let all = kinds.enumerated().flatMap { index, kind in kind.dueRequests(calendar).map { (index, $0) } }
        return all.enumerated().sorted { a, b in
            func key(_ entry: (offset: Int, element: (Int, ReportRequest))) -> (Int, Int, Int) {
                (entry.element.1.period?.bounds.last.ordinal ?? Int.max, entry.element.0, entry.offset)
            }
            return key(a) < key(b)
        }.map(\.element.1)
    }
}
