extension EconomicsSettings {
    /// The `[economics]` table; without it, revenues and costs follow the ledger's signs.
    static func load(from builder: ConfigBuilder, ledger: LedgerMapping, measures: [Measure]) -> EconomicsSettings {
        let node = builder.root.child("economics")
        let measureIDs = Set(measures.map(\.id))
        func list(_ key: String, default fallback: [String]) -> [String] {
            let ids = node?.strings(key) ?? fallback
            for id in ids where !measureIDs.contains(id) {
                node?.report(key, rule: "config-reference", "no [[measure]] has id '\(id)'")
            }
            return ids
        }
        var seen: Set<String> = []
        let ledgerRevenues = ledger.accounts.filter { $0.sign < 0 }.map(\.measure).filter { seen.insert($0).inserted }
        let ledgerCosts = ledger.accounts.filter { $0.sign > 0 }.map(\.measure).filter { seen.insert($0).inserted }
        let revenues = list("revenues", default: ledgerRevenues)
        let costs = list("costs", default: ledgerCosts)
        var krav: [Int: Double] = [:]
        if let table = node?.child("resultatkrav") {
            for key in table.table.keys.sorted() {
                guard let year = Int(key), (1900...2999).contains(year) else {
                    table.report(key, "expected a year such as 2025 as the key")
                    _ = table.double(key)
                    continue
                }
                if let percent = table.double(key) { krav[year] = percent }
            }
            table.reportUnknownKeys()
        }
        let forecastText = node?.string("forecast", required: false) ?? EconomicsSettings.defaultForecast.rawValue
        let forecast = ForecastMethod(rawValue: forecastText)
        if forecast == nil { node?.report("forecast", "expected 'linear' or 'budget', found '\(forecastText)'") }
        let equityYear = node?.int("equity_year")
        node?.reportUnknownKeys()
        return EconomicsSettings(
            revenues: revenues, costs: costs, resultatkrav: krav,
            forecast: forecast ?? EconomicsSettings.defaultForecast,
            equityYear: equityYear)
    }
}
