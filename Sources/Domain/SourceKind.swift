/// The kinds of source files the readers understand.
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
}
