/// How the tool words every diagnostic: one place, so that one problem reads the same wherever it is found
/// and docs can quote it (`DocumentedMessagesTests` checks every quoted message against this file).
///
/// Style: lowercase start, no final period, values quoted with `'…'`, what is wrong first and what it means
/// or what to do after a colon or semicolon.
extension Diagnostic {
    /// The message, without location, severity or rule.
    package var message: String {
        switch self {
        case .emptyFile:
            return "the file has no header line"
        case .headerNotText:
            return "the header line holds control characters: the file is not a text export"
        case .headerEncoding(let declared):
            let named = declared.map { "encoding = \"\($0.rawValue)\"" } ?? "the detected encoding"
            return
                "the header line is not valid text in \(named): the file has another encoding (try encoding = \"auto\" or \"windows-1252\")"
        case .missingColumns(let missing, let fields):
            let names = missing.map { "'\($0.header)' (\($0.logical))" }.joined(separator: ", ")
            return "column \(names) not found in the header; \(MessageText.headerNotQuoted(fields: fields))"
        case .notSIE:
            return "the file does not start with a SIE record (#FLAGGA, #SIETYP …): not a SIE 4 export"
        case .lineTooLong(let limit):
            return "the line is longer than \(limit) bytes: the file is not a SIE 4 export, or it is damaged"
        case .valueOverflow:
            return
                "the file's values sum past \(Self.range) (for one unit and month, or in all): not loaded; check the values"
        case .futureMonth(let months, let latest):
            return
                "the file has data for \(Self.list(months)), after the run's month \(latest): not loaded; correct the dates (first: \(Self.first(months)))"
        case .earlyMonth(let months, let earliest):
            return
                "the file has data for \(Self.list(months)), before [report] earliest_year \(earliest): not loaded; correct the dates (first: \(Self.first(months)))"
        case .gzipTruncated:
            return "the gzip stream ends before its end marker: the file is cut short and is not loaded"
        case .symbolicLink:
            return "the file is a symbolic link: links are not followed, only regular files are read"
        case .fieldCount(let expected, let found):
            return "expected \(expected) fields, found \(found)"
        case .monthFormat(let found):
            return "expected YYYY-MM or YYYYMM, found '\(found)'"
        case .dateFormat(let found):
            return "expected YYYY-MM-DD or YYYYMMDD, found '\(found)'"
        case .unknownUnit(let key, let code):
            return "\(key.label) '\(code)' is not in the unit register"
        case .unitNotValid(let unit, let object, let period, let from, let to):
            let named = object.map { "unit '\(unit)' (object '\($0)')" } ?? "unit '\(unit)'"
            return
                "\(named) is not valid in \(period) (valid \(from.map(\.description) ?? "…") to \(to.map(\.description) ?? "…"))"
        case .missingUnitCode:
            return "expected a unit code, found an empty cell"
        case .respondentsOverflow(let share, let respondents):
            return
                "\(share) % of \(respondents) respondents passes \(Self.range): expected a plausible number of respondents"
        case .unexpectedValue(let expected, let found):
            return "expected \(expected), found '\(found)'"
        case .requiredColumn(let kind):
            return "required for a \(kind) source, not found"
        case .locked(let holder):
            return "another run holds the warehouse lock (\(holder)); this run does nothing"
        case .noSuchFile:
            return "the file does not exist"
        case .noSource(let inboxes):
            return "no source's inbox matches the file; inboxes: \(inboxes.map { "'\($0)'" }.joined(separator: ", "))"
        }
    }

    /// What an id may hold, as messages say it: `unexpectedValue(expected: Diagnostic.identifierCharacters, …)`.
    package static let identifierCharacters = "letters, digits, '_' or '-'"

    /// The range of `FixedDecimal` as messages name it.
    static let range = "±922 337 203 685 477"

    /// Allowed values quoted and listed as messages list them: `'sum', 'mean', 'last' or 'median'`.
    package static func alternatives(_ values: [String]) -> String {
        let quoted = values.map { "'\($0)'" }
        guard quoted.count > 1, let last = quoted.last else { return quoted.first ?? "" }
        return quoted.dropLast().joined(separator: ", ") + " or " + last
    }

    /// Up to three months, then `…`.
    static func list(_ months: [Month]) -> String {
        months.prefix(3).map(\.description).joined(separator: ", ") + (months.count > 3 ? ", …" : "")
    }

    /// The first month, or `…` for none.
    static func first(_ months: [Month]) -> String { months.first.map(\.description) ?? "…" }
}
