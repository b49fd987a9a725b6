/// One kind of source as the config, the rules and the reports see it: the columns its `[columns]` table maps,
/// the measures it produces, how the reports name it, the months its files may hold, and its defaults.
///
/// Each kind's descriptor is one file in this folder (`SourceKindDescriptor+<Kind>.swift`); the reader that
/// turns its files into facts is in Ingest.
package struct SourceKindDescriptor: Sendable {
    /// The logical columns a kind reads: the keys of a source's `[columns]` table.
    package struct Columns: Sendable {
        /// Keys the table must map.
        package var required: [String] = []
        /// Keys it may map.
        package var optional: [String] = []
        /// Groups of which the table must map at least one key each (e.g. a date or a month).
        package var oneOf: [[String]] = []
        /// Whether the source needs a `[measures]` table (measure id = column header).
        package var measuresRequired = false

        /// A kind without a `[columns]` table: its format names its own fields.
        package static let none = Columns()
    }

    /// The latest month a file may hold data for, other than budget figures.
    package enum Horizon: Sendable {
        /// The run's month.
        case runMonth
        /// The last month of the run's year (yearly results, e.g. surveys published for the year).
        case runYear

        /// The latest month a file read on `asOf` may hold.
        package func latestMonth(asOf: Day) -> Month {
            switch self {
            case .runMonth: return asOf.monthValue
            case .runYear: return Month(ordinal: asOf.year * 12 + 11)
            }
        }
    }

    /// The kind this describes.
    package let kind: SourceKind
    /// How the reports name the kind (Swedish), e.g. "huvudbok (CSV)".
    package let label: String
    /// Whether a source of the kind must have a `[columns]` table.
    package var columnsRequired = true
    /// The `[columns]` keys, by layout (only volume sources have a wide layout).
    package var columns: @Sendable (SourceDefinition.Layout) -> Columns = { _ in .none }
    /// The register column a file's unit codes refer to when the source does not say.
    package var defaultUnitKey = SourceDefinition.UnitKey.id
    /// The months after which the source is stale when it does not say (`stale_after_months`).
    package var defaultStaleAfterMonths = SourceDefinition.defaultStaleAfterMonths
    /// The latest month a file may hold.
    package var horizon = Horizon.runMonth
    /// The prefix of the measures the kind produces when the source does not say (`measure_prefix`); empty for
    /// a kind whose measures the config declares.
    package var defaultMeasurePrefix = ""
    /// Whether the source must name the element of one entry (`record`, XML kinds).
    package var recordRequired = false
    /// Whether the source maps the register's own types to `ComplaintType` (`[types]`, required): its measures
    /// then have one category per mapped type, and the reports break its counts down by type.
    package var mapsComplaintTypes = false
    /// Whether the kind's facts are deliveries of the service catalogue's services (the unit is the service's
    /// owner; the source may name one `service` for a file without a service column).
    package var deliversServices = false
    /// Whether the source may be an event log (`event_log`): one row per change, the last row of a key its
    /// final state.
    package var mayBeEventLog = false
    /// The measures a source of the kind declares by itself, unless the config declares them.
    package var producedMeasures: @Sendable (SourceDefinition) -> [Measure] = { _ in [] }

    package init(kind: SourceKind, label: String) {
        self.kind = kind
        self.label = label
    }
}

extension SourceDefinition {
    /// The source's kind as the config, the rules and the reports see it.
    package var descriptor: SourceKindDescriptor { kind.descriptor }

    /// The measures the source declares by itself (its kind's `producedMeasures`).
    package var producedMeasures: [Measure] { kind.descriptor.producedMeasures(self) }
}
