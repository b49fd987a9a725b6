/// Where in an input a problem was found: a file, a 1-based line, and a column or key where known.
package struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    package let file: String
    package let line: Int?
    package let column: Int?
    /// A key path (config) or column name (CSV) when that says more than a number.
    package let key: String?

    package init(file: String, line: Int? = nil, column: Int? = nil, key: String? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.key = key
    }

    package var description: String {
        var text = MessageText.safe(file)
        if let line {
            text += ":\(line)"
            if let column { text += ":\(column)" }
        }
        return text
    }
}

/// How bad a finding is.
package enum Severity: String, Sendable, Comparable {
    case warning
    case error

    package static func < (lhs: Severity, rhs: Severity) -> Bool { lhs == .warning && rhs == .error }
}

/// One problem in input data or configuration: where, which rule, how bad, and what.
///
/// Readers collect findings instead of throwing, so one bad row never hides the next. The text form is
/// the one message format of the whole tool:
/// `inbox/ekonomi/2025-03.csv:14:3: error: [amount-format] column 'Belopp': expected a decimal number, found '12,3,4'`.
package struct Finding: Hashable, Sendable, CustomStringConvertible {
    package let location: SourceLocation
    /// A short kebab-case rule id, e.g. `unknown-unit`.
    package let rule: String
    package let severity: Severity
    /// Lowercase start, no final period, values quoted; made safe with `MessageText.safe(_:)` (personnummer
    /// masked, control characters escaped) when the finding is made, so no copy of it carries the raw text.
    package let message: String

    package init(_ location: SourceLocation, rule: String, severity: Severity = .error, message: String) {
        self.location = location
        self.rule = rule
        self.severity = severity
        self.message = MessageText.safe(message)
    }

    package var description: String { "\(location): \(severity.rawValue): [\(MessageText.safe(rule))] \(message)" }

    /// The message as stored with a rejected row and published: without the cell's values
    /// (`MessageText.withoutValues(_:)`).
    package var storedMessage: String { MessageText.withoutValues(message) }

    /// The same finding `lines` lines further down its file: what a part of a file read from its middle
    /// found, placed in the whole file.
    package func movedDown(_ lines: Int) -> Finding {
        Finding(
            SourceLocation(
                file: location.file, line: location.line.map { $0 + lines }, column: location.column,
                key: location.key),
            rule: rule, severity: severity, message: message)
    }
}

/// A finding can travel as the failure of a `Result` where a row is either usable or rejected.
extension Finding: Error {}

extension Result {
    /// The success value, or `nil` for a failure.
    package var value: Success? {
        if case .success(let value) = self { return value }
        return nil
    }
}
