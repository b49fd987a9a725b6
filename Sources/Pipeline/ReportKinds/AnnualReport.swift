import Domain
import Reports
import Rules

/// The published annual comparison of a year: due once the year has closed (with any data in it).
struct AnnualReport: ReportKind, Hashable {
    static let id = "annual"
    let year: Int

    /// The year and the two before it, for the unit pages' trend and the changes.
    struct Evaluations: Sendable {
        let year: Evaluation
        let lastYear: Evaluation
        let yearBeforeLast: Evaluation
    }

    static func due(_ calendar: ReportCalendar) -> [AnnualReport] {
        calendar.years.filter { calendar.isClosed(Period.year($0).bounds.last) }.map(AnnualReport.init)
    }

    var description: String { "annual \(year)" }
    var period: Period? { .year(year) }
    var periodsRead: [Period] { [.year(year - 2), .year(year - 1), .year(year)] }

    func evaluate(_ evaluator: inout PeriodEvaluator) -> Evaluations {
        Evaluations(
            year: evaluator.evaluate(.year(year)), lastYear: evaluator.evaluate(.year(year - 1)),
            yearBeforeLast: evaluator.evaluate(.year(year - 2)))
    }

    func render(_ evaluations: Evaluations, renderer: ReportRenderer, quality: DataQuality) -> [RenderedFile] {
        renderer.annual(
            evaluations.year, history: [evaluations.yearBeforeLast, evaluations.lastYear], quality: quality)
    }

    var openDataName: String? { Self.openDataName(year) }
    var previousOpenDataName: String? { Self.openDataName(year - 1) }

    static func openDataName(_ year: Int) -> String { "arsjamforelse-\(year).csv" }
}
