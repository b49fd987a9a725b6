/// What is wrong with an input, a config or a command, as facts: the typed diagnostics that readers, the
/// config loader and the pipeline report, shared so that one problem has one wording wherever it is found.
///
/// A diagnostic carries the facts (a count, a code, a month); its rule id is below, and every wording is in
/// `Diagnostic+Wording.swift`, the one file that says how the tool words its messages. A `Finding` is a
/// diagnostic placed in a file, line and column (`Finding.init(_:_:severity:)`). The messages docs and the
/// README quote are checked against this catalogue (`DocumentedMessagesTests`).
package enum Diagnostic: Hashable, Sendable {
    // MARK: Files

    /// A CSV file without even a header line.
    case emptyFile
    /// The header line holds control characters: a binary file.
    case headerNotText
    /// The header line does not decode in the declared (or detected) encoding.
    case headerEncoding(declared: TextEncoding?)
    /// Mapped columns the header lacks: each as the header name and its logical column.
    case missingColumns([MissingColumn], headerFields: Int)
    /// A SIE file that does not start with a `#` record.
    case notSIE
    /// A line past the line reader's limit (bytes) in a SIE file.
    case lineTooLong(limit: Int)
    /// The file's sums pass `FixedDecimal`'s range.
    case valueOverflow
    /// Data for months after the latest month the run may hold (the first three listed, `more` for others).
    case futureMonth(months: [Month], latest: Month)
    /// Data for months before `[report] earliest_year`.
    case earlyMonth(months: [Month], earliestYear: Int)
    /// A gzip stream cut before its end marker.
    case gzipTruncated
    /// An inbox entry that is a symbolic link.
    case symbolicLink

    // MARK: Rows

    /// A row whose field count differs from the header's.
    case fieldCount(expected: Int, found: Int)
    /// A month cell that is no month.
    case monthFormat(found: String)
    /// A date cell that is no date.
    case dateFormat(found: String)
    /// A unit code the register does not have.
    case unknownUnit(key: SourceDefinition.UnitKey, code: String)
    /// A row of a unit outside its validity; `object` is the ledger object when it differs from the unit id.
    case unitNotValid(unit: String, object: String?, period: String, validFrom: Day?, validTo: Day?)
    /// An empty unit cell.
    case missingUnitCode
    /// A survey share whose count of positive respondents passes the range.
    case respondentsOverflow(share: FixedDecimal, respondents: Int)

    // MARK: Config

    /// A value outside the allowed ones, e.g. `expected 'sum', 'mean', 'last' or 'median', found 'medel'`.
    case unexpectedValue(expected: String, found: String)

    /// A `[columns]` key the source's kind requires, not given.
    case requiredColumn(kind: String)

    // MARK: Runs

    /// Another run holds the warehouse lock.
    case locked(holder: String)
    /// A file named on the command line does not exist.
    case noSuchFile
    /// A file named on the command line is in no source's inbox.
    case noSource(inboxes: [String])

    /// A mapped column the header lacks.
    package struct MissingColumn: Hashable, Sendable {
        /// The column's name in the config (the header it should have).
        package let header: String
        /// The logical column (`unit`, `amount` …).
        package let logical: String

        package init(header: String, logical: String) {
            self.header = header
            self.logical = logical
        }
    }

    /// The rule id a finding of the diagnostic carries: short, kebab-case, stable (scripts match on it).
    package var rule: String {
        switch self {
        case .emptyFile: return "empty-file"
        case .headerNotText: return "not-text"
        case .headerEncoding: return "encoding"
        case .missingColumns: return "missing-column"
        case .notSIE: return "not-sie"
        case .lineTooLong: return "line-too-long"
        case .valueOverflow, .respondentsOverflow: return "value-overflow"
        case .futureMonth: return "future-month"
        case .earlyMonth: return "month-range"
        case .gzipTruncated: return "truncated"
        case .symbolicLink: return "symlink"
        case .fieldCount: return "field-count"
        case .monthFormat: return "month-format"
        case .dateFormat: return "date-format"
        case .unknownUnit: return "unknown-unit"
        case .unitNotValid: return "unit-not-valid"
        case .missingUnitCode: return "missing-unit"
        case .unexpectedValue: return "config-value"
        case .requiredColumn: return "config-missing"
        case .locked: return "locked"
        case .noSuchFile: return "no-such-file"
        case .noSource: return "no-source"
        }
    }
}

extension Diagnostic {
    /// A row of `enhet` outside its validity in `period` (a month or a year); `object` is the ledger object when
    /// it differs from the unit id.
    package static func unitNotValid(_ enhet: Enhet, object: String?, period: String) -> Diagnostic {
        .unitNotValid(
            unit: enhet.id, object: object, period: period, validFrom: enhet.validFrom, validTo: enhet.validTo)
    }
}

extension Finding {
    /// A diagnostic found at `location`, with an optional `prefix` naming the column or element (`column
    /// 'Belopp': `).
    package init(_ location: SourceLocation, _ diagnostic: Diagnostic, severity: Severity = .error, prefix: String = "")
    {
        self.init(location, rule: diagnostic.rule, severity: severity, message: prefix + diagnostic.message)
    }
}
