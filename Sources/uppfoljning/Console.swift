import ArgumentParser
import Domain
import Foundation
import Pipeline

/// All printing of the CLI: summaries to stdout, problems to stderr.
enum Console {
    static func error(_ text: String) {
        // Keep stdout and stderr in order when both go to one log.
        fflush(nil)
        FileHandle.standardError.write(Data((MessageText.safeLines(text) + "\n").utf8))
    }

    /// Prints the error and returns the exit to throw.
    static func fail(_ error: PipelineError) -> ExitCode {
        self.error(error.description)
        return ExitCode(error.exitStatus.rawValue)
    }

    /// Prints a line to stdout, made safe like every message (`MessageText.safe(_:)`): it names input files.
    static func out(_ text: String) { Swift.print(MessageText.safe(text)) }

    static func exit(_ status: ExitStatus) throws {
        if status != .success { throw ExitCode(status.rawValue) }
    }

    static func print(_ summary: IngestSummary) {
        for warning in summary.warnings { error(warning.description) }
        for file in summary.files {
            switch file.kind {
            case .loaded, .checked:
                var line =
                    "\(file.kind.rawValue) \(file.path) (\(file.source)): \(file.rowsRead) rows, \(file.facts) facts, \(file.rejectedCount) rejected"
                if let rows = file.controlTotals["rows.ignored"] {
                    line += ", \(rows) rows on unit codes the config ignores"
                }
                if file.replacedFacts > 0 { line += ", replaced \(file.replacedFacts) facts of earlier files" }
                out(line)
                for superseded in file.supersededFiles { out("  supersedes \(superseded)") }
                for (code, amount, rows) in file.unmappedByCode {
                    let name = code.isEmpty ? "(no unit object)" : "'\(MessageText.safe(code))'"
                    error(
                        "\(MessageText.safe(file.path)): warning: [unmapped-unit] unit code \(name) is not in the unit register: \(rows) rows, \(SwedishFormat.format(Rational(amount), decimals: 2, style: .message)) kept as unmapped"
                    )
                }
                for reject in file.rejects { error(reject.description) }
                if file.rejectedCount > file.rejects.count {
                    error(
                        "\(MessageText.safe(file.path)): \(file.rejectedCount - file.rejects.count) more rejected rows are in the warehouse (table rejectedRow)"
                    )
                }
            case .skipped:
                out("skipped \(file.path) (\(file.source)): \(file.failure?.message ?? "already loaded")")
            case .failed:
                out("FAILED \(file.path) (\(file.source)): not loaded")
                for finding in file.rejects.isEmpty ? [file.failure].compactMap({ $0 }) : file.rejects {
                    error(finding.description)
                }
            }
        }
        var totals =
            "\(summary.files.count) files: \(summary.loaded) loaded, \(summary.skipped) skipped, \(summary.failed) failed"
        if summary.rejectedRows > 0 { totals += ", \(summary.rejectedRows) rows rejected" }
        if summary.unmappedRows > 0 {
            totals += ", \(summary.unmappedRows) ledger rows on unit codes not in the register"
        }
        Swift.print(totals)
    }

    static func printReports(_ outcome: RenderOutcome) {
        let paths = outcome.writtenPaths
        var folders: [String] = []
        for path in paths {
            let folder = (path as NSString).deletingLastPathComponent
            if !folders.contains(folder) { folders.append(folder) }
        }
        for folder in folders {
            out("reports written to \(folder):")
            for path in paths where (path as NSString).deletingLastPathComponent == folder {
                out("  \((path as NSString).lastPathComponent)")
            }
        }
        for (request, disclosures) in outcome.withheld {
            out(
                "not published: \(request), \(disclosures.count) hidden values could be derived (see the data-quality page)"
            )
        }
        if !outcome.unchanged.isEmpty {
            Swift.print(
                "unchanged (inputs as last time): \(outcome.unchanged.map(\.description).joined(separator: ", "))")
        }
    }

    static func printPlan(_ requests: [ReportRequest]) {
        Swift.print("dry run: nothing was written")
        if requests.isEmpty {
            Swift.print("no report would be rendered")
        } else {
            Swift.print("would render: \(requests.map(\.description).joined(separator: ", "))")
        }
    }
}
