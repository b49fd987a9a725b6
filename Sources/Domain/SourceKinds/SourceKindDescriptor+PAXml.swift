extension SourceKindDescriptor {
    /// `paxml`: payroll and time exports in PAXml 2.0, read by Ingest's `PAXmlReader`. The format names its own
    /// fields (no `[columns]` table); `time_codes` maps its time codes to the staff measures.
    package static let paxml: SourceKindDescriptor = {
        var kind = SourceKindDescriptor(kind: .paxml, label: "lön och tid (PAXml)")
        kind.columnsRequired = false
        kind.defaultUnitKey = .hr
        kind.producedMeasures = { _ in StaffMeasures.all }
        return kind
    }()
}
