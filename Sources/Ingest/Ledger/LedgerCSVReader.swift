import Domain

/// Reads a ledger export as CSV into monthly cost and revenue facts per unit.
///
/// Each row has a date (or period), a unit code (ansvar), an account and an amount (decimal comma or
/// point, thousands spaces, `−`). `LedgerBook` maps the row; see there for the control totals.
///
/// A large uncompressed file is split at line boundaries into parts of about 32 MB, read on all cores;
/// when a part meets a quoted field (which may span lines, so the split may have cut a record) the file
/// is read again in one piece. The result is the same either way.
package struct LedgerCSVReader {
    let definition: SourceDefinition
    let units: UnitIndex
    let enheter: [Enhet]
    let mapping: LedgerMapping
    /// Files at least this large are read in parts on all cores. The default is 16 MB.
    var parallelThreshold = 16 << 20
    /// Whether plain rows take `LedgerLineScanner`'s fast path; tests turn it off to compare.
    var lineScanner = true

    package init(definition: SourceDefinition, units: UnitIndex, enheter: [Enhet], mapping: LedgerMapping) {
        self.definition = definition
        self.units = units
        self.enheter = enheter
        self.mapping = mapping
    }

    /// What reading one part of a file gave.
    struct Part {
        var rowsRead = 0
        var rejects: RejectedRows
        var book: LedgerBook
        var lines = 0
        var quoted = false
    }

    package func read(path: String, displayPath: String) throws(FileRejection) -> ReadResult {
        var csv = try CSVSource(
            path: path, displayPath: displayPath, definition: definition, wanted: definition.columns)
        var result = ReadResult(keepingRejects: definition.limits.rejectedRowsKept)
        result.encoding = csv.reader.encoding
        let size = (try? FileByteSource(path: path))?.plainSize
        if let size, size >= parallelThreshold, let part = try readInParts(path: path, size: size, header: csv) {
            try finish(part, displayPath: displayPath, into: &result)
            return result
        }
        var part = newPart(encoding: csv.reader.encoding)
        try process(&csv, into: &part)
        try finish(part, displayPath: displayPath, into: &result)
        return result
    }

    /// An empty part that keeps the configured number of rejected rows per rule.
    func newPart(encoding: TextEncoding) -> Part {
        Part(rejects: RejectedRows(keepPerRule: definition.limits.rejectedRowsKept), book: newBook(encoding: encoding))
    }

    func newBook(encoding: TextEncoding) -> LedgerBook {
        LedgerBook(units: units, enheter: enheter, mapping: mapping, unitKey: definition.unitKey, encoding: encoding)
    }

    func finish(_ part: Part, displayPath: String, into result: inout ReadResult) throws(FileRejection) {
        guard !part.book.outOfRange else {
            throw FileRejection(
                Finding(SourceLocation(file: displayPath), rule: "amount-range", message: AmountMagnitude.message))
        }
        result.rowsRead = part.rowsRead
        result.rejects = part.rejects
        part.book.finish(into: &result)
    }

    /// Bytes per part when a file is read in parts. The default is 32 MB.
    var partBytes = 32 << 20

    /// Reads the data rows after the header in byte ranges of about `partBytes` each, on as many threads as
    /// there are cores; `nil` when a quoted field was seen and the file must be read in one piece.
    ///
    /// More parts than cores, because a thread that shares its core (with the hash of the file, say) reads
    /// fewer of them: each core takes the next part when it is done with one, and both finish together.
    func readInParts(path: String, size: Int, header: CSVSource) throws(FileRejection) -> Part? {
        guard
            let ranges = FileParts.ranges(
                from: header.reader.consumedBytes, to: size, partBytes: partBytes,
                boundary: { Self.lineStart(after: $0, in: path, size: size) })
        else { return nil }
        let reader = self
        nonisolated(unsafe) let header = header
        let parts = try FileParts.read(ranges) { _, range throws(FileRejection) -> Part in
            do {
                let source = try FileByteSource(path: path, range: range)
                let csvReader = try CSVReader(
                    source: source, delimiter: header.reader.delimiter, encoding: header.reader.encoding)
                var csv = CSVSource(reader: csvReader, like: header)
                var part = reader.newPart(encoding: header.reader.encoding)
                try reader.process(&csv, into: &part)
                return part
            } catch let error as FileRejection {
                throw error
            } catch {
                throw FileRejection(Finding.unreadable(header.file, error))
            }
        }
        guard !parts.contains(where: \.quoted) else { return nil }
        // Line numbers of each part count from its start: shift them past the header and the parts before.
        var combined = newPart(encoding: header.reader.encoding)
        var offset = 1
        for part in parts {
            combined.rejects.append(contentsOf: part.rejects, movedDown: offset)
            combined.rowsRead += part.rowsRead
            combined.book.merge(part.book)
            offset += part.lines
        }
        return combined
    }

    /// The offset just after the first line break at or after `offset`, or `nil` at the end of the file.
    static func lineStart(after offset: Int, in path: String, size: Int) -> Int? {
        guard let source = try? FileByteSource(path: path, range: offset..<size) else { return nil }
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        var position = offset
        while true {
            guard let count = try? buffer.withUnsafeMutableBufferPointer({ try source.read(into: $0) }), count > 0
            else {
                return nil
            }
            if let index = buffer[0..<count].firstIndex(of: 0x0A) { return position + index + 1 }
            position += count
        }
    }

    /// Reads every remaining row of `csv` into `part`.
    func process(_ csv: inout CSVSource, into part: inout Part) throws(FileRejection) {
        let amountColumn = csv.columnIndex("amount") ?? 0
        let accountColumn = csv.columnIndex("account") ?? 0
        let unitColumn = csv.columnIndex("unit") ?? 0
        let dateColumn = csv.columnIndex("date")
        let periodColumn = dateColumn == nil ? csv.columnIndex("period") : nil
        let fieldCount = csv.header.count
        let scanner =
            lineScanner
            ? LedgerLineScanner(delimiter: csv.reader.delimiter, fieldCount: fieldCount, column: csv.columnIndex) : nil
        defer {
            part.lines = csv.reader.linesConsumed
            part.quoted = csv.reader.quotedRecords > 0
        }
        while true {
            do {
                if let scanner {
                    let book = part.book
                    var rows = 0
                    while try csv.reader.takeLines({ bytes in
                        let taken = scanner.scan(bytes, into: book)
                        rows += taken.rows
                        return (taken.bytes, taken.lines)
                    }) {}
                    part.rowsRead += rows
                }
                guard try csv.reader.next() else { break }
            } catch {
                throw FileRejection(
                    Finding(
                        SourceLocation(file: csv.file, line: error.line), rule: error.rule, message: error.description))
            }
            part.rowsRead += 1
            // A row the line scanner did not take: posted from the raw fields when they read (thousands
            // spaces, an unknown unit, a quoted field …); anything malformed falls through to the path below,
            // which names the problem.
            let fast: LedgerBook.Outcome? = csv.reader.withRawFields { base, starts, ends in
                guard starts.count == fieldCount else { return nil }
                func field(_ index: Int) -> UnsafeBufferPointer<UInt8> {
                    UnsafeBufferPointer(start: base + starts[index], count: ends[index] - starts[index])
                }
                var month: Month?
                if let dateColumn {
                    month = Day(bytes: field(dateColumn).trimmingSpaces)?.monthValue
                } else if let periodColumn {
                    month = Month(bytes: field(periodColumn).trimmingSpaces)
                }
                let account = field(accountColumn).trimmingSpaces
                guard let month, let amount = DecimalParser.parse(field(amountColumn)), amount.raw % 100 == 0,
                    LedgerBook.isAccount(account)
                else { return nil }
                return part.book.post(code: field(unitColumn), account: account, month: month, amount: amount)
            }
            switch fast {
            case .fact, .excluded, .unmapped, .ignored: continue
            case .noUnit:
                part.rejects.append(
                    csv.reject("unit", .missingUnitCode))
                continue
            case .notValid(let unit):
                let enhet = part.book.enhet(at: unit)
                let month = csv.monthFromBytes(monthColumn: "period", dateColumn: "date").value ?? Month(ordinal: 0)
                part.rejects.append(csv.notValid(enhet, month: month))
                continue
            case nil: break
            }
            if let finding = csv.fieldCountFinding() {
                part.rejects.append(finding)
                part.book.unparsable += 1
                continue
            }
            guard let amount = csv.reader.withField(amountColumn, { DecimalParser.parse($0) }), amount.raw % 100 == 0
            else {
                let text = csv.string("amount") ?? ""
                let expected = csv.decimal("amount") == nil ? "a decimal number" : "at most two decimals"
                part.rejects.append(
                    csv.reject("amount", rule: "amount-format", "expected \(expected), found '\(text)'"))
                part.book.unparsable += 1
                continue
            }
            switch csv.monthFromBytes(monthColumn: "period", dateColumn: "date") {
            case .success:
                let account = csv.string("account") ?? ""
                part.rejects.append(
                    csv.reject("account", rule: "account-format", "expected account digits, found '\(account)'"))
            case .failure(let finding):
                part.rejects.append(finding)
            }
            part.book.reject(amount: amount)
        }
    }
}
