import Domain
import Rules

/// Builds the plain dictionaries the Mustache templates render.
///
/// All wording and number formatting for the pages happens here, so templates only place text.
struct ReportModel {
    let config: Config

    /// One table per indicator per område; `columns` are the periods shown side by side (the first one gets
    /// the median, rank and status).
    func omraden(_ columns: [Evaluation], changeLabel: String) -> [[String: Any]] {
        guard let main = columns.first else { return [] }
        return main.omraden.enumerated().map { omradeIndex, omradeEvaluation in
            let namnd = config.namnder.first { $0.id == omradeEvaluation.omrade.namnd }
            let indicators: [[String: Any]] = omradeEvaluation.indicators.enumerated().map {
                indicatorIndex, evaluation in
                let definition = evaluation.definition
                let others = columns.dropFirst().map { $0.omraden[omradeIndex].indicators[indicatorIndex] }
                let rows: [[String: Any]] = evaluation.values.enumerated().map { rowIndex, value in
                    var row: [String: Any] = [
                        "enhet": value.enhet.name,
                        "enhetId": value.enhet.id,
                        "regi": value.enhet.regi.label,
                        "value": text(value, definition),
                        "rank": value.rank.map(String.init) ?? "",
                        "change": value.change.map {
                            SwedishFormat.change(
                                $0, decimals: definition.decimals, unit: Self.changeUnit(definition.unit))
                        } ?? "",
                        "others": others.map { ["value": text($0.values[rowIndex], definition)] },
                    ]
                    if let missing = value.missing { row["missingLabel"] = missing.label }
                    if let status = value.status {
                        row["status"] = status.label
                        row["statusClass"] = status.level.rawValue
                        row["statusMark"] = status.level.mark
                    }
                    return row
                }
                var model: [String: Any] = [
                    "id": definition.id,
                    "tableId": "\(omradeEvaluation.omrade.id)-\(definition.id)",
                    "name": definition.name,
                    "description": definition.description,
                    "family": definition.family.label,
                    "unit": definition.unit,
                    "formula": definition.formulaText,
                    "rows": rows,
                    "median": evaluation.median.map { format($0, definition) } ?? "-",
                    "total": evaluation.total.map { format($0, definition) } ?? "-",
                    "othersTotal": others.map { ["value": $0.total.map { format($0, definition) } ?? "-"] },
                    "changeLabel": changeLabel,
                    "hasDirection": definition.direction != .none,
                ]
                if let target = definition.target {
                    let comparison =
                        definition.direction == .higher ? "minst" : definition.direction == .lower ? "högst" : ""
                    model["target"] = "\(comparison) \(format(target, definition))".trimmingSpaces()
                }
                return model
            }
            return [
                "id": omradeEvaluation.omrade.id,
                "name": omradeEvaluation.omrade.name,
                "namnd": namnd?.name ?? "",
                "enhetCount": omradeEvaluation.enheter.count,
                "egenCount": omradeEvaluation.enheter.filter { $0.regi == .egen }.count,
                "externCount": omradeEvaluation.enheter.filter { $0.regi == .extern }.count,
                "indicators": indicators,
            ]
        }
    }

    /// The unit of a difference: a change in a percentage is in percentage points.
    static func changeUnit(_ unit: String) -> String { unit == "%" ? "procentenheter" : unit }

    func format(_ value: Double, _ definition: IndicatorDefinition) -> String {
        SwedishFormat.value(value, decimals: definition.decimals, unit: definition.unit)
    }

    func text(_ value: IndicatorValue, _ definition: IndicatorDefinition) -> String {
        if let number = value.value { return format(number, definition) }
        return value.missing?.symbol ?? "-"
    }

    /// The parts every page shares.
    func page(title: String, periodLabel: String) -> [String: Any] {
        [
            "kommun": config.kommun.name,
            "kommunkod": config.kommun.code,
            "title": title,
            "periodLabel": periodLabel,
            "minN": config.report.minN,
            "symbols": [
                [
                    "symbol": "..",
                    "meaning": "för få observationer (färre än \(config.report.minN)); värdet visas inte",
                ],
                ["symbol": ".", "meaning": "ej tillämpligt, t.ex. redovisningsuppgifter för externa utförare"],
                ["symbol": "-", "meaning": "uppgift saknas eller kan inte beräknas"],
            ],
            "definitions": config.indicators.map { definition in
                [
                    "name": definition.name,
                    "description": definition.description,
                    "formula": definition.formulaText,
                    "family": definition.family.label,
                    "unit": definition.unit,
                    "direction": definition.direction == .higher
                        ? "högre värde är bättre"
                        : definition.direction == .lower ? "lägre värde är bättre" : "värdet bedöms inte",
                ] as [String: Any]
            },
        ]
    }
}
