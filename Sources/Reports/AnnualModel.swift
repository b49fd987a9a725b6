import Domain
import Rules

/// The published annual comparison: every indicator per område with chart and table, the economics of egen
/// regi, åtgärdsplaner and fördjupade uppföljningar; and one page per unit with a three-year trend.
struct AnnualModel {
    let base: ReportModel
    /// The year's evaluation.
    let year: Evaluation
    /// Earlier years' evaluations, oldest first (at most two are shown as the trend).
    let history: [Evaluation]

    var config: Config { base.config }
    var yearNumber: Int { year.period.year }

    func omraden() -> [Omrade] {
        year.omraden.map { omrade in
            let namnd = config.namnder.first { $0.id == omrade.omrade.namnd }
            let economics = year.economics.omraden.first { $0.omrade.id == omrade.omrade.id }.map { economics in
                Economics(
                    rows: economics.units.map {
                        var row = base.economicsRow(
                            $0.enhet.name, $0.figures, meetsResultatkrav: $0.meetsResultatkrav,
                            href: ReportModel.unitPage($0.enhet, year: yearNumber), amountUnit: "")
                        // Set on every row: a missing key would be looked up in the page around the row.
                        row.validity = LocalText(ReportModel.validityNote($0.enhet, months: year.period.months))
                        return row
                    },
                    total: base.economicsRow(
                        "Summa egen regi, \(omrade.omrade.name)", economics.total, meetsResultatkrav: nil,
                        amountUnit: ""),
                    caption: "Ekonomi för enheterna i egen regi, \(year.period.label), belopp i kr")
            }
            let plans = base.actionPlans(year.actionPlans, omrade: omrade.omrade.id, year: yearNumber)
            let due = base.inDepth(year.inDepthDue, omrade: omrade.omrade.id)
            return Omrade(
                id: omrade.omrade.id,
                name: omrade.omrade.name,
                namnd: namnd?.name ?? "",
                enhetCount: omrade.enheter.count,
                egenCount: omrade.enheter.filter { $0.regi == .egen }.count,
                externCount: omrade.enheter.filter { $0.regi == .extern }.count,
                unitCounts: SwedishText.unitCounts(omrade.enheter),
                indicators: omrade.indicators.map { indicator(omrade, $0) },
                units: omrade.enheter.map {
                    UnitLink(name: $0.name, href: ReportModel.unitPage($0, year: yearNumber), regi: $0.regi.label)
                },
                economics: economics,
                actionPlans: plans,
                hasActionPlans: !plans.isEmpty,
                inDepth: due,
                hasInDepth: !due.isEmpty)
        }
    }

    func indicator(_ omrade: OmradeEvaluation, _ evaluation: IndicatorEvaluation) -> Indicator {
        let definition = evaluation.definition
        let tableId = "\(omrade.omrade.id)-\(definition.id)"
        let women = evaluation.byGender[.kvinnor] ?? []
        let men = evaluation.byGender[.man] ?? []
        let rows = evaluation.values.enumerated().map { index, value in
            Indicator.Row(
                enhet: value.enhet.name,
                href: ReportModel.unitPage(value.enhet, year: yearNumber),
                regi: value.enhet.regi.label,
                value: base.text(value, definition),
                rank: value.rank.map(String.init) ?? "",
                fromMedian: base.change(value.fromMedian, definition),
                change: base.change(value.change, definition),
                women: women.isEmpty ? nil : base.text(women[index], definition),
                men: women.isEmpty ? nil : base.text(men[index], definition),
                missingLabel: value.missing?.label,
                status: ReportModel.status(value.status),
                statusNote: ReportModel.statusNote(value, evaluation),
                validity: ReportModel.validityNote(value.enhet, months: year.period.months))
        }
        let chart = BarChart(
            id: "c-\(tableId)", title: "\(definition.name) per enhet, \(year.period.label)",
            bars: evaluation.values.map {
                BarChart.Bar(
                    label: $0.enhet.name, value: $0.value?.doubleValue, text: base.text($0, definition),
                    hatched: $0.enhet.regi == .extern)
            },
            median: evaluation.median?.doubleValue,
            medianText: evaluation.median.map { base.format($0, definition) } ?? "")
        return Indicator(
            id: definition.id,
            tableId: tableId,
            name: definition.name,
            description: definition.description,
            family: definition.family.label,
            unit: definition.unit,
            rows: rows,
            chart: evaluation.values.contains { $0.value != nil } ? chart.svg : "",
            median: evaluation.median.map { base.format($0, definition) } ?? "-",
            medianEgen: evaluation.medianByRegi[.egen].map { base.format($0, definition) } ?? "-",
            medianExtern: evaluation.medianByRegi[.extern].map { base.format($0, definition) } ?? "-",
            total: evaluation.total.map { base.format($0, definition) } ?? "-",
            hasDirection: definition.direction != .none,
            hasStatus: definition.statusRule != .none,
            hasGender: !women.isEmpty,
            rest: (women.isEmpty ? 0 : 2) + (definition.statusRule == .none ? 0 : 1) + 2
                + (definition.direction == .none ? 0 : 1),
            changeLabel: "Förändring från \(yearNumber - 1)",
            quartiles: evaluation.quartiles.map { quartiles in
                "Kvartiler: 25 % av enheterna ligger under \(base.format(quartiles.lower, definition)), 25 % över \(base.format(quartiles.upper, definition))."
            },
            judgement: base.judgementText(definition),
            totalCoverage: ReportModel.coverageText(evaluation))
    }

    // MARK: Unit pages

    /// One page per unit that is open in the year.
    func unitPages() -> [(enhet: Enhet, model: UnitPage)] {
        // Earlier years without any published value (before the data starts) are left out of the trend.
        let trend =
            history.suffix(2).filter { earlier in
                earlier.omraden.contains { $0.indicators.contains { $0.values.contains { $0.value != nil } } }
            } + [year]
        let plans = Dictionary(year.actionPlans.map { ($0.enhet.id, $0) }, uniquingKeysWith: { first, _ in first })
        let reviews = Dictionary(year.inDepthDue.map { ($0.enhet.id, $0) }, uniquingKeysWith: { first, _ in first })
        return year.omraden.flatMap { omrade in
            omrade.enheter.map { enhet in
                (enhet, unitPage(enhet, omrade: omrade, trend: trend, plans: plans, reviews: reviews))
            }
        }
    }

    func unitPage(
        _ enhet: Enhet, omrade: OmradeEvaluation, trend: [Evaluation], plans: [String: ActionPlan],
        reviews: [String: InDepthReview]
    ) -> UnitPage {
        let indicators = omrade.indicators.map { evaluation in
            let definition = evaluation.definition
            let current = evaluation.value(of: enhet.id)
            let values = trend.map { earlier in
                let match = earlier.omraden.first { $0.omrade.id == omrade.omrade.id }?.indicators
                    .first { $0.definition.id == definition.id }?.value(of: enhet.id)
                return ReportModel.Cell(value: match.map { base.text($0, definition) } ?? "-")
            }
            return UnitPage.Indicator(
                name: definition.name,
                family: definition.family.label,
                trend: values,
                median: evaluation.median.map { base.format($0, definition) } ?? "-",
                rank: current?.rank.map { "\($0) av \(evaluation.rankedCount)" } ?? "",
                status: ReportModel.status(current?.status),
                statusNote: ReportModel.statusNote(current, evaluation),
                missingLabel: current?.missing?.label)
        }
        let economics = trend.compactMap { earlier -> ReportModel.EconomicsRow? in
            guard let unit = earlier.economics.unit(enhet.id) else { return nil }
            return base.economicsRow(
                String(earlier.period.year), unit.figures, meetsResultatkrav: unit.meetsResultatkrav)
        }
        let plan = plans[enhet.id]
        return UnitPage(
            year: yearNumber,
            enhet: enhet.name,
            enhetId: enhet.id,
            omrade: omrade.omrade.name,
            regi: enhet.regi.label,
            avtalsform: Self.avtalsform(enhet.avtalsform),
            years: trend.map { UnitPage.Year(year: String($0.period.year)) },
            indicators: indicators,
            annualHref: "arsjamforelse-\(yearNumber).html#\(omrade.omrade.id)",
            validFrom: enhet.validFrom?.description,
            validTo: enhet.validTo?.description,
            economics: economics,
            hasEconomics: !economics.isEmpty,
            actionPlan: plan?.reasons.map { ReportModel.Item(text: base.reasonText($0)) } ?? [],
            hasActionPlan: plan != nil,
            inDepth: reviews[enhet.id].flatMap { base.inDepth([$0]).first })
    }

    static func avtalsform(_ form: Avtalsform) -> String {
        switch form {
        case .lov: return "kundval enligt LOV"
        case .lou: return "upphandlad enligt LOU"
        case .direkt: return "direkt beställning"
        case .fristaende: return "fristående verksamhet med bidrag enligt skollagen"
        }
    }
}

extension AnnualModel {
    /// The annual comparison's own content; the frame is the page's.
    struct Content {
        let year: Int
        let omraden: [Omrade]
        let csvName: String
        let excelName: String
        let actionPlanCount: Int
    }

    /// One område's section: its indicators, the economics of its egen regi, its åtgärdsplaner and
    /// fördjupade uppföljningar.
    struct Omrade {
        let id: String
        let name: String
        /// The name of its nämnd.
        let namnd: String
        let enhetCount: Int
        let egenCount: Int
        let externCount: Int
        let unitCounts: String
        let indicators: [Indicator]
        let units: [UnitLink]
        /// `nil` for an område without egen regi economics.
        let economics: Economics?
        let actionPlans: [ReportModel.ActionPlanRow]
        let hasActionPlans: Bool
        let inDepth: [ReportModel.InDepthRow]
        let hasInDepth: Bool
    }

    /// A link to a unit's page.
    struct UnitLink {
        let name: String
        let href: String
        let regi: String
    }

    /// The economics table of an område's egen regi.
    struct Economics {
        let rows: [ReportModel.EconomicsRow]
        let total: ReportModel.EconomicsRow
        let caption: String
    }

    /// One indicator's chart and table.
    struct Indicator {
        /// One unit's row.
        struct Row {
            let enhet: String
            let href: String
            let regi: String
            let value: String
            let rank: String
            let fromMedian: String
            let change: String
            /// The women's and men's values; `nil` for an indicator not split by gender.
            let women: String?
            let men: String?
            let missingLabel: String?
            let status: StatusMark?
            let statusNote: String?
            let validity: String?
        }

        let id: String
        let tableId: String
        let name: String
        let description: String
        let family: String
        let unit: String
        let rows: [Row]
        /// The chart's SVG; empty when no unit has a value.
        let chart: String
        let median: String
        let medianEgen: String
        let medianExtern: String
        let total: String
        let hasDirection: Bool
        let hasStatus: Bool
        let hasGender: Bool
        /// Columns after the value, for the footer rows' filler cell.
        let rest: Int
        let changeLabel: String
        let quartiles: String?
        let judgement: String?
        let totalCoverage: String?
    }

    /// A unit's page: its indicators over the years, its economics, åtgärdsplan and fördjupad uppföljning.
    struct UnitPage {
        /// One indicator's row.
        struct Indicator {
            let name: String
            let family: String
            /// The values of the years shown.
            let trend: [ReportModel.Cell]
            let median: String
            let rank: String
            let status: StatusMark?
            let statusNote: String?
            let missingLabel: String?
        }

        /// A year's column heading.
        struct Year {
            let year: String
        }

        let year: Int
        let enhet: String
        let enhetId: String
        let omrade: String
        let regi: String
        let avtalsform: String
        let years: [Year]
        let indicators: [Indicator]
        let annualHref: String
        let validFrom: String?
        let validTo: String?
        let economics: [ReportModel.EconomicsRow]
        let hasEconomics: Bool
        let actionPlan: [ReportModel.Item]
        let hasActionPlan: Bool
        let inDepth: ReportModel.InDepthRow?
    }
}
