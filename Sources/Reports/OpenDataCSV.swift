import Domain
import Rules

/// The open-data CSV: one row per unit × indicator × period × gender.
///
/// Two dialects: the open-data file (UTF-8, comma, point decimals) and a variant for Excel users (BOM,
/// semicolon, decimal comma, and codes of digits only as `="0180"` so that a double click keeps their
/// leading zeros). Columns are documented in docs/OPEN-DATA.md.
struct OpenDataCSV {
    let config: Config

    enum Dialect {
        case openData
        case excel

        var delimiter: Character { self == .openData ? "," : ";" }
    }

    static let header = [
        "kommunkod", "period", "omrade_id", "omrade", "enhet_id", "enhet", "regi", "avtalsform", "indicator_id",
        "indicator", "family", "gender", "value", "unit", "n", "status", "status_label", "symbol", "median",
        "from_median", "rank", "previous_value",
    ]

    func render(_ evaluations: [Evaluation], dialect: Dialect = .openData) -> String {
        var writer = CSVWriter(
            delimiter: dialect.delimiter, byteOrderMark: dialect == .excel, codesAsText: dialect == .excel)
        writer.row(Self.header.map(CSVWriter.Cell.text))
        func number(_ value: Rational?, _ decimals: Int) -> CSVWriter.Cell {
            guard let value else { return .number("") }
            return .number(
                SwedishFormat.format(value, decimals: decimals, style: dialect == .excel ? .excel : .openData))
        }
        for evaluation in evaluations {
            for omrade in evaluation.omraden {
                for indicator in omrade.indicators {
                    let definition = indicator.definition
                    let decimals = definition.decimals
                    for (index, total) in indicator.values.enumerated() {
                        var parts: [(String, IndicatorValue)] = [("T", total)]
                        for gender in Gender.allCases {
                            if let value = indicator.byGender[gender]?[index] { parts.append((gender.rawValue, value)) }
                        }
                        for (gender, value) in parts {
                            let isTotal = gender == "T"
                            writer.row([
                                .code(config.kommun.code), .code(evaluation.period.description),
                                .code(omrade.omrade.id), .text(omrade.omrade.name), .code(value.enhet.id),
                                .text(value.enhet.name), .text(value.enhet.regi.rawValue),
                                .text(value.enhet.avtalsform.rawValue), .code(definition.id), .text(definition.name),
                                .text(definition.family.rawValue), .text(gender), number(value.value, decimals),
                                .text(definition.unit), .number(value.n.map(String.init) ?? ""),
                                .text(value.status?.level.rawValue ?? ""),
                                .text(
                                    value.status?.label
                                        ?? (isTotal ? ReportModel.statusNote(value, indicator) : nil) ?? ""),
                                .text(value.missing?.symbol ?? ""),
                                number(isTotal ? indicator.median : nil, decimals),
                                number(value.fromMedian, decimals), .number(value.rank.map(String.init) ?? ""),
                                number(value.previous, decimals),
                            ])
                        }
                    }
                }
            }
        }
        return writer.output
    }
}
