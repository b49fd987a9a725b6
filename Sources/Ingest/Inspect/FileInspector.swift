import Domain

/// Recognises an export file and describes it: `uppfoljning inspect`.
///
/// SIE files are recognised by a leading `#` label; anything else is read as a ledger CSV whose columns
/// are recognised by their header names (Swedish or English, any case). Reading never stops at the first
/// problem: every problem is listed.
package enum FileInspector {
    /// Header names recognised per logical ledger column.
    static let headerNames: [(column: String, names: [String])] = [
        ("date", ["datum", "bokföringsdatum", "bokforingsdatum", "transaktionsdatum", "date"]),
        ("period", ["period", "månad", "manad", "month"]),
        ("account", ["konto", "account"]),
        ("amount", ["belopp", "amount"]),
        ("unit", ["ansvar", "kostnadsställe", "kostnadsstalle", "resultatenhet", "unit"]),
    ]

    package enum Failure: Error, CustomStringConvertible {
        case unreadable(String)
        case unrecognised(String)

        package var description: String {
            switch self {
            case .unreadable(let text), .unrecognised(let text): return text
            }
        }
    }

    /// Inspects the file at `path`; `displayPath` is how messages name it.
    package static func inspect(path: String, displayPath: String) throws(Failure) -> Inspection {
        let first: [UInt8]
        do {
            let source = try FileByteSource(path: path)
            var buffer = [UInt8](repeating: 0, count: 4096)
            let count = try buffer.withUnsafeMutableBufferPointer { try source.read(into: $0) }
            first = Array(buffer[0..<count])
        } catch {
            throw .unreadable("\(displayPath): error: [unreadable] \(error)")
        }
        var start = first.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while start < first.count, [0x20, 0x09, 0x0D, 0x0A].contains(first[start]) { start += 1 }
        guard start < first.count else { throw .unrecognised("\(displayPath): error: [empty-file] the file is empty") }
        switch first[start] {
        case UInt8(ascii: "#"):
            return try sie(path: path, displayPath: displayPath)
        case UInt8(ascii: "<"):
            return try paxml(path: path, displayPath: displayPath)
        default:
            return try csv(path: path, displayPath: displayPath)
        }
    }

    static func sie(path: String, displayPath: String) throws(Failure) -> Inspection {
        let scan: SIEScan
        do {
            scan = try SIEScanner(file: displayPath).scan(try FileByteSource(path: path), onTransaction: { _ in })
        } catch {
            throw .unreadable("\(displayPath): error: [unreadable] \(error)")
        }
        var inspection = Inspection(
            format: "sie4", encoding: scan.encoding.rawValue, file: displayPath, bytes: scan.bytes)
        inspection.lines = scan.lines
        inspection.sieType = scan.sieType
        inspection.program = scan.program
        inspection.company = scan.company
        inspection.fiscalYears = scan.fiscalYears.map { .init(index: $0.index, start: $0.start, end: $0.end) }
        inspection.dimensions = scan.dimensions
        inspection.objects = scan.objects
        inspection.vouchers = scan.vouchers
        inspection.transactions = scan.transactions
        inspection.budgetRows = scan.budgetRows
        inspection.unbalancedVouchers = scan.unbalanced.map {
            .init(series: $0.series, number: $0.number, line: $0.line, difference: $0.difference.formatted(decimals: 2))
        }
        inspection.ksumma = scan.ksumma.label
        inspection.resultByAccountClass = scan.resultByAccountClass.mapValues { $0.formatted(decimals: 2) }
        inspection.totalsByAccountClass = scan.totalsByAccountClass.mapValues { $0.formatted(decimals: 2) }
        inspection.totalsByMonth = scan.totalsByMonth.mapValues { $0.formatted(decimals: 2) }
        inspection.problems = (scan.checkFindings + scan.rowFindings).map(\.description)
        return inspection
    }

    /// PAXml: record counts, distinct persons (a count only), hours per time code and month, scheduled hours.
    /// No id, name or personnummer is printed.
    static func paxml(path: String, displayPath: String) throws(Failure) -> Inspection {
        var byCode: [String: FixedDecimal] = [:]
        var byMonth: [String: FixedDecimal] = [:]
        var scheduled = FixedDecimal.zero
        var problems: [String] = []
        func problem(_ line: Int, _ rule: String, _ message: String) {
            problems.append(
                Finding(SourceLocation(file: displayPath, line: line), rule: rule, message: message).description)
        }
        let events = PAXmlEvents { record in
            switch record.kind {
            case .tidtrans:
                let code = record[.tidkod] ?? ""
                switch record.explicitHours() {
                case .failure(let failure)?:
                    problem(record.line, failure.rule, failure.message)
                case .success(let (month, hours))?:
                    byCode[code, default: .zero] += hours
                    byMonth[month.description, default: .zero] += hours
                case nil:
                    return
                }
            case .schema:
                for day in record.days {
                    if let invalid = record.invalid(day) {
                        problem(invalid.line, invalid.rule, invalid.message)
                        continue
                    }
                    scheduled += FixedDecimal(raw: day.hours)
                }
            case .person, .lonetrans:
                return
            }
        }
        let encoding: TextEncoding
        do {
            encoding = try events.parse(
                path: path, displayPath: displayPath,
                maxDecompressedBytes: IngestLimits.standard.maxDecompressedBytes)
        } catch {
            throw .unrecognised(error.finding.description)
        }
        let size = (try? FileByteSource(path: path))?.plainSize ?? 0
        var inspection = Inspection(format: "paxml", encoding: encoding.rawValue, file: displayPath, bytes: size)
        inspection.version = events.version
        inspection.records = events.counts
        inspection.persons = events.persons.count
        inspection.hoursByCode = byCode.mapValues { $0.description }
        inspection.hoursByMonth = byMonth.mapValues { $0.description }
        inspection.scheduledHours = scheduled.description
        inspection.rejected = problems.count
        inspection.problems = problems
        inspection.totalsByAccountClass = nil
        inspection.totalsByMonth = nil
        return inspection
    }

    static func csv(path: String, displayPath: String) throws(Failure) -> Inspection {
        var reader: CSVReader
        do {
            reader = try CSVReader(source: try FileByteSource(path: path))
            guard try reader.next() else {
                throw Failure.unrecognised("\(displayPath): error: [empty-file] the file is empty")
            }
        } catch let error as Failure {
            throw error
        } catch {
            throw .unreadable("\(displayPath): error: [unreadable] \(error)")
        }
        let header = reader.strings
        let fields = CSVHeader(header)
        var columns: [String: Int] = [:]
        for (column, names) in headerNames {
            if let index = fields.index(ofAny: names) { columns[column] = index }
        }
        let missing =
            ["account", "amount"].filter { columns[$0] == nil }
            + (columns["date"] == nil && columns["period"] == nil ? ["date"] : [])
        guard missing.isEmpty else {
            throw .unrecognised(
                MessageText.safe(
                    "\(displayPath):1: error: [unrecognised-header] not a ledger CSV: no column for \(missing.map { "'\($0)'" }.joined(separator: ", ")); \(MessageText.headerNotQuoted(fields: header.count))"
                ))
        }
        var inspection = Inspection(
            format: "ledger-csv", encoding: reader.encoding.rawValue, file: displayPath, bytes: 0)
        inspection.delimiter = reader.delimiter == 0x09 ? "tab" : String(UnicodeScalar(reader.delimiter))
        inspection.columns = columns.mapValues { header[$0] }
        // Totals under cheap keys (a file may have ten million rows); named at the end.
        var byDigit = [FixedDecimal](repeating: .zero, count: 10)
        var digitSeen = [Bool](repeating: false, count: 10)
        let byMonth = IntegerTable(capacity: 64)
        // Distinct unit codes: plain ASCII codes of up to seven bytes by their packed bytes, others by text.
        let packedUnits = IntegerTable()
        var units: Set<String> = []
        let (dateIndex, periodIndex) = (columns["date"], columns["period"])
        let (accountIndex, unitIndex) = (columns["account"] ?? 0, columns["unit"])
        var rows = 0
        var magnitude = AmountMagnitude()
        var outOfRange = false
        func problem(_ column: String?, _ rule: String, _ message: String) {
            let index = column.flatMap { columns[$0] }
            let location = SourceLocation(file: displayPath, line: reader.line, column: index.map { $0 + 1 })
            inspection.problems.append(
                Finding(location, rule: rule, message: (index.map { "column '\(header[$0])': " } ?? "") + message)
                    .description)
        }
        do {
            while try reader.next() {
                rows += 1
                guard reader.fieldCount == header.count else {
                    problem(nil, "field-count", "expected \(header.count) fields, found \(reader.fieldCount)")
                    continue
                }
                guard let amountIndex = columns["amount"],
                    let amount = reader.withField(amountIndex, { DecimalParser.parse($0) })
                else {
                    problem(
                        "amount", "amount-format",
                        "expected a decimal number, found '\(reader.string(columns["amount"] ?? 0))'")
                    continue
                }
                // Raw bytes first; the text (trimmed of no-break spaces too) only where they do not read.
                var month: Month?
                if let index = dateIndex {
                    month =
                        reader.withField(index) { Day(bytes: $0.trimmingSpaces)?.monthValue }
                        ?? Day(reader.string(index))?.monthValue
                } else if let index = periodIndex {
                    month = reader.withField(index) { Month(bytes: $0.trimmingSpaces) } ?? Month(reader.string(index))
                }
                guard let month else {
                    let column = dateIndex != nil ? "date" : "period"
                    problem(
                        column, "date-format",
                        "expected a date or period, found '\(reader.string(columns[column] ?? 0))'")
                    continue
                }
                var digit = reader.withField(accountIndex) { bytes -> Int? in
                    let trimmed = bytes.trimmingSpaces
                    guard let first = trimmed.first, first &- 0x30 <= 9, trimmed.count == 1 || trimmed[1] < 0x80 else {
                        return nil
                    }
                    return Int(first &- 0x30)
                }
                if digit == nil {
                    let account = reader.string(accountIndex)
                    guard let first = account.first, first.isASCII, let value = first.wholeNumberValue else {
                        problem("account", "account-format", "expected account digits, found '\(account)'")
                        continue
                    }
                    digit = value
                }
                guard !outOfRange, magnitude.admit(amount.raw) else {
                    if !outOfRange { problem("amount", "amount-range", AmountMagnitude.message) }
                    outOfRange = true
                    continue
                }
                if let digit {
                    byDigit[digit].raw &+= amount.raw
                    digitSeen[digit] = true
                }
                byMonth.add(UInt64(month.ordinal), amount.raw)
                if let index = unitIndex {
                    let packed = reader.withField(index) { bytes -> UInt64? in
                        let trimmed = bytes.trimmingSpaces
                        return trimmed.contains(where: { $0 >= 0x80 }) ? nil : LedgerBook.packed(trimmed)
                    }
                    if let packed {
                        packedUnits.set(packed, 1)
                    } else {
                        units.insert(reader.string(index))
                    }
                }
            }
        } catch {
            inspection.problems.append("\(displayPath):\(reader.line + 1): error: [unreadable] \(error)")
        }
        inspection.bytes = reader.bytesRead
        inspection.rows = rows
        inspection.units = unitIndex == nil ? nil : packedUnits.count + units.count
        var totalsByClass: [String: String] = [:]
        for digit in 0..<10 where digitSeen[digit] {
            totalsByClass[String(digit)] = byDigit[digit].formatted(decimals: 2)
        }
        inspection.totalsByAccountClass = totalsByClass
        var totalsByMonth: [String: String] = [:]
        byMonth.forEach { ordinal, raw in
            totalsByMonth[Month(ordinal: Int(ordinal)).description] = FixedDecimal(raw: raw).formatted(decimals: 2)
        }
        inspection.totalsByMonth = totalsByMonth
        return inspection
    }
}
