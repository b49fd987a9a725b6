import Domain
import Ingest
import Reports
import Warehouse

/// The exit codes of `uppfoljning`, documented in the README; the nightly job's operator acts on them.
package enum ExitStatus: Int32, Sendable, CaseIterable {
    /// Everything loaded and rendered.
    case success = 0
    /// Done, but rows were rejected or ledger amounts had unit codes the register lacks (stderr, the warehouse).
    case rejectedRows = 1
    /// The configuration (or the unit register) is wrong; nothing was touched.
    case configError = 2
    /// A source file failed its checks and was not loaded; other files were.
    case sourceFailed = 3
    /// Another run holds the lock.
    case locked = 4
    /// Something else failed (warehouse, templates, disk): a bug or the machine.
    case internalError = 70
}

/// Failures that stop a command, each mapped to an exit status. Each case wraps the typed error of the stage
/// that failed, so that the facts travel to the CLI and the wording stays where the stage keeps it.
package enum PipelineError: Error, Sendable, CustomStringConvertible {
    /// The config, the unit register or the templates they name are wrong (every problem listed).
    case config(ConfigError)
    /// The command line is wrong: an option's value, or a file it names.
    case usage(String)
    /// The warehouse cannot be opened, migrated, queried or locked.
    case warehouse(WarehouseError)
    /// Rendering or writing a report failed.
    case report(ReportError)
    /// A file named on the command line cannot be read or recognised.
    case source(FileInspector.Failure)
    /// Another run holds the warehouse lock.
    case locked(Finding)

    package var exitStatus: ExitStatus {
        switch self {
        case .config, .usage: return .configError
        case .warehouse, .report: return .internalError
        case .source: return .sourceFailed
        case .locked: return .locked
        }
    }

    package var description: String {
        switch self {
        // A config error lists one finding a line.
        case .config(let error): return MessageText.safeLines(error.description)
        case .usage(let text): return MessageText.safeLines(text)
        case .warehouse(let error): return MessageText.safeLines(error.description)
        case .report(let error): return MessageText.safeLines(error.description)
        case .source(let error): return MessageText.safeLines(error.description)
        case .locked(let finding): return finding.description
        }
    }
}
