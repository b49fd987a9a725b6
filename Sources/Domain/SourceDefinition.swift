/// One configured source: a kind of export dropped into an inbox folder.
package struct SourceDefinition: Sendable {
    /// Which register column a file's unit codes refer to.
    package enum UnitKey: String, Sendable {
        /// The register's `id`.
        case id
        /// A ledger code (ansvar).
        case ledger
        /// An HR code.
        case hr
        /// Another system's code (register column `ovriga_koder`), e.g. the national statistics' unit id.
        case other

        /// How messages name a code of this kind.
        package var label: String {
            switch self {
            case .id: return "unit id"
            case .ledger: return "ledger code"
            case .hr: return "HR code"
            case .other: return "code"
            }
        }
    }

    /// Long files have one row per unit, month and measure; wide ones a column per measure.
    package enum Layout: String, Sendable {
        case long
        case wide
    }

    package let id: String
    package let kind: SourceKind
    /// An absolute glob, e.g. `/srv/kommun/inbox/ekonomi/*.csv`.
    package let inbox: String
    /// `nil` = detect.
    package let encoding: TextEncoding?
    /// `nil` = sniff from the header.
    package let delimiter: UInt8?
    /// Logical column → header name in the file.
    package let columns: [String: String]
    package let unitKey: UnitKey
    package let layout: Layout
    /// For wide volume files: measure id → header name.
    package let measureColumns: [String: String]
    /// Facts from this source were reported by the provider itself (external providers' own reports).
    package var selfReported = false
    /// What a newer file of this source replaces. The default is `defaultSnapshot`, `.months`, and
    /// `.unitMonths` for a self-reported source.
    package var snapshot = Self.defaultSnapshot
    /// The source is flagged stale when its latest month lies more than this many months before the newest
    /// month of any source. The default is `defaultStaleAfterMonths`, 2, and `defaultSurveyStaleAfterMonths`,
    /// 12, for surveys.
    package var staleAfterMonths = Self.defaultStaleAfterMonths

    /// What a file of a source that does not say replaces: `.months`.
    package static let defaultSnapshot = Snapshot.months
    /// The months before a source that does not say is stale: 2.
    package static let defaultStaleAfterMonths = 2
    /// The months before a survey source that does not say is stale: 12 (surveys are yearly).
    package static let defaultSurveyStaleAfterMonths = 12
    /// The layout of a volume source that names none: `.long`.
    package static let defaultLayout = Layout.long
    /// The PAXml `resenhet` dimension when the source names none: "1".
    package static let defaultUnitDimension = "1"

    /// What one file of a source is a complete picture of.
    package enum Snapshot: String, Sendable {
        /// Every unit for the months the file covers: a newer file replaces all the source's facts for them.
        case months
        /// Only the units in the file: a newer file replaces the source's facts for its own units' months
        /// (one file per provider).
        case unitMonths = "unit-months"
    }
    /// Survey and complaints sources: the prefix of the measures they produce.
    package var measurePrefix = ""
    /// PAXml sources: the `resenhet` dimension that names the unit. The default is `defaultUnitDimension`, "1".
    package var unitDimension = Self.defaultUnitDimension
    /// PAXml sources: time code → measure id (empty = ignore), over the defaults.
    package var timeCodes: [String: String] = [:]
    /// XML sources: the element that holds one entry.
    package var record = ""
    /// The bounds every file of the source is read within (the config's `[limits]`, shared by all sources).
    package var limits = IngestLimits.standard
    /// Complaints sources: the register's own type code → one of `ComplaintType`.
    package var complaintTypes: [String: ComplaintType] = [:]
    /// `survey-csv`: a question as the file writes it (its text, in a national download) → the question id
    /// stored as the category and named in formulas. A question not listed is stored as written. The default
    /// is none.
    package var questions: [String: String] = [:]
    /// Kinds that deliver the catalogue's services: the service (a `[[service]]` id) of every row of a file
    /// without a mapped `service` column. The default is none.
    package var service: String?
    /// `service-desk-csv`: the export is an event log, one row per state change of a ticket, and the last row
    /// of a ticket number is its final state. The default is `false`: one row per ticket, a repeated number is
    /// a duplicate.
    package var eventLog = false
}
