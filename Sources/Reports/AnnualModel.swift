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

    func omraden() -> [[String: Any]] {
        year.omraden.map { omrade in
            let namnd = config.namnder.first { $0.id == omrade.omrade.namnd }
            var model: [String: Any] = [
                "id": omrade.omrade.id,
                "name": omrade.omrade.name,
                "namnd": namnd?.name ?? "",
                "enhetCount": omrade.enheter.count,
                "egenCount": omrade.enheter.filter { $0.regi == .egen }.count,
                "externCount": omrade.enheter.filter { $0.regi == .extern }.count,
                "unitCounts": SwedishText.unitCounts(omrade.enheter),
                "indicators": omrade.indicators.map { indicator(omrade, $0) },
                "units": omrade.enheter.map {
                    ["name": $0.name, "href": ReportModel.unitPage($0, year: yearNumber), "regi": $0.regi.label]
                },
            ]
            if let economics = year.economics.omraden.first(where: { $0.omrade.id == omrade.omrade.id }) {
                model["economics"] = [
                    "rows": economics.units.map {
                        var row = base.economicsRow(
                            $0.enhet.name, $0.figures, meetsResultatkrav: $0.meetsResultatkrav,
                            href: ReportModel.unitPage($0.enhet, year: yearNumber), amountUnit: "")
                        // Set on every row: a missing key would be looked up in the page around the row.
                        row.validity = LocalText(ReportModel.validityNote($0.enhet, months: year.period.months))
                        return row
                    },
                    "total": base.economicsRow(
                        "Summa egen regi, \(omrade.omrade.name)", economics.total, meetsResultatkrav: nil,
                        amountUnit: ""),
                    "caption": "Ekonomi för enheterna i egen regi, \(year.period.label), belopp i kr",
                ]
            }
            let plans = base.actionPlans(year.actionPlans, omrade: omrade.omrade.id, year: yearNumber)
            model["actionPlans"] = plans
            model["hasActionPlans"] = !plans.isEmpty
            let due = base.inDepth(year.inDepthDue, omrade: omrade.omrade.id)
            model["inDepth"] = due
            model["hasInDepth"] = !due.isEmpty
            return model
        }
    }

    func indicator(_ omrade: OmradeEvaluation, _ evaluation: IndicatorEvaluation) -> [String: Any] {
        let definition = evaluation.definition
        let tableId = "\(omrade.omrade.id)-\(definition.id)"
        let women = evaluation.byGender[.kvinnor] ?? []
        let men = evaluation.byGender[.man] ?? []
        let rows: [[String: Any]] = evaluation.values.enumerated().map { index, value in
            var row: [String: Any] = [
                "enhet": value.enhet.name,
                "href": ReportModel.unitPage(value.enhet, year: yearNumber),
                "regi": value.enhet.regi.label,
                "value": base.text(value, definition),
                "rank": value.rank.map(String.init) ?? "",
                "fromMedian": base.change(value.fromMedian, definition),
                "change": base.change(value.change, definition),
            ]
            if !women.isEmpty {
                row["women"] = base.text(women[index], definition)
                row["men"] = base.text(men[index], definition)
            }
            if let missing = value.missing { row["missingLabel"] = missing.label }
            if let status = ReportModel.status(value.status) { row["status"] = status }
            if let note = ReportModel.statusNote(value, evaluation) { row["statusNote"] = note }
            if let note = ReportModel.validityNote(value.enhet, months: year.period.months) { row["validity"] = note }
            return row
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
        var model: [String: Any] = [
            "id": definition.id,
            "tableId": tableId,
            "name": definition.name,
            "description": definition.description,
            "family": definition.family.label,
            "unit": definition.unit,
            "rows": rows,
            "chart": evaluation.values.contains { $0.value != nil } ? chart.svg : "",
            "median": evaluation.median.map { base.format($0, definition) } ?? "-",
            "medianEgen": evaluation.medianByRegi[.egen].map { base.format($0, definition) } ?? "-",
            "medianExtern": evaluation.medianByRegi[.extern].map { base.format($0, definition) } ?? "-",
            "total": evaluation.total.map { base.format($0, definition) } ?? "-",
            "hasDirection": definition.direction != .none,
            "hasStatus": definition.statusRule != .none,
            "hasGender": !women.isEmpty,
            // Columns after the value, for the footer rows' filler cell.
            "rest": (women.isEmpty ? 0 : 2) + (definition.statusRule == .none ? 0 : 1) + 2
                + (definition.direction == .none ? 0 : 1),
            "changeLabel": "Förändring från \(yearNumber - 1)",
        ]
        if let quartiles = evaluation.quartiles {
            model["quartiles"] =
                "Kvartiler: 25 % av enheterna ligger under \(base.format(quartiles.lower, definition)), 25 % över \(base.format(quartiles.upper, definition))."
        }
        if let judgement = base.judgementText(definition) { model["judgement"] = judgement }
        if let coverage = ReportModel.coverageText(evaluation) { model["totalCoverage"] = coverage }
        return model
    }

    // MARK: Unit pages

    /// One page per unit that is open in the year.
    func unitPages() -> [(enhet: Enhet, model: [String: Any])] {
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
    ) -> [String: Any] {
        let indicators: [[String: Any]] = omrade.indicators.map { evaluation in
            let definition = evaluation.definition
            let current = evaluation.value(of: enhet.id)
            let values: [[String: Any]] = trend.map { earlier in
                let match = earlier.omraden.first { $0.omrade.id == omrade.omrade.id }?.indicators
                    .first { $0.definition.id == definition.id }?.value(of: enhet.id)
                return ["value": match.map { base.text($0, definition) } ?? "-"]
            }
            var row: [String: Any] = [
                "name": definition.name,
                "family": definition.family.label,
                "trend": values,
                "median": evaluation.median.map { base.format($0, definition) } ?? "-",
                "rank": current?.rank.map { "\($0) av \(evaluation.rankedCount)" } ?? "",
            ]
            if let status = ReportModel.status(current?.status) { row["status"] = status }
            if let note = ReportModel.statusNote(current, evaluation) { row["statusNote"] = note }
            if let missing = current?.missing { row["missingLabel"] = missing.label }
            return row
        }
        var model: [String: Any] = [
            "enhet": enhet.name,
            "enhetId": enhet.id,
            "omrade": omrade.omrade.name,
            "regi": enhet.regi.label,
            "avtalsform": Self.avtalsform(enhet.avtalsform),
            "years": trend.map { ["year": String($0.period.year)] },
            "indicators": indicators,
            "annualHref": "arsjamforelse-\(yearNumber).html#\(omrade.omrade.id)",
        ]
        if let from = enhet.validFrom { model["validFrom"] = from.description }
        if let to = enhet.validTo { model["validTo"] = to.description }
        let economics: [ReportModel.EconomicsRow] = trend.compactMap { earlier in
            guard let unit = earlier.economics.unit(enhet.id) else { return nil }
            return base.economicsRow(
                String(earlier.period.year), unit.figures, meetsResultatkrav: unit.meetsResultatkrav)
        }
        model["economics"] = economics
        model["hasEconomics"] = !economics.isEmpty
        let plan = plans[enhet.id]
        model["actionPlan"] = plan?.reasons.map { ["text": base.reasonText($0)] } ?? []
        model["hasActionPlan"] = plan != nil
        if let review = reviews[enhet.id] {
            model["inDepth"] = base.inDepth([review]).first
        }
        return model
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
