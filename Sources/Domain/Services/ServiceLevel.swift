/// One SLA target of a service: the share of deliveries that must meet a condition, judged like an indicator
/// (target, red limit, direction) on a measure the readers produce.
///
/// For service-desk tickets the condition is a resolution time in working hours (`resolveWithinHours`, in the
/// `[calendar]`, or around the clock) for a priority; for other deliveries the target is judged on the measure
/// named (availability in %, pay slips on time).
package struct ServiceLevel: Hashable, Sendable {
    package let id: String
    package let name: String
    /// The ticket priority it applies to (`1` … `4`); `nil` = every ticket, or not a ticket target.
    package var priority: String?
    /// Tickets: resolved within this many hours.
    package var resolveWithinHours: Rational?
    /// Tickets: the hours count around the clock, not the `[calendar]`'s working hours. The default is `false`.
    package var aroundTheClock = false
    /// Non-ticket targets: the measure judged (e.g. `tillganglighet_procent`).
    package var measure: String?
    /// The target, per year (a year not listed takes the latest earlier one).
    package var targets: [Int: Rational] = [:]
    package var redLimit: Rational?
    package var direction = Direction.higher
    /// `%` for a share of tickets; the measure's own unit otherwise.
    package var unit = "%"

    package init(id: String, name: String) {
        self.id = id
        self.name = name
    }

    /// The target that holds in `year`: the year's own, or the latest earlier one.
    package func target(in year: Int) -> Rational? {
        targets.filter { $0.key <= year }.max { $0.key < $1.key }?.value
    }
}
