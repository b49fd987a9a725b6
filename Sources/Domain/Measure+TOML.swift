extension Measure {
    /// The `[[measure]]` entries.
    static func loadAll(from builder: ConfigBuilder) -> [Measure] {
        var seen: Set<String> = []
        var result: [Measure] = []
        for node in builder.root.children("measure") {
            let id = node.string("id")
            builder.checkIdentifier(id, in: node, seen: &seen)
            let name = node.string("name")
            let unit = node.string("unit")
            let aggregationText = node.string("aggregation")
            let aggregation = aggregationText.flatMap(Aggregation.init(rawValue:))
            if let aggregationText, aggregation == nil {
                node.report(
                    "aggregation",
                    .unexpectedValue(
                        expected: Diagnostic.alternatives(Aggregation.allCases.map(\.rawValue)), found: aggregationText)
                )
            }
            let description = node.string("description", required: false) ?? ""
            node.reportUnknownKeys()
            // A measure with a bad field is still declared, so references to it do not cascade into more errors.
            if let id {
                result.append(
                    Measure(
                        id: id, name: name ?? id, unit: unit ?? "", aggregation: aggregation ?? .sum,
                        description: description))
            }
        }
        return result
    }
}
