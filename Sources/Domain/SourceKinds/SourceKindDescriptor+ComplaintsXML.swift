extension SourceKindDescriptor {
    /// `complaints-xml`: the complaints register exported as XML, one element (`record`) per entry, read by
    /// Ingest's `ComplaintsXMLReader`. Its columns and measures are those of `complaints-csv`; `[columns]` names
    /// the child element (or `@attribute`) of each.
    package static let complaintsXML: SourceKindDescriptor = {
        var kind = SourceKindDescriptor(kind: .complaintsXML, label: "klagomålsregister (XML)")
        kind.columns = { _ in complaintsColumns }
        kind.defaultMeasurePrefix = complaintsPrefix
        kind.recordRequired = true
        kind.mapsComplaintTypes = true
        kind.producedMeasures = complaintsMeasures
        return kind
    }()
}
