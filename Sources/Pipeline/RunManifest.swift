import Domain
import Foundation

/// The account of one run, written as JSON to `runs/run-<time>-<pid>.json` (and `runs/latest.json`):
/// every input with its hash and what happened to it, every report written or left unchanged, timings,
/// the tool's version and the exit status. Enough to audit a night and to rebuild the warehouse from the
/// archived inputs (docs/OPERATIONS.md).
package struct RunManifest: Codable, Sendable {
    package struct Input: Codable, Sendable {
        package var path: String
        package var source: String
        package var sha256: String
        /// `loaded`, `skipped` (already on record), `failed` (rejected whole) or `checked` (dry run).
        package var outcome: String
        package var rowsRead: Int
        package var rowsAccepted: Int
        package var rowsRejected: Int
        package var facts: Int
        package var replacedFacts: Int
        /// Earlier files this one fully replaced.
        package var supersedes: [String]
        package var failure: String?
        package var seconds: Double
    }

    package struct Report: Codable, Sendable {
        package var request: String
        /// `written`, `unchanged` (inputs as last time), or for a dry run `would-render`.
        package var outcome: String
        package var files: [String]
    }

    package struct Timings: Codable, Sendable {
        package var ingestSeconds: Double = 0
        package var renderSeconds: Double = 0
        /// Of `renderSeconds`, the time spent evaluating the rules (reading facts included).
        package var rulesSeconds: Double = 0
        package var totalSeconds: Double = 0
    }

    package var tool = "uppfoljning"
    package var version = ToolVersion.current
    package var started: String
    package var finished = ""
    package var asOf: String
    package var config: String
    package var warehouse: String
    package var output: String
    package var dryRun = false
    package var inputs: [Input] = []
    package var reports: [Report] = []
    package var indexWritten = false
    package var timings = Timings()
    package var exitStatus = 0
    package var error: String?

    package init(started: Date, asOf: String, config: String, warehouse: String, output: String) {
        self.started = ISO8601DateFormatter().string(from: started)
        self.asOf = asOf
        self.config = config
        self.warehouse = warehouse
        self.output = output
    }

    mutating func record(_ summary: IngestSummary) {
        inputs = summary.files.map { file in
            Input(
                path: MessageText.safe(file.path), source: file.source, sha256: file.sha256,
                outcome: file.kind.rawValue, rowsRead: file.rowsRead, rowsAccepted: file.rowsAccepted,
                rowsRejected: file.rejectedCount, facts: file.facts, replacedFacts: file.replacedFacts,
                supersedes: file.supersededFiles.map(MessageText.safe),
                failure: file.kind == .skipped ? nil : file.failure?.description, seconds: file.seconds)
        }
    }

    /// The manifest as pretty, key-sorted JSON.
    package var json: Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)) ?? Data()
    }
}
