import Domain
import Reports
import Rules

/// One kind of report: the periods it reads, when it is due, and how it renders. Each kind is one file in this
/// folder and one line in `ReportRequest.kinds`; the pipeline knows nothing else about it.
///
/// Like a swift-format rule, a kind is a small value (the report of one period) whose type carries all the
/// kind's behaviour.
protocol ReportKind: Sendable, CustomStringConvertible {
    /// The evaluations the report is made from, each by name.
    associatedtype Evaluations: Sendable

    /// The kind as the publication records name it (`annual`, `tertial`, `data-quality`).
    static var id: String { get }

    /// The reports of this kind that are due, in the order they are rendered.
    static func due(_ calendar: ReportCalendar) -> [Self]

    /// The period the report is about; `nil` for a report of every file on record.
    var period: Period? { get }

    /// The periods whose facts the report reads: they decide the measure table and the files its fingerprint
    /// covers. Empty for a report that reads no facts (its fingerprint then covers every file).
    var periodsRead: [Period] { get }

    /// Evaluates the report's periods.
    func evaluate(_ evaluator: inout PeriodEvaluator) -> Evaluations

    /// The report's files.
    func render(_ evaluations: Evaluations, renderer: ReportRenderer, quality: DataQuality) -> [RenderedFile]

    /// What the disclosure audit does with the report. The default is `.withholdAll`.
    var audit: AuditPolicy { get }

    /// The open-data file this report publishes, which next year's disclosure audit compares with; the
    /// default is none.
    var openDataName: String? { get }

    /// The open-data file of an earlier report that the disclosure audit compares this one with; the default
    /// is none.
    var previousOpenDataName: String? { get }

    /// Inputs of the report's fingerprint beyond the tool, config, register, templates and facts read; the
    /// default is none.
    func fingerprintParts(_ pipeline: Pipeline) -> [String]

    /// The report's files again once the run's other reports are audited, when it lists what the audit
    /// withheld; the default is `nil` (the files rendered stand).
    func rerender(withheld: [WithheldReport], renderer: ReportRenderer, quality: DataQuality) -> [RenderedFile]?
}

/// What the disclosure audit does with a report's files.
enum AuditPolicy: Sendable {
    /// Not audited (the data-quality page is not published).
    case none
    /// A finding in any file withholds all of them (the files link each other).
    case withholdAll
    /// A finding withholds that file only; the others are published (one file per nämnd).
    case withholdEachFile
}

/// What decides whether a report is due: the months with data, the plausible years, and which months are
/// closed (ended `report.lag_days` before the run's day).
struct ReportCalendar {
    /// The years with data from `[limits] earliest_year` through the run's year, ascending.
    let years: [Int]
    let monthsWithData: Set<Month>
    let isClosed: (Month) -> Bool
}

extension ReportKind {
    var audit: AuditPolicy { .withholdAll }
    var openDataName: String? { nil }
    var previousOpenDataName: String? { nil }
    func fingerprintParts(_ pipeline: Pipeline) -> [String] { [] }
    func rerender(withheld: [WithheldReport], renderer: ReportRenderer, quality: DataQuality) -> [RenderedFile]? {
        nil
    }

    /// The due reports of this kind as requests (callable on the kind's metatype as an existential).
    static func dueRequests(_ calendar: ReportCalendar) -> [ReportRequest] { due(calendar).map(ReportRequest.init) }

    /// Evaluates and renders the report from a measure table read for it (or for more).
    func files(
        table: MeasureTable, engine: RuleEngine, renderer: ReportRenderer, quality: DataQuality,
        rulesSeconds: inout Double
    ) -> [RenderedFile] {
        let started = ContinuousClock.now
        var evaluator = PeriodEvaluator(engine: engine, table: table)
        let evaluations = evaluate(&evaluator)
        let elapsed = ContinuousClock.now - started
        rulesSeconds += Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        return render(evaluations, renderer: renderer, quality: quality)
    }
}
