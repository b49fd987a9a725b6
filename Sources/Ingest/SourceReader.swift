import Domain

/// The Ingest facade: reads one file of a configured source with the reader its kind names
/// (`SourceKind.reader(for:context:)`).
package struct SourceReader {
    let context: ReaderContext

    package init(config: Config) {
        self.context = ReaderContext(config: config, units: UnitIndex(config.enheter))
    }

    /// Reads a file into facts, rejected rows and control totals.
    ///
    /// - Parameters:
    ///   - path: the absolute path.
    ///   - displayPath: the path as messages show it.
    /// - Throws: `FileRejection` when the file cannot be loaded at all.
    package func read(path: String, displayPath: String, source: SourceDefinition) throws(FileRejection) -> ReadResult {
        try source.kind.reader(for: source, context: context).read(path: path, displayPath: displayPath)
    }
}
