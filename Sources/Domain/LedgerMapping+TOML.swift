extension LedgerMapping {
    /// The `[ledger]` table; without it, the Kommun-Bas accounts.
    static func load(from builder: ConfigBuilder, measures: [Measure]) -> LedgerMapping {
        guard let node = builder.root.child("ledger") else {
            return LedgerMapping(
                unitDimension: LedgerMapping.defaultUnitDimension, accounts: LedgerMapping.kommunBasAccounts)
        }
        let dimension = node.int("unit_dimension") ?? LedgerMapping.defaultUnitDimension
        if dimension < 1 {
            node.report("unit_dimension", "expected a SIE dimension number (1 or more), found \(dimension)")
        }
        var accounts: [LedgerMapping.AccountRange] = []
        let known = Set(measures.map(\.id)).union(LedgerMapping.kommunBasMeasures.map(\.id))
        for child in node.children("account") {
            let from = child.string("from")
            let to = child.string("to")
            let measure = child.string("measure")
            let sign = child.int("sign") ?? AccountRange.defaultSign
            for (key, value) in [("from", from), ("to", to)] {
                if let value, value.isEmpty || !value.allSatisfy(\.isASCII) || !value.allSatisfy(\.isNumber) {
                    child.report(key, "expected account digits, found '\(value)'")
                }
            }
            if let from, let to, from.count != to.count {
                child.report("to", "expected as many digits as 'from' ('\(from)'), found '\(to)'")
            } else if let from, let to, from > to {
                child.report("to", "expected a value not below 'from' ('\(from)'), found '\(to)'")
            }
            if sign != 1 && sign != -1 { child.report("sign", "expected 1 or -1, found \(sign)") }
            if let measure, !known.contains(measure) {
                child.report("measure", rule: "config-reference", "no [[measure]] has id '\(measure)'")
            }
            child.reportUnknownKeys()
            if let from, let to, let measure {
                accounts.append(.init(from: from, to: to, measure: measure, sign: sign))
            }
        }
        var ignored: [LedgerMapping.IgnoredUnits] = []
        for entry in node.strings("ignore_units") ?? [] {
            switch LedgerMapping.IgnoredUnits.parse(entry) {
            case .success(let codes): ignored.append(codes)
            case .failure(let error):
                let expected: String
                switch error {
                case .empty: expected = "expected a code or a range FROM-TO of digits"
                case .lengths: expected = "expected a code or a range FROM-TO of digits as long as each other"
                case .order: expected = "expected a code or a range FROM-TO of digits with FROM not above TO"
                }
                node.report("ignore_units", "\(expected), found '\(entry)'")
            }
        }
        node.reportUnknownKeys()
        var mapping = LedgerMapping(
            unitDimension: dimension, accounts: node.has("account") ? accounts : LedgerMapping.kommunBasAccounts)
        mapping.ignoredUnits = ignored
        return mapping
    }
}
