/// Why a configuration cannot be used. The run stops before it touches the warehouse.
package enum ConfigError: Error, Sendable, CustomStringConvertible {
    /// The config file (or a file it names) cannot be read.
    case unreadable(path: String, reason: String)
    /// The TOML does not parse.
    case syntax(path: String, line: Int, column: Int, reason: String)
    /// The TOML parses but keys or values are wrong; every problem is listed.
    case invalid([Finding])

    /// The findings, one per problem.
    package var findings: [Finding] {
        switch self {
        case .unreadable(let path, let reason):
            return [Finding(SourceLocation(file: path), rule: "config-unreadable", message: reason)]
        case .syntax(let path, let line, let column, let reason):
            return [
                Finding(
                    SourceLocation(file: path, line: line, column: column), rule: "config-syntax",
                    message: reason)
            ]
        case .invalid(let findings):
            return findings
        }
    }

    package var description: String { findings.map(\.description).joined(separator: "\n") }
}
