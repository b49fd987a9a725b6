extension ActionRule {
    /// The `[[atgardsplan]]` entries.
    static func loadAll(from builder: ConfigBuilder, indicators: [IndicatorDefinition]) -> [ActionRule] {
        var seen: Set<String> = []
        var rules: [ActionRule] = []
        for node in builder.root.children("atgardsplan") {
            let id = node.string("id")
            builder.checkIdentifier(id, in: node, seen: &seen)
            let reason = node.string("reason")
            let when = node.string("when")
            let indicator = node.string("indicator", required: false)
            if let indicator, !indicators.contains(where: { $0.id == indicator }) {
                node.report("indicator", rule: "config-reference", "no [[indicator]] has id '\(indicator)'")
            }
            var family: Family?
            if let text = node.string("family", required: false) {
                family = Family(rawValue: text)
                if family == nil { node.report("family", "expected an indicator family, found '\(text)'") }
            }
            let limit = node.double("limit")
            var condition: ActionRule.Condition?
            switch when {
            case "red": condition = .red(indicator: indicator, family: family)
            case "resultatkrav": condition = .resultatkravMissed
            case "above", "below":
                guard let indicator, let limit else {
                    node.report(nil, "when '\(when ?? "")' needs 'indicator' and 'limit'")
                    break
                }
                condition =
                    when == "above"
                    ? .above(indicator: indicator, limit: limit) : .below(indicator: indicator, limit: limit)
            case nil: break
            default: node.report("when", "expected 'red', 'resultatkrav', 'above' or 'below', found '\(when ?? "")'")
            }
            node.reportUnknownKeys()
            if let id, let reason, let condition {
                rules.append(ActionRule(id: id, reason: reason, condition: condition))
            }
        }
        return rules
    }
}
