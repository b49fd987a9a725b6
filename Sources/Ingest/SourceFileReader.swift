import Domain

/// A reader of one source kind's files: facts, rejected rows and control totals from one file.
package protocol SourceFileReader {
    /// Reads a file.
    ///
    /// - Parameters:
    ///   - path: the absolute path.
    ///   - displayPath: the path as messages show it.
    /// - Throws: `FileRejection` when the file cannot be loaded at all.
    func read(path: String, displayPath: String) throws(FileRejection) -> ReadResult
}

/// What a reader may need beyond its source: the config (the ledger mapping, the measures) and the register's
/// codes.
package struct ReaderContext: Sendable {
    package let config: Config
    package let units: UnitIndex
}

extension LedgerCSVReader: SourceFileReader {}
extension LedgerSIEReader: SourceFileReader {}
extension VolumeCSVReader: SourceFileReader {}
extension PAXmlReader: SourceFileReader {}
extension HRCSVReader: SourceFileReader {}
extension SurveyCSVReader: SourceFileReader {}
extension ComplaintsCSVReader: SourceFileReader {}
extension ComplaintsXMLReader: SourceFileReader {}
extension ServiceDeskCSVReader: SourceFileReader {}
extension InternalInvoicesCSVReader: SourceFileReader {}

extension SourceKind {
    /// The reader of a source of this kind: the registry of readers, one line per kind (its descriptor is
    /// Domain's `SourceKind.descriptor`).
    package func reader(for source: SourceDefinition, context: ReaderContext) -> any SourceFileReader {
        let (config, units) = (context.config, context.units)
        switch self {
        case .ledgerCSV:
            return LedgerCSVReader(definition: source, units: units, enheter: config.enheter, mapping: config.ledger)
        case .ledgerSIE:
            return LedgerSIEReader(definition: source, units: units, enheter: config.enheter, mapping: config.ledger)
        case .volumeCSV: return VolumeCSVReader(definition: source, units: units, measures: config.measures)
        case .paxml: return PAXmlReader(definition: source, units: units)
        case .hrCSV: return HRCSVReader(definition: source, units: units)
        case .surveyCSV: return SurveyCSVReader(definition: source, units: units)
        case .complaintsCSV: return ComplaintsCSVReader(definition: source, units: units)
        case .complaintsXML: return ComplaintsXMLReader(definition: source, units: units)
        case .serviceDeskCSV:
            return ServiceDeskCSVReader(definition: source, catalogue: config.services, enheter: config.enheter)
        case .internalInvoicesCSV:
            return InternalInvoicesCSVReader(definition: source, catalogue: config.services, enheter: config.enheter)
        }
    }
}
