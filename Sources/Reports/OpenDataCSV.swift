import Domain
import Rules

/// The open-data CSV: one row per unit × indicator × period, UTF-8, comma, point decimals.
///
/// Columns are documented in docs/OPEN-DATA.md.
struct OpenDataCSV {
    let config: Config

    static let header = [
        "kommunkod", "period", "omrade_id", "omrade", "enhet_id", "enhet", "regi", "avtalsform", "indicator_id",
        "indicator", "family", "value", "unit", "n", "status", "symbol", "median", "rank",
    ]

    func render(_ evaluations: [Evaluation]) -> String {
        var writer = CSVWriter()
        writer.row(Self.header.map(CSVWriter.Cell.text))
        for evaluation in evaluations {
            for omrade in evaluation.omraden {
                for indicator in omrade.indicators {
                    let definition = indicator.definition
                    for value in indicator.values {
                        writer.row([
                            .text(config.kommun.code), .text(evaluation.period.description), .text(omrade.omrade.id),
                            .text(omrade.omrade.name), .text(value.enhet.id), .text(value.enhet.name),
                            .text(value.enhet.regi.rawValue), .text(value.enhet.avtalsform.rawValue),
                            .text(definition.id),
                            .text(definition.name), .text(definition.family.rawValue),
                            .number(value.value.map { SwedishFormat.plain($0, decimals: definition.decimals) } ?? ""),
                            .text(definition.unit), .number(value.n.map(String.init) ?? ""),
                            .text(value.status?.level.rawValue ?? ""), .text(value.missing?.symbol ?? ""),
                            .number(
                                indicator.median.map { SwedishFormat.plain($0, decimals: definition.decimals) } ?? ""),
                            .number(value.rank.map(String.init) ?? ""),
                        ])
                    }
                }
            }
        }
        return writer.output
    }
}
