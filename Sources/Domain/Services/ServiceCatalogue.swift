/// The service organisation's half of the config: the servicekatalog (`[[service]]`), its customers
/// (`[[customer]]`), the tolerances of nollresultat and self-cost (`[services]`) and the working hours SLA
/// targets count in (`[calendar]`). Empty for a municipality without a service organisation.
package struct ServiceCatalogue: Hashable, Sendable {
    package var services: [Service] = []
    package var customers: [Customer] = []
    /// How far a service's result may lie from zero, in percent of its cost, before it is flagged
    /// (nollresultat). The default is `defaultResultTolerancePercent`, 2.
    package var resultTolerancePercent = Self.defaultResultTolerancePercent
    /// How far a type-A or B price may deviate from self-cost, in percent, before it is flagged. The default is
    /// `defaultPriceTolerancePercent`, 5.
    package var priceTolerancePercent = Self.defaultPriceTolerancePercent
    /// The working hours SLA targets count in. The default is `WorkingCalendar()`: weekdays 08–17 but public
    /// holidays and the eves.
    package var calendar = WorkingCalendar()

    /// 2 %.
    package static let defaultResultTolerancePercent = Rational(2)
    /// 5 %.
    package static let defaultPriceTolerancePercent = Rational(5)

    package init() {}

    /// Whether the config has a service organisation at all.
    package var isEmpty: Bool { services.isEmpty }

    /// The service a code of an export names: its id or one of its codes.
    package func service(code: String) -> Service? {
        services.first { $0.id == code || $0.codes.contains(code) }
    }

    /// The customer a code of an export names: its id or one of its codes.
    package func customer(code: String) -> Customer? {
        customers.first { $0.id == code || $0.codes.contains(code) }
    }

    /// Every code of an export that names a service (its id and its codes) with the service's index in
    /// `services`, the first service to claim a code keeping it: a reader's lookup table, so a file of a
    /// million rows does not search the catalogue per row.
    package var serviceIndexByCode: [String: Int] { Self.indexByCode(services.map { [$0.id] + $0.codes }) }

    /// Every code of an export that names a customer, with its index in `customers` (as
    /// `serviceIndexByCode`).
    package var customerIndexByCode: [String: Int] { Self.indexByCode(customers.map { [$0.id] + $0.codes }) }

    static func indexByCode(_ codes: [[String]]) -> [String: Int] {
        var table: [String: Int] = [:]
        for (index, list) in codes.enumerated() {
            for code in list where table[code] == nil { table[code] = index }
        }
        return table
    }
}
