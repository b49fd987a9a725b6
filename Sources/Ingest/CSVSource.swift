import Domain

/// Opens a configured CSV source file and finds its mapped columns in the header.
///
/// Shared by every CSV reader so delimiter, encoding and header rules are the same everywhere.
struct CSVSource {
    var reader: CSVReader
    /// Logical column (`unit`, `amount`, …) and its 0-based field index. A list, not a dictionary: row
    /// loops look columns up several times per row, and comparing a few short names is cheaper than
    /// hashing one.
    private let columns: [(logical: String, index: Int)]
    /// Header name as written in the file, per field index.
    let header: [String]
    let file: String

    init(path: String, displayPath: String, definition: SourceDefinition, wanted: [String: String])
        throws(FileRejection)
    {
        file = displayPath
        let location = SourceLocation(file: displayPath)
        do {
            let bytes = try FileByteSource(path: path, maxDecompressedBytes: definition.limits.maxDecompressedBytes)
            reader = try CSVReader(source: bytes, delimiter: definition.delimiter, encoding: definition.encoding)
            guard try reader.next() else {
                throw FileRejection(Finding(location, .emptyFile))
            }
        } catch let error as FileRejection {
            throw error
        } catch let error as CSVReadError {
            throw FileRejection(
                Finding(
                    SourceLocation(file: displayPath, line: error.line), rule: error.rule, message: error.description))
        } catch {
            throw FileRejection(Finding(location, rule: "unreadable", message: "\(error)"))
        }
        header = reader.strings
        if header.contains(where: { name in name.unicodeScalars.contains { $0.value < 0x20 && $0 != "\t" } }) {
            throw FileRejection(Finding(SourceLocation(file: displayPath, line: 1), .headerNotText))
        }
        if header.contains(where: { $0.contains("\u{FFFD}") }) {
            throw FileRejection(
                Finding(SourceLocation(file: displayPath, line: 1), .headerEncoding(declared: definition.encoding)))
        }
        let names = CSVHeader(header)
        var found: [String: Int] = [:]
        var missing: [Diagnostic.MissingColumn] = []
        for (logical, name) in wanted.sorted(by: { $0.key < $1.key }) {
            if let index = names.index(of: name) {
                found[logical] = index
            } else {
                missing.append(Diagnostic.MissingColumn(header: name, logical: logical))
            }
        }
        if !missing.isEmpty {
            throw FileRejection(
                Finding(
                    SourceLocation(file: displayPath, line: 1), .missingColumns(missing, headerFields: header.count)))
        }
        columns = found.map { ($0.key, $0.value) }
    }

    /// The field index of a logical column, if the file has it.
    @inline(__always)
    func columnIndex(_ logical: String) -> Int? {
        for entry in columns where entry.logical == logical { return entry.index }
        return nil
    }

    /// A reader of another part of the same file, with the header already known.
    init(reader: CSVReader, like other: CSVSource) {
        self.reader = reader
        self.columns = other.columns
        self.header = other.header
        self.file = other.file
    }

    /// Reads every data row into `result`: counts it, rejects a row with the wrong number of fields, and
    /// otherwise rejects it with what `body` returns (`nil` = accepted). The one loop of the row readers.
    ///
    /// - Throws: `FileRejection` when the stream breaks (an overlong record, a corrupt gzip stream).
    mutating func forEachRow(into result: inout ReadResult, _ body: (CSVSource) -> Finding?) throws(FileRejection) {
        result.encoding = reader.encoding
        while true {
            do {
                guard try reader.next() else { return }
            } catch {
                throw FileRejection(
                    Finding(SourceLocation(file: file, line: error.line), rule: error.rule, message: error.description))
            }
            result.rowsRead += 1
            if let finding = fieldCountFinding() ?? body(self) { result.rejects.append(finding) }
        }
    }

    /// A finding for the current row.
    func reject(_ logical: String?, rule: String, _ message: String) -> Finding {
        let index = logical.flatMap { columnIndex($0) }
        let prefix = index.map { "column '\(header[$0])': " } ?? ""
        return Finding(
            SourceLocation(file: file, line: reader.line, column: index.map { $0 + 1 }), rule: rule,
            message: prefix + message)
    }

    /// A diagnostic of the catalogue for the current row, placed in a logical column.
    func reject(_ logical: String?, _ diagnostic: Diagnostic) -> Finding {
        reject(logical, rule: diagnostic.rule, diagnostic.message)
    }

    /// The trimmed text of a logical column in the current row.
    func string(_ logical: String) -> String? { columnIndex(logical).map { reader.string($0) } }

    /// Checks the row has as many fields as the header.
    func fieldCountFinding() -> Finding? {
        guard reader.fieldCount != header.count else { return nil }
        return Finding(
            SourceLocation(file: file, line: reader.line), .fieldCount(expected: header.count, found: reader.fieldCount)
        )
    }

    /// The month of the current row from a `month`/`period` (YYYY-MM, YYYYMM) or `date` (YYYY-MM-DD, YYYYMMDD) column.
    func month(monthColumn: String, dateColumn: String) -> Result<Month, Finding> {
        if let text = string(monthColumn) {
            if let month = Month(text) { return .success(month) }
            return .failure(reject(monthColumn, .monthFormat(found: text)))
        }
        let text = string(dateColumn) ?? ""
        if let day = Day(text) { return .success(day.monthValue) }
        return .failure(reject(dateColumn, .dateFormat(found: text)))
    }

    /// Like `month(monthColumn:dateColumn:)` but parsing the raw bytes; strings are made only for a message.
    func monthFromBytes(monthColumn: String, dateColumn: String) -> Result<Month, Finding> {
        if let index = columnIndex(monthColumn) {
            if let month = reader.withField(index, { Month(bytes: $0.trimmingSpaces) }) { return .success(month) }
        } else if let index = columnIndex(dateColumn) {
            if let day = reader.withField(index, { Day(bytes: $0.trimmingSpaces) }) {
                return .success(day.monthValue)
            }
        }
        return month(monthColumn: monthColumn, dateColumn: dateColumn)
    }

    /// A decimal number from a logical column.
    func decimal(_ logical: String) -> FixedDecimal? {
        guard let index = columnIndex(logical) else { return nil }
        return reader.withField(index) { DecimalParser.parse($0) }
    }

    /// Looks up the unit of the current row and checks it delivers in `month`.
    func enhet(code: String, month: Month, units: UnitIndex, key: SourceDefinition.UnitKey) -> Result<Enhet, Finding> {
        registered(code, units: units, key: key).flatMap {
            $0.isValid(in: month) ? .success($0) : .failure(notValid($0, month: month))
        }
    }

    /// Looks up the unit of the current row and checks it delivers in at least one month of `year`: for a
    /// figure of the whole year, which a unit open part of the year has too.
    func enhet(code: String, year: Int, units: UnitIndex, key: SourceDefinition.UnitKey) -> Result<Enhet, Finding> {
        registered(code, units: units, key: key).flatMap {
            $0.isValid(inAnyOf: Period.year(year).months) ? .success($0) : .failure(notValid($0, period: String(year)))
        }
    }

    /// The unit of a code in the register, or the row's rejection.
    private func registered(_ code: String, units: UnitIndex, key: SourceDefinition.UnitKey) -> Result<Enhet, Finding> {
        guard let enhet = units.enhet(for: code, key: key) else {
            return .failure(reject("unit", .unknownUnit(key: key, code: code)))
        }
        return .success(enhet)
    }

    /// The finding for a row of a unit that does not deliver in `month`.
    func notValid(_ enhet: Enhet, month: Month) -> Finding { notValid(enhet, period: month.description) }

    /// The finding for a row of a unit that does not deliver in `period` (a month or a year).
    func notValid(_ enhet: Enhet, period: String) -> Finding {
        reject("unit", .unitNotValid(enhet, object: nil, period: period))
    }
}
