/// The kinds of source files the readers understand: the config's `kind = "…"`.
///
/// Everything else about a kind is its `descriptor`, one file per kind in this folder; Ingest's
/// `SourceKind.reader(for:context:)` names its reader. Both are exhaustive switches, so a new case does not
/// compile until it has a descriptor and a reader (docs/ARCHITECTURE.md, "Adding a source kind").
package enum SourceKind: String, Sendable, CaseIterable {
    /// Ledger transactions as CSV.
    case ledgerCSV = "ledger-csv"
    /// Ledger vouchers as SIE 4 (`#VER`/`#TRANS`), with `#PBUDGET` as budget.
    case ledgerSIE = "ledger-sie"
    /// Volumes per unit and month as CSV.
    case volumeCSV = "volume-csv"
    /// Payroll and time exports in PAXml 2.0.
    case paxml
    /// The HR system's monthly employment snapshot as CSV.
    case hrCSV = "hr-csv"
    /// User survey results per unit, question and period as CSV.
    case surveyCSV = "survey-csv"
    /// The complaints register: one row per synpunkt, klagomål, beröm, lex Sarah/Maria or avvikelse.
    case complaintsCSV = "complaints-csv"
    /// The complaints register exported as XML: one element per entry.
    case complaintsXML = "complaints-xml"
    /// The service desk's tickets (incidents, requests): one row per ticket, or per state change of a ticket.
    case serviceDeskCSV = "service-desk-csv"
    /// The internal invoicing export: one row per invoice line from the service organisation to a customer.
    case internalInvoicesCSV = "internal-invoices-csv"

    /// What the config, the rules and the reports know about the kind: the registry of descriptors.
    package var descriptor: SourceKindDescriptor {
        switch self {
        case .ledgerCSV: return .ledgerCSV
        case .ledgerSIE: return .ledgerSIE
        case .volumeCSV: return .volumeCSV
        case .paxml: return .paxml
        case .hrCSV: return .hrCSV
        case .surveyCSV: return .surveyCSV
        case .complaintsCSV: return .complaintsCSV
        case .complaintsXML: return .complaintsXML
        case .serviceDeskCSV: return .serviceDeskCSV
        case .internalInvoicesCSV: return .internalInvoicesCSV
        }
    }
}
