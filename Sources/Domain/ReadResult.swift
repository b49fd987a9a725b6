/// What a reader made of one file: monthly facts, the rows it could not use, and control totals.
package struct ReadResult: Sendable {
    /// Facts aggregated to unit × month × measure × category × gender.
    package var facts: [Fact] = []
    /// The rejected rows: every one counted per rule, the first few per rule kept with their findings.
    package var rejects: RejectedRows
    /// Data rows read (the header not counted).
    package var rowsRead = 0
    package var rowsAccepted: Int { rowsRead - rejects.total }
    /// The months the file's accepted rows cover, ascending.
    package var months: [Month] = []
    /// Named sums that prove the load: e.g. for a ledger `amount.read` = `amount.facts` + `amount.excluded` +
    /// `amount.rejected`.
    package var controlTotals: [String: FixedDecimal] = [:]
    /// Ledger amounts whose unit code is not in the register, per code, month and measure: kept, not dropped,
    /// so the analyst can fix the register.
    package var unmapped: [UnmappedAmount] = []
    package var encoding: TextEncoding = .utf8

    /// An empty result that keeps `keepingRejects` rejected rows per rule (`[limits] rejected_rows_kept`).
    package init(keepingRejects: Int = IngestLimits.standard.rejectedRowsKept) {
        rejects = RejectedRows(keepPerRule: keepingRejects)
    }
}
