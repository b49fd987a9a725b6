extension SourceKindDescriptor {
    /// `ledger-csv`: ledger transactions as CSV, one row per posting, read by Ingest's `LedgerCSVReader`.
    /// The measures are the config's `[ledger]` accounts.
    package static let ledgerCSV: SourceKindDescriptor = {
        var kind = SourceKindDescriptor(kind: .ledgerCSV, label: "huvudbok (CSV)")
        kind.columns = { _ in
            Columns(
                required: ["unit", "account", "amount"], optional: ["date", "period", "text"],
                oneOf: [["date", "period"]])
        }
        kind.defaultUnitKey = .ledger
        return kind
    }()
}
