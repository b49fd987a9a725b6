import Domain
import Rules

/// The nämnd's inputs to its verksamhetsberättelse: the year's key figures per område and the comparison
/// summary, as CSV and as an HTML fragment to paste into the annual report.
struct VerksamhetsberattelseModel {
    let base: ReportModel
    let namnd: Namnd
    let year: Evaluation
    let previous: Evaluation?

    var config: Config { base.config }

    struct Line {
        let omrade: OmradeEvaluation
        let indicator: IndicatorEvaluation
        /// The same indicator last year.
        let earlier: IndicatorEvaluation?
        var previousTotal: Rational? { earlier?.total }
        /// Whether the two years' totals cover the same units: every unit open in both years is in both
        /// totals or in neither. A total over other units (no HR data one year) is not a change.
        var comparable: Bool? {
            guard let earlier, indicator.total != nil, earlier.total != nil else { return nil }
            let both = Set(indicator.coverage.applicable).intersection(earlier.coverage.applicable)
            return both.intersection(indicator.coverage.covered) == both.intersection(earlier.coverage.covered)
        }
        var counts: [Status.Level: Int] {
            var counts: [Status.Level: Int] = [:]
            for value in indicator.values { if let level = value.status?.level { counts[level, default: 0] += 1 } }
            return counts
        }
        var reported: Int { indicator.values.filter { $0.value != nil }.count }
    }

    var omraden: [OmradeEvaluation] { year.omraden.filter { $0.omrade.namnd == namnd.id } }

    func lines(_ omrade: OmradeEvaluation) -> [Line] {
        let earlier = previous?.omraden.first { $0.omrade.id == omrade.omrade.id }
        return omrade.indicators.map { indicator in
            Line(
                omrade: omrade, indicator: indicator,
                earlier: earlier?.indicators.first { $0.definition.id == indicator.definition.id })
        }
    }

    static let header = [
        "year", "namnd_id", "namnd", "omrade_id", "omrade", "indicator_id", "indicator", "family", "unit", "value",
        "previous_value", "median", "units", "units_reported", "green", "yellow", "red", "units_covered",
        "previous_units_covered", "comparable",
    ]

    func csv() -> String {
        var writer = CSVWriter()
        writer.row(Self.header.map(CSVWriter.Cell.text))
        for omrade in omraden {
            for line in lines(omrade) {
                let definition = line.indicator.definition
                func number(_ value: Rational?) -> CSVWriter.Cell {
                    .number(value.map { SwedishFormat.plain($0, decimals: definition.decimals) } ?? "")
                }
                let counts = line.counts
                // An indicator judged by quartiles with too few units for them judges none: empty, as its status.
                let judged = definition.statusRule != .none && !line.indicator.lacksQuartiles
                func count(_ level: Status.Level) -> CSVWriter.Cell {
                    .number(judged ? String(counts[level] ?? 0) : "")
                }
                writer.row([
                    .number(String(year.period.year)), .text(namnd.id), .text(namnd.name), .text(omrade.omrade.id),
                    .text(omrade.omrade.name), .text(definition.id), .text(definition.name),
                    .text(definition.family.rawValue), .text(definition.unit), number(line.indicator.total),
                    number(line.previousTotal), number(line.indicator.median),
                    .number(String(omrade.enheter.count)), .number(String(line.reported)), count(.green),
                    count(.yellow), count(.red),
                    .number(line.indicator.total == nil ? "" : String(line.indicator.coverage.covered.count)),
                    .number(line.previousTotal == nil ? "" : String(line.earlier?.coverage.covered.count ?? 0)),
                    .text(line.comparable.map { $0 ? "true" : "false" } ?? ""),
                ])
            }
        }
        return writer.output
    }

    func model() -> Content {
        let ids = Set(omraden.map(\.omrade.id))
        let plans = year.actionPlans.filter { ids.contains($0.enhet.omrade) }
        let economics = year.economics.namnder.first { $0.namnd.id == namnd.id }?.total
        return Content(
            namnd: namnd.name,
            namndId: namnd.id,
            year: year.period.year,
            previousYear: year.period.year - 1,
            actionPlanText: SwedishText.count(plans.count, "enhet", "enheter") + " ska lämna åtgärdsplan",
            omraden: omraden.map { omrade in
                Omrade(
                    name: omrade.omrade.name,
                    unitCounts: SwedishText.unitCounts(omrade.enheter, parenthesised: true),
                    lines: lines(omrade).map(row))
            },
            result: economics.map { ReportModel.kronor($0.result) },
            equity: economics.map { ReportModel.kronor($0.closingEquity) })
    }

    /// A key figure's row in the fragment.
    func row(_ line: Line) -> Row {
        let definition = line.indicator.definition
        let counts = line.counts
        var notComparable: String?
        if line.comparable == false, let earlier = line.earlier {
            notComparable = Self.notComparableText(
                year: year.period.year, this: line.indicator.coverage, earlier: earlier.coverage)
        }
        return Row(
            name: definition.name,
            value: line.indicator.total.map { base.format($0, definition) } ?? "-",
            previous: line.previousTotal.map { base.format($0, definition) } ?? "-",
            median: line.indicator.median.map { base.format($0, definition) } ?? "-",
            statuses: definition.statusRule == .none
                ? "–"
                : line.indicator.lacksQuartiles
                    ? ReportModel.notJudgedText
                    : "\(counts[.green] ?? 0) / \(counts[.yellow] ?? 0) / \(counts[.red] ?? 0)",
            notComparable: notComparable)
    }

    /// The fragment's content.
    struct Content {
        let namnd: String
        let namndId: String
        let year: Int
        let previousYear: Int
        let actionPlanText: String
        let omraden: [Omrade]
        /// The egen regi's result and closing equity; `nil` for a nämnd without egen regi economics.
        let result: String?
        let equity: String?
    }

    /// An område's table of key figures.
    struct Omrade {
        let name: String
        let unitCounts: String
        let lines: [Row]
    }

    /// One indicator's key figures: this year, last year, the median and the statuses.
    struct Row {
        let name: String
        let value: String
        let previous: String
        let median: String
        let statuses: String
        /// Why the total is not compared with last year's; `nil` when it is.
        let notComparable: String?
    }

    /// Why a total is not compared with last year's: the units each year covers.
    static func notComparableText(
        year: Int, this: (applicable: [String], covered: [String]), earlier: (applicable: [String], covered: [String])
    ) -> String {
        "\(year) omfattar \(this.covered.count) av \(ReportModel.units(this.applicable.count)), \(year - 1) "
            + "\(earlier.covered.count) av \(ReportModel.units(earlier.applicable.count)): åren jämförs inte"
    }
}
