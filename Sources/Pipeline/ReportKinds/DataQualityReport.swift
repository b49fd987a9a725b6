import Domain
import Reports
import Rules

/// The data-quality page of every file on record, for the operator: due on every run, never audited, and
/// rendered again to list the reports the audit withheld.
struct DataQualityReport: ReportKind, Hashable {
    static let id = "data-quality"

    static func due(_ calendar: ReportCalendar) -> [DataQualityReport] { [DataQualityReport()] }

    var description: String { "data quality" }
    var period: Period? { nil }
    var periodsRead: [Period] { [] }
    var audit: AuditPolicy { .none }

    func evaluate(_ evaluator: inout PeriodEvaluator) {}

    func render(_ evaluations: Void, renderer: ReportRenderer, quality: DataQuality) -> [RenderedFile] {
        [renderer.dataQuality(quality)]
    }

    /// The page says which inboxes are empty: it is current only while they are the same.
    func fingerprintParts(_ pipeline: Pipeline) -> [String] {
        pipeline.emptyInboxes().map { "empty inbox \($0.source.id)" }
    }

    func rerender(withheld: [WithheldReport], renderer: ReportRenderer, quality: DataQuality) -> [RenderedFile]? {
        withheld.isEmpty ? nil : [renderer.dataQuality(quality, withheld: withheld)]
    }
}
