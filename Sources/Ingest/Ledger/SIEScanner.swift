import CZlib
import Domain

/// Which part of a file a scan reads: the whole file, the first part of a split, or a part that continues
/// one (no header of its own; the encoding is the first part's).
enum Part: Equatable {
    case whole
    case first
    /// `checksum`: whether a `#KSUMMA` record comes before the part, so it may start inside the
    /// checksum region.
    case continuation(TextEncoding, checksum: Bool)

    var isContinuation: Bool {
        if case .continuation = self { return true }
        return false
    }
}

/// One counted `#TRANS` (or `#PBUDGET`) row, handed to the consumer of a scan. Its bytes are valid during
/// the call.
struct SIEEntry {
    let account: UnsafeBufferPointer<UInt8>
    /// The object of the scanner's dimension, or `nil` when the row has none.
    let code: UnsafeBufferPointer<UInt8>?
    let amount: FixedDecimal
    let month: Month
    let line: Int
    /// The file's encoding, in which `code` and `account` are written.
    let encoding: TextEncoding
}

/// Streams a SIE 4 file (types 1–4, E and I): detects the encoding, splits records, counts, verifies
/// voucher balance and `#KSUMMA`, sums totals, and hands every `#TRANS` and `#PBUDGET` row to the caller.
///
/// Memory is bounded by the longest line. `#RTRANS` rows are skipped (each is followed by the identical
/// `#TRANS` for older readers) and `#BTRANS` rows are not part of the balance. A transaction's own date
/// wins over its voucher's date.
struct SIEScanner {
    let file: String
    /// The dimension whose object each entry carries as its `code`: the unit dimension.
    var dimension: [UInt8] = Array("1".utf8)
    /// Whether common `#TRANS` lines take `SIETransLine`'s fast path; tests turn it off to compare.
    var transFastPath = true

    /// Guesses the encoding from the start of a file, as FORMATS.md describes: a BOM, or valid UTF-8 with
    /// bytes ≥ 0x80, means UTF-8; otherwise CP437's å ä ö Å Ä Ö bytes are counted against Latin-1's.
    static func detectEncoding(_ prefix: UnsafeBufferPointer<UInt8>) -> TextEncoding {
        if prefix.count >= 3, prefix[0] == 0xEF, prefix[1] == 0xBB, prefix[2] == 0xBF { return .utf8 }
        guard prefix.contains(where: { $0 >= 0x80 }) else { return .cp437 }
        if TextEncoding.isValidUTF8(prefix, allowTruncatedEnd: true) { return .utf8 }
        var cp437 = 0
        var latin = 0
        for b in prefix {
            switch b {
            case 0x86, 0x84, 0x94, 0x8F, 0x8E, 0x99: cp437 += 1
            case 0xE5, 0xE4, 0xF6, 0xC5, 0xC4, 0xD6: latin += 1
            default: break
            }
        }
        return latin > cp437 ? .iso885915 : .cp437
    }

    /// Scans the whole stream.
    ///
    /// - Parameters:
    ///   - onTransaction: called for each counted `#TRANS` with a valid amount and month.
    ///   - onBudget: called for each `#PBUDGET` of the current year (index 0).
    /// - Throws: `InputFileError` when the stream cannot be read, or a line exceeds 1 MiB.
    func scan<Source: ByteSource>(
        _ source: Source, part: Part = .whole, onTransaction: (SIEEntry) -> Void,
        onBudget: (SIEEntry) -> Void = { _ in }
    ) throws -> SIEScan {
        var scan = SIEScan()
        var reader = try LineReader(source: source)
        if case .continuation(let encoding, _) = part {
            scan.encoding = encoding
        } else {
            scan.encoding = reader.withBuffered { Self.detectEncoding($0) }
        }
        if scan.encoding == .utf8 {
            let bom = reader.withBuffered { $0.count >= 3 && $0[0] == 0xEF && $0[1] == 0xBB && $0[2] == 0xBF }
            if bom { reader.skip(3) }
        }
        let record = SIERecord(maxLineBytes: reader.maxLineBytes)
        var state = VoucherState()
        // Per-row totals under cheap keys; turned into the scan's string-keyed maps at the end.
        var classTotals = [FixedDecimal](repeating: .zero, count: 10)
        var classSeen = [Bool](repeating: false, count: 10)
        let monthTotals = IntegerTable(capacity: 64)
        var crc: uLong = 0
        // A continuation starts possibly inside the checksum region: it sums its records up to a closing
        // marker and leaves the verdict to the caller, who combines the CRCs.
        var inChecksum = false
        if case .continuation(_, checksum: true) = part { inChecksum = true }
        let startedInChecksum = inChecksum
        let dimension = self.dimension
        // Fixed storage: an array used inside the per-line closure is retained and released on every line.
        let dimensionBytes = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: dimension.count)
        _ = dimensionBytes.initialize(from: dimension)
        defer { dimensionBytes.deallocate() }
        let wanted = UnsafeBufferPointer(dimensionBytes)
        let fastPath = transFastPath
        var checksumBytes = 0
        let encoding = scan.encoding
        func text(_ index: Int) -> String {
            record.withText(index) { encoding.decode($0) }
        }
        func finding(_ line: Int, _ rule: String, _ message: String) -> Finding {
            Finding(SourceLocation(file: file, line: line), rule: rule, message: message)
        }
        /// Counts a `#TRANS` amount in its voucher's balance and the totals by account class, on either
        /// path; `false` once the file's amounts have passed the range (the file is refused, its vouchers
        /// no longer checked).
        func count(_ amount: FixedDecimal, account: UnsafeBufferPointer<UInt8>) -> Bool {
            guard scan.admit(amount, file: file) else {
                state.invalid = true
                return false
            }
            state.sum.raw &+= amount.raw
            guard let first = account.first else { return true }
            if first &- 0x30 <= 9 {
                classTotals[Int(first &- 0x30)].raw &+= amount.raw
                classSeen[Int(first &- 0x30)] = true
            } else {
                scan.totalsByAccountClass[String(UnicodeScalar(first)), default: .zero] += amount
            }
            return true
        }
        /// The object of the unit dimension in the record's object list, if it has one.
        func code(_ objectsField: Int?) -> UnsafeBufferPointer<UInt8>? {
            objectsField.flatMap { record.object(in: $0, dimension: dimension[...]) }
        }

        try reader.forEachLine { line, number in
            // The common #TRANS straight from the line; the checksum needs every token, so not inside it.
            if fastPath && !inChecksum,
                let trans = SIETransLine.parse(line, dimension: wanted),
                let month = trans.ownMonth ?? state.date?.monthValue.ordinal
            {
                scan.transactions += 1
                let amount = FixedDecimal(raw: trans.amount)
                guard count(amount, account: trans.account) else { return }
                monthTotals.add(UInt64(month), amount.raw)
                onTransaction(
                    SIEEntry(
                        account: trans.account, code: trans.code, amount: amount, month: Month(ordinal: month),
                        line: number, encoding: encoding))
                return
            }
            guard record.scan(line) else { return }
            if inChecksum && !record.isLabel("#KSUMMA") {
                let bytes = record.bytes
                crc = crc32(crc, bytes.baseAddress, uInt(bytes.count))
                checksumBytes += bytes.count
            }
            switch record.labelEnd {
            case 4 where record.isLabel("#VER"):
                state.close(into: &scan, file: file)
                scan.vouchers += 1
                state.open(
                    series: record.textBytes(0), number: record.textBytes(1), line: number,
                    date: record.withText(2) { Day(bytes: $0) })
                if state.date == nil {
                    scan.rowFindings.append(
                        finding(number, "date-format", "#VER date: expected YYYYMMDD, found '\(text(2))'"))
                }
            case 6 where record.isLabel("#TRANS"):
                scan.transactions += 1
                let objectsField: Int? = record.isList(1) ? 1 : nil
                let amountIndex = objectsField == nil ? 1 : 2
                guard let amount = record.withText(amountIndex, { DecimalParser.parse($0) }), amount.raw % 100 == 0
                else {
                    scan.rowFindings.append(
                        finding(
                            number, "amount-format",
                            "#TRANS amount: expected a number with at most two decimals, found '\(text(amountIndex))'"))
                    state.invalid = true
                    return
                }
                let account = record.textBytes(0)
                guard count(amount, account: account) else { return }
                var month = state.date?.monthValue
                let ownDate = record.textBytes(amountIndex + 1)
                if !ownDate.isEmpty {
                    if let day = record.withText(amountIndex + 1, { Day(bytes: $0) }) {
                        month = day.monthValue
                    } else {
                        month = nil
                    }
                }
                guard let month else {
                    scan.rowFindings.append(
                        finding(
                            number, "date-format", "#TRANS date: expected YYYYMMDD, found '\(text(amountIndex + 1))'"))
                    return
                }
                monthTotals.add(UInt64(month.ordinal), amount.raw)
                onTransaction(
                    SIEEntry(
                        account: account, code: code(objectsField), amount: amount, month: month, line: number,
                        encoding: encoding))
            case 7 where record.isLabel("#RTRANS") || record.isLabel("#BTRANS"):
                return
            case 8 where record.isLabel("#PBUDGET"):
                guard text(0) == "0" else { return }
                scan.budgetRows += 1
                let objectsField: Int? = record.isList(3) ? 3 : nil
                let amountIndex = objectsField == nil ? 3 : 4
                // The standard order is period, account; some exporters (BL Administration 2018) swap them.
                var periodIndex = 1
                var accountIndex = 2
                if Month(text(1)) == nil, Month(text(2)) != nil {
                    periodIndex = 2
                    accountIndex = 1
                }
                guard let month = Month(text(periodIndex)),
                    let amount = record.withText(amountIndex, { DecimalParser.parse($0) })
                else {
                    scan.rowFindings.append(
                        finding(
                            number, "budget-format",
                            "#PBUDGET: expected a period YYYYMM, an account and an amount, found '\(text(1))', '\(text(2))', '\(text(amountIndex))'"
                        ))
                    return
                }
                onBudget(
                    SIEEntry(
                        account: record.textBytes(accountIndex), code: code(objectsField), amount: amount,
                        month: month, line: number, encoding: encoding))
            case 7 where record.isLabel("#KSUMMA"):
                if part.isContinuation && !startedInChecksum {
                    // No checksum was open before this part, so it did not sum its records: the caller
                    // reads the file in one piece.
                    scan.split.sawOpening = true
                    return
                }
                if record.fieldCount == 0 {
                    if part.isContinuation { scan.split.sawOpening = true }
                    inChecksum = true
                    crc = crc32(0, nil, 0)
                    checksumBytes = 0
                    scan.ksumma = .incomplete
                } else if inChecksum && part.isContinuation && scan.split.closing == nil {
                    inChecksum = false
                    scan.split.leadCRC = crc
                    scan.split.leadBytes = checksumBytes
                    scan.split.closing = (text(0), number)
                } else if inChecksum {
                    inChecksum = false
                    let expected = UInt32(text(0)) ?? 0
                    let computed = UInt32(truncatingIfNeeded: crc)
                    if UInt32(text(0)) == computed {
                        scan.ksumma = .ok
                    } else {
                        scan.ksumma = .mismatch(expected: expected, computed: computed)
                        scan.checkFindings.append(
                            finding(
                                number, "ksumma",
                                "#KSUMMA checksum mismatch: the file says '\(text(0))', its records give \(computed)"))
                    }
                } else {
                    scan.ksumma = .incomplete
                }
            case 7 where record.isLabel("#FORMAT"):
                scan.format = text(0)
            case 7 where record.isLabel("#SIETYP"):
                scan.sieType = text(0)
            case 8 where record.isLabel("#PROGRAM"):
                scan.program = text(0)
            case 6 where record.isLabel("#FNAMN"):
                scan.company = text(0)
            case 4 where record.isLabel("#RAR"):
                scan.fiscalYears.append(.init(index: Int(text(0)) ?? 0, start: text(1), end: text(2)))
            case 4 where record.isLabel("#DIM"):
                scan.dimensions[text(0)] = text(1)
            case 9 where record.isLabel("#UNDERDIM"):
                scan.dimensions[text(0)] = text(1)
            case 7 where record.isLabel("#OBJEKT"):
                scan.objects[text(0), default: 0] += 1
            case 4 where record.isLabel("#RES"):
                guard text(0) == "0", let amount = record.withText(2, { DecimalParser.parse($0) }),
                    scan.admit(amount, file: file)
                else { return }
                if let first = record.textBytes(1).first {
                    scan.resultByAccountClass[String(UnicodeScalar(first)), default: .zero] += amount
                }
            default:
                return
            }
        }
        state.close(into: &scan, file: file)
        for (digit, total) in classTotals.enumerated() where total != .zero || classSeen[digit] {
            scan.totalsByAccountClass[String(digit), default: .zero] += total
        }
        monthTotals.forEach { ordinal, raw in
            scan.totalsByMonth[Month(ordinal: Int(ordinal)).description, default: .zero] += FixedDecimal(raw: raw)
        }
        if part == .first && inChecksum {
            // Still open at the split: the continuation closes it.
            scan.split.openAtEnd = true
            scan.split.openCRC = crc
            scan.ksumma = .absent
        } else if part.isContinuation {
            if inChecksum && scan.split.closing == nil {
                scan.split.leadCRC = crc
                scan.split.leadBytes = checksumBytes
            }
        } else if inChecksum {
            scan.ksumma = .incomplete
        }
        if scan.ksumma == .incomplete && part == .whole {
            scan.checkFindings.append(
                Finding(
                    SourceLocation(file: file), rule: "ksumma",
                    message:
                        "#KSUMMA is incomplete: an opening bare '#KSUMMA' and a closing '#KSUMMA n' are both required"))
        }
        scan.lines = reader.lineNumber
        scan.bytes = reader.bytesRead
        return scan
    }
}

/// The voucher being read: its identity and running balance.
private struct VoucherState {
    var open = false
    /// Raw bytes, reused from voucher to voucher; decoded only for a message.
    var series: [UInt8] = []
    var number: [UInt8] = []
    var line = 0
    var date: Day?
    var sum = FixedDecimal.zero
    var invalid = false

    mutating func open(series: UnsafeBufferPointer<UInt8>, number: UnsafeBufferPointer<UInt8>, line: Int, date: Day?) {
        open = true
        self.series.removeAll(keepingCapacity: true)
        self.series.append(contentsOf: series)
        self.number.removeAll(keepingCapacity: true)
        self.number.append(contentsOf: number)
        self.line = line
        self.date = date
        sum = .zero
        invalid = false
    }

    /// Checks the balance of the open voucher, if any.
    mutating func close(into scan: inout SIEScan, file: String) {
        guard open else { return }
        open = false
        guard sum != .zero, !invalid else { return }
        let series = scan.encoding.decode(self.series)
        let number = scan.encoding.decode(self.number)
        scan.unbalanced.append(.init(series: series, number: number, line: line, difference: sum))
        scan.checkFindings.append(
            Finding(
                SourceLocation(file: file, line: line), rule: "unbalanced-voucher",
                message:
                    "voucher series '\(series)' number '\(number)' does not balance: its #TRANS rows sum to \(SwedishFormat.format(Rational(sum), decimals: 2, style: .message))"
            ))
    }
}
