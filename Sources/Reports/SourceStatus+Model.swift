import Domain
import Rules

/// What the reports say about one source: its files in force and how fresh its data is.
extension SourceStatus {
    var model: [String: Any] {
        var model: [String: Any] = [
            "id": source.id, "kind": SourceStatus.kindLabel(source.kind), "files": files,
            "latest": latestMonth.map { Period.month($0).label } ?? "inga data",
            // Always set: a fresh source's row must not show the page's own `stale` summary (Mustache looks a
            // missing key up in the enclosing context).
            "stale": false,
        ]
        if stale {
            model["stale"] =
                "inaktuell: senaste månaden ligger mer än \(SwedishText.count(source.staleAfterMonths, "månad", "månader")) efter de andra källorna"
        }
        return model
    }

    static func kindLabel(_ kind: SourceKind) -> String { kind.descriptor.label }
}
