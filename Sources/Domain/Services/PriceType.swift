/// How a service of the servicekatalog is priced.
package enum PriceType: String, Sendable, CaseIterable {
    /// Goods or services bought in with little added value: invoiced at cost plus a markup (%).
    case a = "A"
    /// A service adapted to the customer's choice: a base fee per month plus a price per unit consumed.
    case b = "B"
    /// A service for the whole organisation: its cost distributed with an allocation key, or funded by
    /// appropriation (anslag) and not invoiced.
    case c = "C"
    /// Projects: a fixed price per assignment or a price per hour sold.
    case d = "D"

    /// Whether självkostnadsprincipen binds the price (types A and B: priced at self-cost).
    package var pricedAtSelfCost: Bool { self == .a || self == .b }
}
