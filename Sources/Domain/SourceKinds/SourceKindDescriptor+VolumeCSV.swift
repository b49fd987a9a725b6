extension SourceKindDescriptor {
    /// `volume-csv`: volumes per unit and month as CSV, long (a row per measure) or wide (a column per
    /// measure, named in `[measures]`), read by Ingest's `VolumeCSVReader`. A provider's own report
    /// (docs/PROVIDER-TEMPLATE.md) may map the staff measures too: those it maps are declared as the HR kinds
    /// declare them, so the config need not.
    package static let volumeCSV: SourceKindDescriptor = {
        var kind = SourceKindDescriptor(kind: .volumeCSV, label: "volymer (CSV)")
        kind.columns = { layout in
            switch layout {
            case .wide:
                return Columns(
                    required: ["unit"], optional: ["month", "date", "category"], oneOf: [["month", "date"]],
                    measuresRequired: true)
            case .long:
                return Columns(
                    required: ["unit", "measure", "value"], optional: ["month", "date", "category"],
                    oneOf: [["month", "date"]])
            }
        }
        kind.producedMeasures = { source in StaffMeasures.all.filter { source.measureColumns[$0.id] != nil } }
        return kind
    }()
}
