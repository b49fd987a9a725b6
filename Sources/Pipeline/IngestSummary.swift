import Domain

/// What happened to one input file in a run.
package struct FileOutcome: Sendable {
    package enum Kind: String, Sendable {
        /// Read and stored.
        case loaded
        /// Same content hash as a file already on record.
        case skipped
        /// Not loaded: it failed a check that concerns the whole file.
        case failed
        /// Read and checked without storing (`check`, `--dry-run`).
        case checked
    }

    package let path: String
    package let source: String
    package let kind: Kind
    package let sha256: String
    package var rowsRead = 0
    package var rowsAccepted = 0
    package var facts = 0
    /// The first rejected rows (all are in the warehouse).
    package var rejects: [Finding] = []
    package var rejectedCount = 0
    package var failure: Finding?
    package var supersededFiles: [String] = []
    package var replacedFacts = 0
    package var controlTotals: [String: FixedDecimal] = [:]
}

/// The outcome of ingesting every inbox.
package struct IngestSummary: Sendable {
    package var files: [FileOutcome] = []

    package var loaded: Int { files.filter { $0.kind == .loaded }.count }
    package var skipped: Int { files.filter { $0.kind == .skipped }.count }
    package var failed: Int { files.filter { $0.kind == .failed }.count }
    package var rejectedRows: Int { files.reduce(0) { $0 + $1.rejectedCount } }

    /// The exit status the ingest alone calls for.
    package var exitStatus: ExitStatus {
        if failed > 0 { return .sourceFailed }
        if rejectedRows > 0 { return .rejectedRows }
        return .success
    }
}
