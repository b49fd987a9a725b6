extension SourceKindDescriptor {
    /// `hr-csv`: the HR system's monthly employment snapshot as CSV, one row per employment, read by Ingest's
    /// `HRCSVReader`. It produces the staff measures.
    package static let hrCSV: SourceKindDescriptor = {
        var kind = SourceKindDescriptor(kind: .hrCSV, label: "personal (CSV)")
        kind.columns = { _ in
            Columns(
                required: ["employee", "unit"],
                optional: [
                    "month", "date", "category", "degree", "form", "gender", "worked", "sick", "scheduled", "overtime",
                ],
                oneOf: [["month", "date"]])
        }
        kind.defaultUnitKey = .hr
        kind.producedMeasures = { _ in StaffMeasures.all }
        return kind
    }()
}
