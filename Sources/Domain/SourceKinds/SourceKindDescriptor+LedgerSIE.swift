extension SourceKindDescriptor {
    /// `ledger-sie`: ledger vouchers as SIE 4 (`#VER`/`#TRANS`), with `#PBUDGET` as budget, read by Ingest's
    /// `LedgerSIEReader`. The format names its own fields: no `[columns]` table.
    package static let ledgerSIE: SourceKindDescriptor = {
        var kind = SourceKindDescriptor(kind: .ledgerSIE, label: "huvudbok och budget (SIE 4)")
        kind.columnsRequired = false
        kind.defaultUnitKey = .ledger
        return kind
    }()
}
