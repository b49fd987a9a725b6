import Domain

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

/// Failures that stop a command, each mapped to an exit status.
package enum PipelineError: Error, Sendable, CustomStringConvertible {
    case config(String)
    case warehouse(String)
    case report(String)
    case usage(String)
    /// A file that cannot be read or recognised.
    case source(String)
    /// Another run holds the warehouse lock.
    case locked(String)

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
        case .config(let text), .warehouse(let text), .report(let text), .usage(let text), .source(let text),
            .locked(let text):
            // A config error lists one finding a line.
            return MessageText.safeLines(text)
        }
    }
}
