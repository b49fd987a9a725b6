import Domain

/// Ledger amounts booked on a unit code the register does not know.
package struct UnmappedAmount: Sendable, Hashable {
    /// The code as the ledger wrote it; empty when the row had no object in the unit dimension.
    package let code: String
    package let month: Month
    package let measure: String
    /// The sum in the ledger's sign (debit positive).
    package let amount: FixedDecimal
    package let rows: Int
}
