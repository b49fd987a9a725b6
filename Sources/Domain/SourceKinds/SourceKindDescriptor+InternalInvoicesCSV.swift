extension SourceKindDescriptor {
    /// `internal-invoices-csv`: the internal invoicing export (interndebitering), one row per invoice line from
    /// the service organisation to a customer förvaltning, read by Ingest's `InternalInvoicesCSVReader`. The
    /// invoice reference only refuses a duplicate line; it is never stored.
    package static let internalInvoicesCSV: SourceKindDescriptor = {
        var kind = SourceKindDescriptor(kind: .internalInvoicesCSV, label: "interndebitering (CSV)")
        kind.columns = { _ in
            Columns(
                required: ["customer", "quantity", "amount"],
                optional: ["month", "date", "service", "reference", "price_type"],
                oneOf: [["month", "date"]])
        }
        kind.defaultMeasurePrefix = internalInvoicesPrefix
        kind.deliversServices = true
        kind.producedMeasures = internalInvoicesMeasures
        return kind
    }()

    /// The default prefix of an invoicing export's measures.
    static let internalInvoicesPrefix = "interndebitering"

    /// The measures of an invoicing source, per service and customer; the default prefix is `interndebitering`.
    @Sendable static func internalInvoicesMeasures(_ source: SourceDefinition) -> [Measure] {
        let p = source.measurePrefix
        return [
            Measure(
                id: p + "_belopp", name: "Fakturerat belopp", unit: "kr", aggregation: .sum,
                description: "Internt fakturerat belopp per tjänst, kund och månad"),
            Measure(
                id: p + "_antal", name: "Fakturerad volym", unit: "leveransenheter", aggregation: .sum,
                description: "Fakturerade leveransenheter (ärenden, licenser, m², timmar …) per tjänst och kund"),
            Measure(
                id: p + "_rader", name: "Fakturarader", unit: "antal", aggregation: .sum,
                description: "Fakturarader per tjänst, kund och månad"),
        ]
    }
}
