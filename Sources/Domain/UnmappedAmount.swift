/// Ledger amounts booked on a unit code the register does not know.
package struct UnmappedAmount: Sendable, Hashable {
    /// The code as the ledger wrote it; empty when the row had no object in the unit dimension.
    package let code: String
    package let month: Month
    package let measure: String
    /// The sum in the ledger's sign (debit positive).
    package let amount: FixedDecimal
    package let rows: Int

    package init(code: String, month: Month, measure: String, amount: FixedDecimal, rows: Int) {
        self.code = code
        self.month = month
        self.measure = measure
        self.amount = amount
        self.rows = rows
    }
}
