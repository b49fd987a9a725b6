/// A service's prices for one year, as the catalogue sets them. Which fields apply follows the price type:
/// A `markupPercent`; B `baseFee` (per customer and month) and `unitPrice`; C `allocationKey` (or
/// `appropriation`); D `hourlyRate` or `fixedPrice`. Any type may give a `marketPrice` per delivery unit
/// (marknadsjämförelse). Amounts in kronor, exact.
package struct ServicePrice: Hashable, Sendable {
    package let year: Int
    package var markupPercent: Rational?
    package var baseFee: Rational?
    package var unitPrice: Rational?
    /// The measure per customer the cost is distributed by (e.g. `arsarbetare`, `lokalyta_m2`).
    package var allocationKey: String?
    /// Type C funded by appropriation: not invoiced.
    package var appropriation = false
    package var hourlyRate: Rational?
    package var fixedPrice: Rational?
    package var marketPrice: Rational?

    package init(year: Int) { self.year = year }
}
