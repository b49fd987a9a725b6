import Domain
import Foundation
import Rules

/// The tertial report of one nämnd: the tertial and the year to date against budget and last year, the
/// forecast and how it moved, the monthly volume trend, every indicator family, complaints by type, the
/// åtgärdsplaner, and the analysts' commentary (a red indicator without a comment is listed).
struct TertialModel {
    let base: ReportModel
    let namnd: Namnd
    let tertial: Evaluation
    let yearToDate: Evaluation
    /// The same year to date last year: its economics, and last year's column of every indicator table.
    let lastYearToDate: Evaluation
    /// The same tertial last year, for last year's column of the tertial.
    let lastYearTertial: Evaluation
    /// One evaluation per month of the year to date, for the volume trend.
    let months: [Evaluation]
    /// Commentary HTML per unit id.
    let commentary: [String: String]

    var config: Config { base.config }
    var year: Int { tertial.period.year }

    func model() -> Content {
        let omraden = yearToDate.omraden.filter { $0.omrade.namnd == namnd.id }
        let ids = Set(omraden.map(\.omrade.id))
        let missing = missingCommentary(omraden)
        var summary: EconomicsSummary?
        if let total = yearToDate.economics.namnder.first(where: { $0.namnd.id == namnd.id })?.total {
            let lastYear = lastYearToDate.economics.namnder.first { $0.namnd.id == namnd.id }?.total
            let tertialTotal = tertial.economics.namnder.first { $0.namnd.id == namnd.id }?.total
            summary = EconomicsSummary(
                tertialResult: ReportModel.kronor(tertialTotal?.result),
                ytdResult: ReportModel.kronor(total.result),
                ytdBudget: ReportModel.kronor(total.budgetResult),
                budgetDeviation: ReportModel.kronorChange(total.budgetDeviation),
                lastYearResult: ReportModel.kronor(lastYear?.result),
                forecast: ReportModel.kronor(total.forecastResult),
                forecastChange: ReportModel.kronorChange(total.forecastChange),
                forecastEquity: ReportModel.kronor(total.forecastClosingEquity))
        }
        return Content(
            namnd: namnd.name,
            omraden: omraden.map(omrade),
            actionPlans: base.actionPlans(
                yearToDate.actionPlans.filter { ids.contains($0.enhet.omrade) }, year: year),
            missingCommentary: missing,
            hasMissingCommentary: !missing.isEmpty,
            economicsSummary: summary,
            tertialLabel: tertial.period.label,
            ytdLabel: yearToDate.period.label,
            lastYear: year - 1,
            commentaryFolder: "\((config.paths.commentary as NSString).lastPathComponent)/\(tertial.period)")
    }

    func omrade(_ omrade: OmradeEvaluation) -> Omrade {
        let id = omrade.omrade.id
        let tertialOmrade = tertial.omraden.first { $0.omrade.id == id }
        var economicsTable: Economics?
        if let economics = yearToDate.economics.omraden.first(where: { $0.omrade.id == id }) {
            let lastYear = lastYearToDate.economics.omraden.first { $0.omrade.id == id }
            let tertialEconomics = tertial.economics.omraden.first { $0.omrade.id == id }
            func row(
                _ name: String, _ unit: UnitEconomics?, figures: EconomicFigures, last: EconomicFigures?,
                tertialFigures: EconomicFigures?
            ) -> ReportModel.EconomicsRow {
                // Amounts without `kr` (the caption names the unit), so the eleven columns fit the page.
                var row = base.economicsRow(name, figures, meetsResultatkrav: unit?.meetsResultatkrav, amountUnit: "")
                // Set on every row: a missing key would be looked up in the page around the row.
                row.validity = LocalText(
                    unit.flatMap { ReportModel.validityNote($0.enhet, months: yearToDate.period.months) })
                row.tertialResult = ReportModel.kronor(tertialFigures?.result, unit: "")
                row.lastYearResult = ReportModel.kronor(last?.result, unit: "")
                return row
            }
            economicsTable = Economics(
                caption: "Ekonomi i egen regi: \(tertial.period.label) och \(yearToDate.period.label), belopp i kr",
                rows: economics.units.map { unit in
                    row(
                        unit.enhet.name, unit, figures: unit.figures,
                        last: lastYearToDate.economics.unit(unit.enhet.id)?.figures,
                        tertialFigures: tertial.economics.unit(unit.enhet.id)?.figures)
                },
                total: row(
                    "Summa egen regi", nil, figures: economics.total, last: lastYear?.total,
                    tertialFigures: tertialEconomics?.total),
                kravPercent: ReportModel.percent(yearToDate.economics.resultatkrav))
        }
        var families: [FamilySection] = []
        for family in Family.allCases {
            let tables = omrade.indicators.enumerated().filter { $0.element.definition.family == family }
                .compactMap { index, indicator in
                    table(
                        indicator, tertial: tertialOmrade?.indicators[index],
                        lastYear: (
                            tertial: Self.indicator(indicator.definition, omrade: id, in: lastYearTertial),
                            yearToDate: Self.indicator(indicator.definition, omrade: id, in: lastYearToDate)
                        ), omrade: id)
                }
            if !tables.isEmpty { families.append(FamilySection(name: family.label, indicators: tables)) }
        }
        let unmeasured = omrade.indicators.filter { indicator in
            !indicator.values.contains { $0.value != nil || $0.missing == .suppressed }
        }.map(\.definition.name)
        let comments = omrade.enheter.compactMap { enhet in
            commentary[enhet.id].map { Comment(enhet: enhet.name, enhetId: enhet.id, html: $0) }
        }
        return Omrade(
            id: id,
            name: omrade.omrade.name,
            enhetCount: omrade.enheter.count,
            egenCount: omrade.enheter.filter { $0.regi == .egen }.count,
            externCount: omrade.enheter.filter { $0.regi == .extern }.count,
            unitCounts: SwedishText.unitCounts(omrade.enheter),
            economics: economicsTable,
            volume: volume(omrade),
            families: families,
            unmeasured: unmeasured.isEmpty
                ? nil : "Inga mätningar under perioden: \(unmeasured.joined(separator: ", ")).",
            complaints: complaints(id),
            commentary: comments.isEmpty ? nil : comments)
    }

    /// An indicator of one område in another evaluation (last year's).
    static func indicator(_ definition: IndicatorDefinition, omrade: String, in evaluation: Evaluation)
        -> IndicatorEvaluation?
    {
        evaluation.omraden.first { $0.omrade.id == omrade }?.indicators.first { $0.definition.id == definition.id }
    }

    /// A unit's cell in one period: its value or its symbol; `.` when the unit was not open in the period
    /// (it closed before, or opened after), since no value can exist.
    func cell(_ indicator: IndicatorEvaluation?, enhet: String, _ definition: IndicatorDefinition) -> String {
        guard let value = indicator?.value(of: enhet) else { return MissingReason.notApplicable.symbol }
        return base.text(value, definition)
    }

    /// One indicator: the tertial, the same tertial last year, the year to date and the same period last
    /// year; the status of the year to date. `nil` when no unit has anything to show. Last year's columns
    /// are last year's evaluations, so they show what last year's reports published, with their symbols.
    func table(
        _ indicator: IndicatorEvaluation, tertial: IndicatorEvaluation?,
        lastYear: (tertial: IndicatorEvaluation?, yearToDate: IndicatorEvaluation?), omrade: String
    ) -> IndicatorTable? {
        let definition = indicator.definition
        guard indicator.values.contains(where: { $0.value != nil || $0.missing == .suppressed }) else { return nil }
        let rows = indicator.values.map { value in
            let id = value.enhet.id
            return IndicatorTable.Row(
                enhet: value.enhet.name,
                enhetId: id,
                regi: value.enhet.regi.label,
                tertial: cell(tertial, enhet: id, definition),
                tertialLastYear: cell(lastYear.tertial, enhet: id, definition),
                ytd: base.text(value, definition),
                ytdLastYear: cell(lastYear.yearToDate, enhet: id, definition),
                change: base.change(value.change, definition),
                missingLabel: value.missing?.label,
                status: ReportModel.status(value.status),
                statusNote: ReportModel.statusNote(value, indicator),
                validity: ReportModel.validityNote(value.enhet, months: yearToDate.period.months))
        }
        return IndicatorTable(
            tableId: "\(omrade)-\(definition.id)",
            indicatorId: definition.id,
            name: definition.name,
            description: definition.description,
            unit: definition.unit,
            rows: rows,
            hasStatus: definition.statusRule != .none,
            rest: definition.statusRule == .none ? 2 : 3,
            median: indicator.median.map { base.format($0, definition) } ?? "-",
            total: indicator.total.map { base.format($0, definition) } ?? "-",
            tertialTotal: tertial?.total.map { base.format($0, definition) } ?? "-",
            judgement: base.judgementText(definition),
            totalCoverage: ReportModel.coverageText(indicator),
            tertialTotalCoverage: ReportModel.coverageText(tertial))
    }

    /// The monthly trend of the område's volume indicators.
    func volume(_ omrade: OmradeEvaluation) -> [Volume] {
        let volym = omrade.indicators.filter { $0.definition.family == .volym }
        return volym.map { indicator in
            let definition = indicator.definition
            let rows = omrade.enheter.map { enhet in
                Volume.Row(
                    enhet: enhet.name,
                    enhetId: enhet.id,
                    values: months.map { month in
                        let value = month.omraden.first { $0.omrade.id == omrade.omrade.id }?.indicators
                            .first { $0.definition.id == definition.id }?.value(of: enhet.id)
                        return ReportModel.Cell(value: value.map { base.text($0, definition) } ?? "-")
                    },
                    validity: ReportModel.validityNote(enhet, months: yearToDate.period.months))
            }
            return Volume(
                name: definition.name,
                tableId: "\(omrade.omrade.id)-\(definition.id)-manad",
                indicatorId: definition.id,
                months: months.map { ReportModel.Heading(label: Self.monthLabel($0.period)) },
                rows: rows)
        }
    }

    static func monthLabel(_ period: Period) -> String {
        let label = period.label
        return String(label.prefix(3))
    }

    /// Complaints by type in the tertial, per unit.
    func complaints(_ omrade: String) -> Complaints? {
        guard let breakdown = tertial.breakdowns.first,
            let part = breakdown.omraden.first(where: { $0.omrade.id == omrade })
        else { return nil }
        // A register lists cases, so a type without any in the tertial is 0, as in the totals, wherever the
        // register has any case in the tertial; without any at all, it has not reported and every cell is "-".
        let reported = breakdown.omraden.contains { $0.rows.contains { $0.values.contains { $0 != nil } } }
        func count(_ value: Rational?) -> String { reported ? SwedishFormat.number(value ?? .zero, decimals: 0) : "-" }
        func sum(_ values: [Rational]) -> String { Rational.sum(values).map(count) ?? SwedishFormat.notComputable }
        let rows = part.rows.map { row in
            Complaints.Row(
                enhet: row.enhet.name,
                enhetId: row.enhet.id,
                values: row.values.indices.map { index in
                    Complaints.Count(
                        value: breakdown.isShown(row, category: index) ? count(row.values[index]) : "..",
                        withheld: breakdown.isWithheldByConfig(category: index) && !row.hidden)
                },
                total: breakdown.isTotalShown(row) ? sum(row.values.compactMap { $0 }) : "..",
                // Withheld because the config withholds a type, not because the plan hides the unit.
                totalWithheld: !row.hidden && !breakdown.isTotalShown(row))
        }
        let totals = breakdown.categories.indices.map { index in
            ReportModel.Cell(
                value: breakdown.isColumnTotalShown(part.rows, category: index)
                    ? sum(part.rows.compactMap { $0.values[index] }) : "..")
        }
        return Complaints(
            categories: breakdown.categories.map { ReportModel.Heading(label: Self.complaintLabel($0)) },
            rows: rows,
            totals: totals,
            total: breakdown.isGrandTotalShown(part.rows)
                ? sum(part.rows.flatMap { $0.values.compactMap { $0 } }) : "..")
    }

    static func complaintLabel(_ category: String) -> String {
        switch category {
        case "synpunkt": return "Synpunkter"
        case "klagomal": return "Klagomål"
        case "berom": return "Beröm"
        case "lex_sarah": return "Lex Sarah"
        case "lex_maria": return "Lex Maria"
        case "avvikelse": return "Avvikelser"
        default: return category
        }
    }

    /// Units with a red indicator in the year to date and no commentary file for the tertial.
    func missingCommentary(_ omraden: [OmradeEvaluation]) -> [MissingComment] {
        omraden.flatMap { omrade in
            omrade.enheter.compactMap { enhet -> MissingComment? in
                guard commentary[enhet.id] == nil else { return nil }
                let red = omrade.indicators.filter { indicator in
                    indicator.value(of: enhet.id)?.status?.level == .red
                }.map(\.definition.name)
                guard !red.isEmpty else { return nil }
                return MissingComment(enhet: enhet.name, enhetId: enhet.id, indicators: red.joined(separator: ", "))
            }
        }
    }
}

extension TertialModel {
    /// The sums of the nämnd's egen regi in the summary.
    /// The tertial report's own content; the frame is the page's.
    struct Content {
        let namnd: String
        let omraden: [Omrade]
        let actionPlans: [ReportModel.ActionPlanRow]
        let missingCommentary: [MissingComment]
        let hasMissingCommentary: Bool
        /// `nil` for a nämnd without egen regi economics.
        let economicsSummary: EconomicsSummary?
        let tertialLabel: String
        let ytdLabel: String
        let lastYear: Int
        /// Where the analysts put the period's commentary, relative to the working folder's name.
        let commentaryFolder: String
    }

    struct EconomicsSummary {
        let tertialResult: String
        let ytdResult: String
        let ytdBudget: String
        let budgetDeviation: String
        let lastYearResult: String
        let forecast: String
        let forecastChange: String
        let forecastEquity: String
    }

    /// One område's section.
    struct Omrade {
        let id: String
        let name: String
        let enhetCount: Int
        let egenCount: Int
        let externCount: Int
        let unitCounts: String
        /// The economics of its egen regi; `nil` without any.
        let economics: Economics?
        let volume: [Volume]
        let families: [FamilySection]
        /// The indicators without any measurement in the period; `nil` when every one has some.
        let unmeasured: String?
        let complaints: Complaints?
        /// The units' commentary; `nil` when there is none.
        let commentary: [Comment]?
    }

    /// The economics table of an område's egen regi.
    struct Economics {
        let caption: String
        let rows: [ReportModel.EconomicsRow]
        let total: ReportModel.EconomicsRow
        let kravPercent: String
    }

    /// The monthly trend of one volume indicator.
    struct Volume {
        /// One unit's months.
        struct Row {
            let enhet: String
            let enhetId: String
            let values: [ReportModel.Cell]
            let validity: String?
        }

        let name: String
        let tableId: String
        let indicatorId: String
        let months: [ReportModel.Heading]
        let rows: [Row]
    }

    /// An indicator family's tables.
    struct FamilySection {
        let name: String
        let indicators: [IndicatorTable]
    }

    /// One indicator's table: the tertial, the year to date and last year's of both.
    struct IndicatorTable {
        /// One unit's row.
        struct Row {
            let enhet: String
            let enhetId: String
            let regi: String
            let tertial: String
            let tertialLastYear: String
            let ytd: String
            let ytdLastYear: String
            let change: String
            let missingLabel: String?
            let status: StatusMark?
            let statusNote: String?
            let validity: String?
        }

        let tableId: String
        let indicatorId: String
        let name: String
        let description: String
        let unit: String
        let rows: [Row]
        let hasStatus: Bool
        /// The columns after the value, for the footer rows' filler cell.
        let rest: Int
        let median: String
        let total: String
        let tertialTotal: String
        let judgement: String?
        let totalCoverage: String?
        let tertialTotalCoverage: String?
    }

    /// Complaints by type in the tertial, per unit, with the område's totals.
    struct Complaints {
        /// One unit's counts.
        struct Row {
            let enhet: String
            let enhetId: String
            let values: [Count]
            let total: String
            /// Withheld because the config withholds a type, not because the plan hides the unit.
            let totalWithheld: Bool
        }

        /// A count of one type, and whether the config withholds the type.
        struct Count {
            let value: String
            let withheld: Bool
        }

        let categories: [ReportModel.Heading]
        let rows: [Row]
        let totals: [ReportModel.Cell]
        let total: String
    }

    /// A unit's commentary for the tertial, as HTML.
    struct Comment {
        let enhet: String
        let enhetId: String
        let html: String
    }

    /// A unit with a red indicator and no commentary.
    struct MissingComment {
        let enhet: String
        let enhetId: String
        /// The red indicators' names.
        let indicators: String
    }
}
