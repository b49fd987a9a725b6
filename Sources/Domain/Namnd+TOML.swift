extension Namnd {
    /// The `[[namnd]]` entries; at least one is required.
    static func loadAll(from builder: ConfigBuilder) -> [Namnd] {
        var seen: Set<String> = []
        var result: [Namnd] = []
        for node in builder.root.children("namnd") {
            let id = node.string("id")
            builder.checkIdentifier(id, in: node, seen: &seen)
            let name = node.string("name")
            node.reportUnknownKeys()
            if let id, let name { result.append(Namnd(id: id, name: name)) }
        }
        if result.isEmpty && !builder.root.has("namnd") {
            builder.root.report("namnd", rule: "config-missing", "at least one [[namnd]] is required")
        }
        return result
    }
}
