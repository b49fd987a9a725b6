import Domain
import Foundation
import Reports
import Rules

/// The tertial report of each nämnd: due once the tertial's last month has data and has closed.
struct TertialReport: ReportKind, Hashable {
    static let id = "tertial"
    let year: Int
    let number: Int

    /// The tertial, the year to date, both last year as last year's reports published them, and each month
    /// of the year to date (volumes only, for the trend).
    struct Evaluations: Sendable {
        let tertial: Evaluation
        let yearToDate: Evaluation
        let lastYearToDate: Evaluation
        let lastYearTertial: Evaluation
        let months: [Evaluation]
    }

    static func due(_ calendar: ReportCalendar) -> [TertialReport] {
        calendar.years.flatMap { year in
            (1...3).filter { number in
                let last = Period.tertial(year: year, number: number).bounds.last
                return calendar.monthsWithData.contains(last) && calendar.isClosed(last)
            }.map { TertialReport(year: year, number: $0) }
        }
    }

    var tertial: Period { .tertial(year: year, number: number) }
    var description: String { "tertial \(year)-T\(number)" }
    var period: Period? { tertial }
    var periodsRead: [Period] {
        [tertial, tertial.yearToDate, tertial.yearToDate.sameLastYear, tertial.sameLastYear]
    }
    /// One nämnd's file can be withheld while the others are published.
    var audit: AuditPolicy { .withholdEachFile }

    func evaluate(_ evaluator: inout PeriodEvaluator) -> Evaluations {
        Evaluations(
            tertial: evaluator.evaluate(tertial), yearToDate: evaluator.evaluate(tertial.yearToDate),
            lastYearToDate: evaluator.evaluate(tertial.yearToDate.sameLastYear),
            lastYearTertial: evaluator.evaluate(tertial.sameLastYear),
            months: tertial.yearToDate.months.map { evaluator.volumes(.month($0)) })
    }

    func render(_ evaluations: Evaluations, renderer: ReportRenderer, quality: DataQuality) -> [RenderedFile] {
        renderer.tertial(
            evaluations.tertial, yearToDate: evaluations.yearToDate, lastYearToDate: evaluations.lastYearToDate,
            lastYearTertial: evaluations.lastYearTertial, months: evaluations.months, quality: quality)
    }

    /// The period's commentary files, by content hash; a file the renderer skips is noted and warned about.
    func fingerprintParts(_ pipeline: Pipeline) -> [String] {
        let root = pipeline.config.paths.commentary
        let folder = (root as NSString).appendingPathComponent(tertial.description)
        return Pipeline.sortedFiles(in: folder).map { name in
            switch RegularFile.contents(of: name, inside: root) {
            case .success(let bytes):
                return "file \(name) \(Pipeline.sha256(Data(bytes)))"
            case .failure(let refusal):
                // The renderer skips the same file (Commentary.load); the fingerprint notes the refusal.
                if name.hasSuffix(".md") {
                    pipeline.logger.warning(
                        "\(refusal.finding(file: Config.displayPath(name), severity: .warning, adding: "; the comment is skipped"))"
                    )
                }
                return "refused \(name) \(refusal.rule)"
            }
        }
    }
}
