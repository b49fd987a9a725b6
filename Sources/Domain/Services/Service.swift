/// A service of the servicekatalog: what the service organisation delivers to the other förvaltningar, who
/// owns it, how it is counted and priced, and what its SLA promises.
package struct Service: Hashable, Sendable {
    package let id: String
    package let name: String
    /// The utförarenhet of the service organisation that delivers it (a unit of the register).
    package let owner: String
    /// What one delivery is (`ärende`, `licens`, `lönespecifikation`, `m²`, `portion`, `timme` …).
    package let deliveryUnit: String
    package let priceType: PriceType
    /// The service's codes in the invoicing and service-desk exports; the id itself always matches.
    package var codes: [String] = []
    /// Prices per year.
    package var prices: [Int: ServicePrice] = [:]
    package var levels: [ServiceLevel] = []

    package init(id: String, name: String, owner: String, deliveryUnit: String, priceType: PriceType) {
        self.id = id
        self.name = name
        self.owner = owner
        self.deliveryUnit = deliveryUnit
        self.priceType = priceType
    }

    /// The prices that hold in `year`: the year's own, or `nil` (prices are set per year, never carried over).
    package func price(in year: Int) -> ServicePrice? { prices[year] }

    /// The ticket target a ticket of `priority` is judged on: the level of that priority, else the level of
    /// every priority; `nil` when the service has none.
    package func ticketLevel(priority: String) -> ServiceLevel? {
        let tickets = levels.filter { $0.resolveWithinHours != nil }
        return tickets.first { !priority.isEmpty && $0.priority == priority } ?? tickets.first { $0.priority == nil }
    }
}
