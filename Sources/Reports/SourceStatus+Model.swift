import Domain
import Rules

/// What the reports say about one source: its files in force and how fresh its data is.
extension SourceStatus {
    var model: SourceModel {
        SourceModel(
            id: source.id, kind: SourceStatus.kindLabel(source.kind), files: files,
            latest: latestMonth.map { Period.month($0).label } ?? "inga data",
            stale: LocalText(
                stale
                    ? "inaktuell: senaste månaden ligger mer än \(SwedishText.count(source.staleAfterMonths, "månad", "månader")) efter de andra källorna"
                    : nil))
    }

    static func kindLabel(_ kind: SourceKind) -> String { kind.descriptor.label }
}

/// One source as the methodology's table of sources lists it.
struct SourceModel {
    let id: String
    let kind: String
    /// The number of files in force.
    let files: Int
    /// The latest month with data, as a label, or `inga data`.
    let latest: String
    /// Why the source is stale; present on every row, so a fresh source's row does not show the
    /// data-quality page's own `stale` summary.
    let stale: LocalText
}
