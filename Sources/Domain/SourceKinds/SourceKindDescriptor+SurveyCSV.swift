extension SourceKindDescriptor {
    /// `survey-csv`: user survey results per unit, question and period as CSV, read by Ingest's
    /// `SurveyCSVReader`. Surveys are yearly: a file may hold the run's whole year, and the source is stale
    /// after `defaultSurveyStaleAfterMonths`. It produces `<prefix>_positiva`, `<prefix>_svarande` and
    /// `<prefix>_svarsfrekvens` (the default prefix is `enkat`), per question as the category.
    package static let surveyCSV: SourceKindDescriptor = {
        var kind = SourceKindDescriptor(kind: .surveyCSV, label: "brukarundersökning (CSV)")
        kind.columns = { _ in
            Columns(
                required: ["unit", "period", "question", "respondents"],
                optional: ["positive", "share", "dont_know", "gender", "response_rate"], oneOf: [["positive", "share"]])
        }
        kind.defaultStaleAfterMonths = SourceDefinition.defaultSurveyStaleAfterMonths
        kind.horizon = .runYear
        kind.defaultMeasurePrefix = "enkat"
        kind.producedMeasures = { source in
            let p = source.measurePrefix
            return [
                Measure(
                    id: p + "_positiva", name: "Positiva svar", unit: "antal", aggregation: .sum,
                    description: "Svarande som svarat positivt, per fråga (kategori)"),
                Measure(
                    id: p + "_svarande", name: "Svarande", unit: "antal", aggregation: .sum,
                    description: "Svarande med giltigt svar (utan 'vet ej'), per fråga (kategori)"),
                Measure(
                    id: p + "_svarsfrekvens", name: "Svarsfrekvens", unit: "%", aggregation: .mean,
                    description: "Svarsfrekvens enligt källan, per fråga (kategori)"),
            ]
        }
        return kind
    }()
}
