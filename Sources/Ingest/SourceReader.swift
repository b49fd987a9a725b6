import Domain

/// The Ingest facade: reads one file of a configured source with the reader for its kind.
package struct SourceReader {
    let config: Config
    let units: UnitIndex

    package init(config: Config) {
        self.config = config
        self.units = UnitIndex(config.enheter)
    }

    /// Reads a file into facts, rejected rows and control totals.
    ///
    /// - Parameters:
    ///   - path: the absolute path.
    ///   - displayPath: the path as messages show it.
    /// - Throws: `FileRejection` when the file cannot be loaded at all.
    package func read(path: String, displayPath: String, source: SourceDefinition) throws(FileRejection) -> ReadResult {
        switch source.kind {
        case .ledgerCSV:
            return try LedgerCSVReader(
                definition: source, units: units, enheter: config.enheter, mapping: config.ledger
            )
            .read(path: path, displayPath: displayPath)
        case .ledgerSIE:
            return try LedgerSIEReader(
                definition: source, units: units, enheter: config.enheter, mapping: config.ledger
            )
            .read(path: path, displayPath: displayPath)
        case .surveyCSV:
            return try SurveyCSVReader(definition: source, units: units).read(path: path, displayPath: displayPath)
        case .complaintsCSV:
            return try ComplaintsCSVReader(definition: source, units: units).read(path: path, displayPath: displayPath)
        case .complaintsXML:
            return try ComplaintsXMLReader(definition: source, units: units).read(path: path, displayPath: displayPath)
        case .hrCSV:
            return try HRCSVReader(definition: source, units: units).read(path: path, displayPath: displayPath)
        case .paxml:
            return try PAXmlReader(definition: source, units: units).read(path: path, displayPath: displayPath)
        case .volumeCSV:
            return try VolumeCSVReader(definition: source, units: units, measures: config.measures)
                .read(path: path, displayPath: displayPath)
        }
    }
}
