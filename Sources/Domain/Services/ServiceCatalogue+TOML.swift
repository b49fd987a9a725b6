extension ServiceCatalogue {
    /// The `[services]`, `[calendar]`, `[[customer]]` and `[[service]]` entries (docs/CONFIG.md, "Service
    /// organisation").
    static func load(from builder: ConfigBuilder, namnder: [Namnd], measures: [Measure]) -> ServiceCatalogue {
        var catalogue = ServiceCatalogue()
        if let node = builder.root.child("services") {
            catalogue.resultTolerancePercent =
                node.rational("nollresultat_tolerance_percent") ?? Self.defaultResultTolerancePercent
            catalogue.priceTolerancePercent =
                node.rational("price_tolerance_percent") ?? Self.defaultPriceTolerancePercent
            for (key, value) in [
                ("nollresultat_tolerance_percent", catalogue.resultTolerancePercent),
                ("price_tolerance_percent", catalogue.priceTolerancePercent),
            ] where value < Rational(0) {
                node.report(key, "expected 0 or more (percent), found \(value)")
            }
            node.reportUnknownKeys()
        }
        if let node = builder.root.child("calendar") { catalogue.calendar = WorkingCalendar.load(from: node) }
        var codes: [String: String] = [:]
        var seen: Set<String> = []
        for node in builder.root.children("customer") {
            let id = node.string("id")
            builder.checkIdentifier(id, in: node, seen: &seen)
            let name = node.string("name")
            let customerCodes = node.strings("codes") ?? []
            let namnd = node.string("namnd", required: false)
            if let namnd, !namnder.contains(where: { $0.id == namnd }) {
                node.report("namnd", rule: "config-reference", "no [[namnd]] has id '\(namnd)'")
            }
            node.reportUnknownKeys()
            guard let id, let name else { continue }
            for code in [id] + customerCodes {
                if let other = codes[code], other != id {
                    node.report(
                        "codes", rule: "config-duplicate", "the code '\(code)' names customer '\(other)' already")
                }
                codes[code] = id
            }
            var customer = Customer(id: id, name: name)
            customer.codes = customerCodes
            customer.namnd = namnd
            catalogue.customers.append(customer)
        }
        seen = []
        codes = [:]
        let measureIDs = Set(measures.map(\.id))
        for node in builder.root.children("service") {
            let id = node.string("id")
            builder.checkIdentifier(id, in: node, seen: &seen)
            let name = node.string("name")
            let owner = node.string("owner")
            let deliveryUnit = node.string("delivery_unit")
            let typeText = node.string("price_type")
            let priceType = typeText.flatMap(PriceType.init(rawValue:))
            if let typeText, priceType == nil {
                node.report(
                    "price_type",
                    .unexpectedValue(
                        expected: Diagnostic.alternatives(PriceType.allCases.map(\.rawValue)), found: typeText))
            }
            let serviceCodes = node.strings("codes") ?? []
            let prices = node.children("price").compactMap { ServicePrice.load(from: $0, type: priceType) }
            var years: Set<Int> = []
            for (price, priceNode) in zip(prices, node.children("price")) where !years.insert(price.year).inserted {
                priceNode.report("year", rule: "config-duplicate", "the prices of \(price.year) are set twice")
            }
            var levelIDs: Set<String> = []
            let levels = node.children("sla").compactMap { levelNode -> ServiceLevel? in
                let level = ServiceLevel.load(from: levelNode, builder: builder, measureIDs: measureIDs)
                if let level, !levelIDs.insert(level.id).inserted {
                    levelNode.report("id", rule: "config-duplicate", "'\(level.id)' is defined twice")
                }
                return level
            }
            node.reportUnknownKeys()
            guard let id, let name, let owner, let deliveryUnit, let priceType else { continue }
            for code in [id] + serviceCodes {
                if let other = codes[code], other != id {
                    node.report(
                        "codes", rule: "config-duplicate", "the code '\(code)' names service '\(other)' already")
                }
                codes[code] = id
            }
            var service = Service(id: id, name: name, owner: owner, deliveryUnit: deliveryUnit, priceType: priceType)
            service.codes = serviceCodes
            service.prices = Dictionary(prices.map { ($0.year, $0) }, uniquingKeysWith: { first, _ in first })
            service.levels = levels
            catalogue.services.append(service)
        }
        return catalogue
    }

    /// The findings of services whose owner is no unit of the register (checked once the register is read).
    func ownerFindings(enheter: [Enhet], file: String) -> [Finding] {
        let ids = Set(enheter.map(\.id))
        return services.filter { !ids.contains($0.owner) }.map { service in
            let key = "service[\(service.id)].owner"
            return Finding(
                SourceLocation(file: file, key: key), rule: "config-reference",
                message: "key '\(key)': no unit '\(service.owner)' in the unit register")
        }
    }
}

extension ServicePrice {
    /// One `[[service.price]]` entry, checked against the service's price type.
    static func load(from node: TOMLNode, type: PriceType?) -> ServicePrice? {
        let year = node.int("year")
        if year == nil && !node.has("year") { node.report("year", rule: "config-missing", "required, not found") }
        var price = ServicePrice(year: year ?? 0)
        price.markupPercent = node.rational("markup_percent")
        price.baseFee = node.rational("base_fee")
        price.unitPrice = node.rational("unit_price")
        price.allocationKey = node.string("allocation_key", required: false)
        price.appropriation = node.bool("appropriation") ?? false
        price.hourlyRate = node.rational("hourly_rate")
        price.fixedPrice = node.rational("fixed_price")
        price.marketPrice = node.rational("market_price")
        let amounts: [(String, Rational?)] = [
            ("markup_percent", price.markupPercent), ("base_fee", price.baseFee), ("unit_price", price.unitPrice),
            ("hourly_rate", price.hourlyRate), ("fixed_price", price.fixedPrice), ("market_price", price.marketPrice),
        ]
        for (key, value) in amounts where (value ?? Rational(0)) < Rational(0) {
            node.report(key, "expected 0 or more, found \(value ?? Rational(0))")
        }
        if let type {
            let given = Set(
                amounts.filter { $0.1 != nil }.map(\.0) + (price.allocationKey != nil ? ["allocation_key"] : [])
            )
            .subtracting(["market_price"])
            let (allowed, needsOneOf): (Set<String>, [String]) =
                switch type {
                case .a: (["markup_percent"], ["markup_percent"])
                case .b: (["base_fee", "unit_price"], ["base_fee", "unit_price"])
                case .c: (["allocation_key"], price.appropriation ? [] : ["allocation_key"])
                case .d: (["hourly_rate", "fixed_price"], ["hourly_rate", "fixed_price"])
                }
            for key in given.subtracting(allowed).sorted() {
                node.report(
                    key,
                    "does not apply to price type \(type.rawValue); it takes \(Diagnostic.alternatives(allowed.sorted()))"
                )
            }
            if !needsOneOf.isEmpty && given.isDisjoint(with: needsOneOf) {
                node.report(
                    nil, rule: "config-missing",
                    "a price of type \(type.rawValue) needs \(Diagnostic.alternatives(needsOneOf))")
            }
            if price.appropriation && type != .c {
                node.report("appropriation", "only a price of type C can be funded by appropriation")
            }
        }
        node.reportUnknownKeys()
        return year.map { _ in price }
    }
}

extension ServiceLevel {
    /// One `[[service.sla]]` entry.
    static func load(from node: TOMLNode, builder: ConfigBuilder, measureIDs: Set<String>) -> ServiceLevel? {
        let id = node.string("id")
        if let id, !Config.isIdentifier(id) {
            node.report("id", .unexpectedValue(expected: Diagnostic.identifierCharacters, found: id))
        }
        let name = node.string("name")
        var level = ServiceLevel(id: id ?? "", name: name ?? "")
        if let priority = node.string("priority", required: false) { level.priority = priority }
        level.resolveWithinHours = node.rational("resolve_within_hours")
        level.aroundTheClock = node.bool("around_the_clock") ?? false
        level.measure = node.string("measure", required: false)
        if let measure = level.measure, !measureIDs.contains(measure) {
            node.report("measure", rule: "config-reference", "no [[measure]] has id '\(measure)'")
        }
        if level.measure != nil && level.resolveWithinHours != nil {
            node.report(nil, "give 'resolve_within_hours' (a ticket target) or 'measure', not both")
        } else if level.measure == nil && level.resolveWithinHours == nil {
            node.report(nil, rule: "config-missing", "one of 'resolve_within_hours' or 'measure' is required")
        }
        if let hours = level.resolveWithinHours, hours <= Rational(0) {
            node.report("resolve_within_hours", "expected more than 0, found \(hours)")
        }
        if let targets = node.child("target", required: true) {
            for key in targets.table.keys.sorted() {
                guard let year = Int(key), (1900...9999).contains(year) else {
                    targets.report(key, "expected a year (target.2025 = 90), found '\(key)'")
                    continue
                }
                if let value = targets.rational(key) { level.targets[year] = value }
            }
        }
        level.redLimit = node.rational("red_limit")
        if let text = node.string("direction", required: false) {
            if let direction = Direction(rawValue: text), direction != .none {
                level.direction = direction
            } else {
                node.report("direction", .unexpectedValue(expected: "'higher' or 'lower'", found: text))
            }
        }
        level.unit = node.string("unit", required: false) ?? (level.measure == nil ? "%" : "")
        node.reportUnknownKeys()
        guard id != nil, name != nil else { return nil }
        return level
    }
}
