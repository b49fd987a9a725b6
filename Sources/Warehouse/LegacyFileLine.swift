/// A rendered file as `renderedReport.files` recorded it before migration v9: `name`, `title`, `listed` or
/// empty, and the folder (absent in the oldest records: the output), tab-separated. Read once, by the migration.
struct LegacyFileLine {
    let request: String
    let line: String
    let renderedAt: String

    var publication: Publication {
        let parts = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        let name = parts[0]
        let listed = parts.count > 2 && parts[2] == "listed"
        let folder = parts.count > 3 && parts[3] == "quality" ? "quality" : "output"
        let (kind, period) = Self.kind(request)
        let format =
            name.hasSuffix("-excel.csv")
            ? "csv-excel" : name.hasSuffix(".csv") ? "csv" : name.hasSuffix("-fragment.html") ? "html-fragment" : "html"
        let sections = [
            ("arsjamforelse-", "comparison"), ("tertialrapport-", "tertial"),
            ("verksamhetsberattelse-", "verksamhetsberattelse"),
        ]
        return Publication(
            request: request, kind: kind, period: period, namnd: Self.namnd(name), format: format,
            mediaType: format.hasPrefix("csv") ? "text/csv" : "text/html", fileName: name, folder: folder,
            title: parts.count > 1 ? parts[1] : name,
            section: listed ? sections.first { name.hasPrefix($0.0) }?.1 : nil, bytes: nil, sha256: nil,
            renderedAt: renderedAt)
    }

    /// `annual 2025` → (`annual`, `2025`), `tertial 2025-T2` → (`tertial`, `2025-T2`), `data quality`.
    static func kind(_ request: String) -> (kind: String, period: String?) {
        let parts = request.split(separator: " ", maxSplits: 1).map(String.init)
        guard parts.count == 2, parts[0] == "annual" || parts[0] == "tertial" else { return ("data-quality", nil) }
        return (parts[0], parts[1])
    }

    /// The nämnd of a tertial report (`tertialrapport-2025-T2-von.html`) or verksamhetsberättelse input
    /// (`verksamhetsberattelse-2025-von.csv`, `…-von-fragment.html`).
    static func namnd(_ name: String) -> String? {
        var stem = Substring(name)
        for suffix in ["-fragment.html", ".html", ".csv"] where stem.hasSuffix(suffix) {
            stem = stem.dropLast(suffix.count)
            break
        }
        let parts = stem.split(separator: "-").map(String.init)
        if parts.first == "tertialrapport", parts.count >= 4 { return parts[3...].joined(separator: "-") }
        if parts.first == "verksamhetsberattelse", parts.count >= 3 { return parts[2...].joined(separator: "-") }
        return nil
    }
}
