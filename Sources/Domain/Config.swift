/// Everything one municipality's config file says, with paths resolved against the config's folder.
///
/// Built by `Config.load(path:)`; see docs/CONFIG.md for every key.
package struct Config: Sendable {
    package struct Kommun: Sendable {
        package let name: String
        /// The four-digit kommunkod, e.g. `0180`.
        package let code: String
    }

    /// Where things are; every path absolute.
    package struct Paths: Sendable {
        package var register: String
        package var templates: String
        package var warehouse: String
        package var output: String
        /// Analysts' commentary: `<commentary>/<period>/<enhet>.md`, e.g. `commentary/2025-T2/HT01.md`.
        package var commentary: String
        /// Where run manifests go; `nil` = `runs/` beside the warehouse.
        package var runs: String? = nil
        /// The log file; `nil` = `uppfoljning.log` beside the warehouse.
        package var log: String? = nil
        /// The operator's data-quality page goes here, outside the published output; `nil` = the default, the
        /// folder `datakvalitet` beside the output folder.
        package var quality: String? = nil

        /// The folder the data-quality page is written to.
        package var qualityFolder: String { quality ?? Config.defaultQualityFolder(output: output) }
    }

    package struct ReportSettings: Sendable {
        /// The title of the published comparison. The default is `defaultTitle`.
        package let title: String
        /// Values computed from fewer observations are suppressed in published output. The default is
        /// `defaultMinN`, 5.
        package let minN: Int
        /// Days after a tertial's or year's end before its report is due (the ledger's closing). The
        /// default is `defaultLagDays`, 10.
        package var lagDays = Self.defaultLagDays
        /// How a published aggregate is kept from revealing a suppressed unit. The default is
        /// `defaultSuppression`, `.complementary`.
        package var suppression = Self.defaultSuppression
        /// The complaint types whose counts are published per unit (e.g. `lex_sarah` where such reports are
        /// public documents). The område totals per type are always published. The default is none.
        package var publicCounts: [String] = []

        /// The title when `[report]` names none: "Jämförelse av utförarenheter".
        package static let defaultTitle = "Jämförelse av utförarenheter"
        /// The minimum number of observations when `[report]` sets none: 5.
        package static let defaultMinN = 5
        /// The days before a report is due when `[report]` sets none: 10.
        package static let defaultLagDays = 10
        /// The suppression method when `[report]` names none: `.complementary`.
        package static let defaultSuppression = SuppressionMethod.complementary
    }

    /// The config file the values came from.
    package let file: String
    package let kommun: Kommun
    package var paths: Paths
    package let namnder: [Namnd]
    package let omraden: [Omrade]
    package let enheter: [Enhet]
    package let measures: [Measure]
    package let ledger: LedgerMapping
    package let sources: [SourceDefinition]
    package let indicators: [IndicatorDefinition]
    package let report: ReportSettings
    package let economics: EconomicsSettings
    package let actionRules: [ActionRule]
    package let inDepth: InDepthSettings
    /// The bounds on each input file (`[limits]`, `[report] earliest_year`); every source carries a copy.
    package var limits = IngestLimits.standard
    /// The service organisation: the servicekatalog, its customers and the SLA calendar; empty without one.
    package var services = ServiceCatalogue()

    package func measure(_ id: String) -> Measure? { measures.first { $0.id == id } }
    package func omrade(_ id: String) -> Omrade? { omraden.first { $0.id == id } }
    package func enhet(_ id: String) -> Enhet? { enheter.first { $0.id == id } }
}
