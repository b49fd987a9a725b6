extension SourceKindDescriptor {
    /// `complaints-csv`: the complaints register as CSV, one row per synpunkt, klagomål, beröm, lex Sarah/Maria
    /// or avvikelse, read by Ingest's `ComplaintsCSVReader`. Only the columns below are read: free text never
    /// enters the program.
    package static let complaintsCSV: SourceKindDescriptor = {
        var kind = SourceKindDescriptor(kind: .complaintsCSV, label: "klagomålsregister (CSV)")
        kind.columns = { _ in complaintsColumns }
        kind.defaultMeasurePrefix = complaintsPrefix
        kind.mapsComplaintTypes = true
        kind.producedMeasures = complaintsMeasures
        return kind
    }()

    /// The logical columns of a complaints register, as CSV columns or as XML elements.
    static let complaintsColumns = Columns(required: ["unit", "received", "type"], optional: ["closed", "id"])

    /// The default prefix of a complaints register's measures.
    static let complaintsPrefix = "klagomal"

    /// `<prefix>_antal`, `<prefix>_oppna` and `<prefix>_handlaggningsdagar` (the default prefix is `klagomal`),
    /// per complaint type as the category.
    @Sendable static func complaintsMeasures(_ source: SourceDefinition) -> [Measure] {
        let p = source.measurePrefix
        return [
            Measure(
                id: p + "_antal", name: "Inkomna ärenden", unit: "antal", aggregation: .sum,
                description: "Inkomna ärenden per typ (kategori) och månad"),
            Measure(
                id: p + "_oppna", name: "Öppna ärenden vid månadens slut", unit: "antal", aggregation: .last,
                description: "Ärenden som inte var avslutade vid månadens slut, per typ (kategori)"),
            Measure(
                id: p + "_handlaggningsdagar", name: "Handläggningstid", unit: "dagar", aggregation: .median,
                description:
                    "Dagar från inkommet till avslutat för ärenden avslutade under månaden; perioden visar medianen"
            ),
        ]
    }
}
