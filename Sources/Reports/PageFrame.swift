import Rules

/// The parts every page shares: the kommun, the title, the symbols and status marks, and the methodology
/// generated from the config.
///
/// `ReportModel.page(title:periodLabel:sources:omraden:)` builds it; a `Page` puts it under the page's own
/// content.
struct PageFrame {
    /// A symbol that stands in for a value, and what it means.
    struct Symbol {
        let symbol: String
        let meaning: String
    }

    /// A status mark and what it means.
    struct StatusLegend {
        let mark: String
        let `class`: String
        let meaning: String

        init(level: Status.Level, meaning: String) {
            self.mark = level.mark
            self.class = level.rawValue
            self.meaning = meaning
        }
    }

    /// An indicator's definition in the methodology.
    struct Definition {
        let name: String
        let description: String
        let formula: String
        let formulaWords: String
        let family: String
        let unit: String
        let direction: String
        let minN: Int
        let byGender: Bool
        /// The units it applies to, in words.
        let regi: String
        /// How values are judged; `nil` for an indicator that is not judged.
        let judgement: String?
        /// The measure its n rests on, in a sentence; `nil` without `n_measure`.
        let nMeasure: String?
    }

    /// A year's resultatkrav.
    struct Requirement {
        let year: String
        let percent: String
    }

    let kommun: String
    let kommunkod: String
    let title: String
    let periodLabel: String
    let minN: Int
    let suppressionText: String
    let symbols: [Symbol]
    let statuses: [StatusLegend]
    let definitions: [Definition]
    let numbersText: String
    let sources: [SourceModel]
    let hasSources: Bool
    let resultatkrav: [Requirement]
    let forecastMethod: String
    let inDepthInterval: Int
    let inDepthEvery: String
    let resultatkravText: String
}
