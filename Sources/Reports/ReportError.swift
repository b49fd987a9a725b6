/// Failures of rendering, with the template or output path.
package enum ReportError: Error, Sendable, CustomStringConvertible {
    case templateMissing(path: String)
    case templateSyntax(path: String, line: Int, column: Int, reason: String)
    case writeFailed(path: String, reason: String)
    /// A failure the renderer did not expect, in the words of the error that caused it.
    case unexpected(reason: String)

    package var description: String {
        switch self {
        case .templateMissing(let path): return "template '\(path)' not found"
        case .templateSyntax(let path, let line, let column, let reason):
            return "\(path):\(line):\(column): error: [template-syntax] \(reason)"
        case .writeFailed(let path, let reason): return "cannot write '\(path)': \(reason)"
        case .unexpected(let reason): return reason
        }
    }
}
