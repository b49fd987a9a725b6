extension Omrade {
    /// The `[[omrade]]` entries, each naming one of `namnder`; at least one is required.
    static func loadAll(from builder: ConfigBuilder, namnder: [Namnd]) -> [Omrade] {
        var seen: Set<String> = []
        var result: [Omrade] = []
        for node in builder.root.children("omrade") {
            let id = node.string("id")
            builder.checkIdentifier(id, in: node, seen: &seen)
            let name = node.string("name")
            let namnd = node.string("namnd")
            if let namnd, !namnder.isEmpty, !namnder.contains(where: { $0.id == namnd }) {
                node.report("namnd", rule: "config-reference", "no [[namnd]] has id '\(namnd)'")
            }
            node.reportUnknownKeys()
            if let id, let name, let namnd { result.append(Omrade(id: id, name: name, namnd: namnd)) }
        }
        if result.isEmpty && !builder.root.has("omrade") {
            builder.root.report("omrade", rule: "config-missing", "at least one [[omrade]] is required")
        }
        return result
    }
}
