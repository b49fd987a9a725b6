extension IndicatorDefinition {
    /// The `[[indicator]]` entries.
    ///
    /// - Parameter closedCategories: the only categories some measures have (a complaints source's types).
    static func loadAll(
        from builder: ConfigBuilder, measures: [Measure], closedCategories: [String: Set<String>], omraden: [Omrade],
        defaultMinN: Int
    ) -> [IndicatorDefinition] {
        var seen: Set<String> = []
        var result: [IndicatorDefinition] = []
        let measureIDs = Set(measures.map(\.id))
        for node in builder.root.children("indicator") {
            let id = node.string("id")
            builder.checkIdentifier(id, in: node, seen: &seen)
            let name = node.string("name")
            let description = node.string("description", required: false) ?? ""
            let familyText = node.string("family")
            let family = familyText.flatMap(Family.init(rawValue:))
            if let familyText, family == nil {
                let known = Family.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")
                node.report("family", "expected one of \(known), found '\(familyText)'")
            }
            let formulaText = node.string("formula")
            var formula: Formula?
            if let formulaText {
                do {
                    let parsed = try Formula.parse(formulaText)
                    formula = parsed
                    for reference in parsed.references where !measureIDs.contains(reference.measure) {
                        node.report("formula", rule: "config-reference", "no [[measure]] has id '\(reference.measure)'")
                    }
                    for reference in parsed.references {
                        guard let known = closedCategories[reference.measure] else { continue }
                        for category in reference.categories where !known.contains(category) {
                            let expected = known.sorted().map { "'\($0)'" }.joined(separator: ", ")
                            node.report(
                                "formula", rule: "config-reference",
                                "'\(reference.measure)' has no category '\(category)'; its categories are \(expected)")
                        }
                    }
                } catch {
                    node.report("formula", rule: "formula-syntax", "\(error) in '\(formulaText)'")
                }
            }
            let unit = node.string("unit")
            let decimals = node.int("decimals") ?? IndicatorDefinition.defaultDecimals
            if !(0...4).contains(decimals) { node.report("decimals", "expected 0 to 4, found \(decimals)") }
            let directionText =
                node.string("direction", required: false) ?? IndicatorDefinition.defaultDirection.rawValue
            let direction = Direction(rawValue: directionText)
            if direction == nil {
                node.report("direction", "expected 'higher', 'lower' or 'none', found '\(directionText)'")
            }
            let target = node.double("target")
            let redLimit = node.double("red_limit")
            let statusText = node.string("status", required: false) ?? (target == nil ? "none" : "target")
            var statusRule = StatusRule.none
            switch statusText {
            case "none": break
            case "quartile": statusRule = .quartile
            case "target":
                if let target {
                    statusRule = .target(target, redLimit: redLimit)
                } else {
                    node.report("status", "status 'target' needs a 'target' value")
                }
            default: node.report("status", "expected 'target', 'quartile' or 'none', found '\(statusText)'")
            }
            if statusRule != .none, direction == Direction.none {
                node.report("direction", "a judged indicator (status '\(statusText)') needs 'higher' or 'lower'")
            }
            if let target, let redLimit, let direction {
                if (direction == .higher && redLimit > target) || (direction == .lower && redLimit < target) {
                    node.report(
                        "red_limit",
                        "must be on the worse side of the target (\(SwedishFormat.message(target))) for direction '\(direction.rawValue)', found \(SwedishFormat.message(redLimit))"
                    )
                }
            }
            if redLimit != nil, target == nil { node.report("red_limit", "a red limit needs a 'target'") }
            let byGender = node.bool("by_gender") ?? IndicatorDefinition.defaultByGender
            let indicatorOmraden = node.strings("omraden") ?? []
            for omrade in indicatorOmraden where !omraden.contains(where: { $0.id == omrade }) {
                node.report("omraden", rule: "config-reference", "no [[omrade]] has id '\(omrade)'")
            }
            let regiTexts = node.strings("regi") ?? Regi.allCases.map(\.rawValue)
            var regi: [Regi] = []
            for text in regiTexts {
                if let value = Regi(rawValue: text) {
                    regi.append(value)
                } else {
                    node.report("regi", "expected 'egen' or 'extern', found '\(text)'")
                }
            }
            var nMeasure: MeasureReference?
            if let text = node.string("n_measure", required: false) {
                switch try? Formula.parse(text) {
                case .measure(let reference)?:
                    nMeasure = reference
                    if !measureIDs.contains(reference.measure) {
                        node.report(
                            "n_measure", rule: "config-reference", "no [[measure]] has id '\(reference.measure)'")
                    }
                default:
                    node.report(
                        "n_measure",
                        "expected one measure, e.g. 'brukare' or 'enkat_svarande[category=q1]', found '\(text)'")
                }
            }
            let minN = node.int("min_n") ?? defaultMinN
            node.reportUnknownKeys()
            if let id, let name, let family, let formulaText, let formula, let unit, let direction {
                result.append(
                    IndicatorDefinition(
                        id: id, name: name, description: description, family: family, formulaText: formulaText,
                        formula: formula, unit: unit, decimals: decimals, direction: direction,
                        statusRule: statusRule, byGender: byGender, omraden: indicatorOmraden, regi: regi,
                        nMeasure: nMeasure, minN: minN))
            }
        }
        return result
    }
}
