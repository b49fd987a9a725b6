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
    /// Empty while a pending hash is not yet known, and for a file that could not be hashed.
    package internal(set) var sha256: String
    package var rowsRead = 0
    package var rowsAccepted = 0
    package var facts = 0
    /// The first rejected rows (all are in the warehouse).
    package var rejects: [Finding] = []
    package var rejectedCount = 0
    package var failure: Finding?
    package var supersededFiles: [String] = []
    package var replacedFacts = 0
    /// The months the file has data for.
    package var months: [Month] = []
    /// Wall time spent on the file: hashing, reading and storing.
    package var seconds = 0.0
    package var controlTotals: [String: FixedDecimal] = [:]
    /// Ledger amounts whose unit code is not in the register.
    package var unmapped: [UnmappedAmount] = []

    /// Unmapped amounts summed per unit code, in code order.
    package var unmappedByCode: [(code: String, amount: FixedDecimal, rows: Int)] {
        var codes: [String: (amount: FixedDecimal, rows: Int)] = [:]
        for amount in unmapped {
            codes[amount.code, default: (.zero, 0)].amount += amount.amount
            codes[amount.code, default: (.zero, 0)].rows += amount.rows
        }
        return codes.sorted { $0.key < $1.key }.map { ($0.key, $0.value.amount, $0.value.rows) }
    }
}

/// The outcome of ingesting every inbox.
package struct IngestSummary: Sendable {
    package var files: [FileOutcome] = []
    /// Warnings about the inboxes rather than a file: a source whose inbox glob matches no file.
    package var warnings: [Finding] = []

    package var loaded: Int { files.filter { $0.kind == .loaded }.count }
    package var skipped: Int { files.filter { $0.kind == .skipped }.count }
    package var failed: Int { files.filter { $0.kind == .failed }.count }
    package var rejectedRows: Int { files.reduce(0) { $0 + $1.rejectedCount } }
    package var unmappedRows: Int { files.reduce(0) { $0 + $1.unmapped.reduce(0) { $0 + $1.rows } } }

    /// The exit status the ingest alone calls for.
    package var exitStatus: ExitStatus {
        if failed > 0 { return .sourceFailed }
        if rejectedRows > 0 || unmappedRows > 0 { return .rejectedRows }
        return .success
    }
}
