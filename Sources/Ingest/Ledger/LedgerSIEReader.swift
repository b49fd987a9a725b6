import CZlib
import Domain

#if canImport(Glibc)
    import Glibc
#endif

/// Reads a SIE 4 ledger export into monthly facts per unit, with `#PBUDGET` as budget facts.
///
/// The unit is the object of the config's unit dimension (`ledger.unit_dimension`, default 1) in each
/// `#TRANS` object list. A file with an unbalanced voucher or a wrong `#KSUMMA` is not loaded at all: every
/// such problem is reported. Rows with an unreadable amount or date are rejected; the rest loads.
///
/// A large uncompressed file is split before `#VER` lines and scanned in parts on all cores: in parts of
/// about 32 MB, or, when its head opens a `#KSUMMA` region, in two halves whose CRCs are combined with
/// zlib's `crc32_combine`. The result is the same as in one piece (tested).
package struct LedgerSIEReader {
    let definition: SourceDefinition
    let units: UnitIndex
    let enheter: [Enhet]
    let mapping: LedgerMapping
    /// Files at least this large are read in parts on all cores. The default is 16 MB.
    var parallelThreshold = 16 << 20
    /// Whether common `#TRANS` lines take the scanner's fast path; tests turn it off to compare.
    var transFastPath = true

    package init(definition: SourceDefinition, units: UnitIndex, enheter: [Enhet], mapping: LedgerMapping) {
        self.definition = definition
        self.units = units
        self.enheter = enheter
        self.mapping = mapping
    }

    /// What one part of a file gave.
    struct ScannedPart {
        var scan: SIEScan
        let book: LedgerBook
        var rejects: RejectedRows
    }

    package func read(path: String, displayPath: String) throws(FileRejection) -> ReadResult {
        try Self.checkIsSIE(path: path, displayPath: displayPath)
        let size = (try? FileByteSource(path: path))?.plainSize
        if let size, size >= parallelThreshold,
            let part = try readSplit(path: path, displayPath: displayPath, size: size)
        {
            return try finish(part, displayPath: displayPath)
        }
        let source: FileByteSource
        do {
            source = try FileByteSource(path: path, maxDecompressedBytes: definition.limits.maxDecompressedBytes)
        } catch {
            throw FileRejection(Finding.unreadable(displayPath, error))
        }
        return try finish(try scanPart(source, part: .whole, displayPath: displayPath), displayPath: displayPath)
    }

    /// Refuses a file whose first line with text is not a SIE record (`#LABEL …`): a CSV, a PDF or
    /// garbage in the SIE inbox would otherwise load as an empty ledger.
    static func checkIsSIE(path: String, displayPath: String) throws(FileRejection) {
        var head = [UInt8](repeating: 0, count: 4096)
        var count = 0
        do {
            let source = try FileByteSource(path: path)
            count = try head.withUnsafeMutableBufferPointer { try source.read(into: $0) }
        } catch {
            throw FileRejection(Finding.unreadable(displayPath, error))
        }
        var index = 0
        if count >= 3, head[0] == 0xEF, head[1] == 0xBB, head[2] == 0xBF { index = 3 }
        var line = 1
        while index < count, [0x20, 0x09, 0x0D, 0x0A].contains(head[index]) {
            if head[index] == 0x0A { line += 1 }
            index += 1
        }
        guard index < count, head[index] != UInt8(ascii: "#") else { return }
        throw FileRejection(Finding(SourceLocation(file: displayPath, line: line), .notSIE))
    }

    func finish(_ part: ScannedPart, displayPath: String) throws(FileRejection) -> ReadResult {
        let scan = part.scan
        guard scan.checkFindings.isEmpty else {
            // In file order, whether the file was read in one piece or in two.
            let ordered = scan.checkFindings.enumerated().sorted {
                ($0.element.location.line ?? Int.max, $0.offset) < ($1.element.location.line ?? Int.max, $1.offset)
            }
            throw FileRejection(ordered.map(\.element))
        }
        guard !part.book.outOfRange else {
            throw FileRejection(
                Finding(SourceLocation(file: displayPath), rule: "amount-range", message: AmountMagnitude.message))
        }
        var result = ReadResult(keepingRejects: definition.limits.rejectedRowsKept)
        result.encoding = scan.encoding
        result.rowsRead = scan.transactions + scan.budgetRows
        part.book.unparsable = scan.rowFindings.countByRule["amount-format", default: 0]
        result.rejects.append(contentsOf: scan.rowFindings)
        result.rejects.append(contentsOf: part.rejects)
        result.rejects.sortByLine()
        part.book.finish(into: &result)
        return result
    }

    /// Reads a large plain file on all cores: in parts (`readInParts`), or, when its head opens a `#KSUMMA`
    /// region, in two halves whose CRCs are combined; `nil` when the split cannot be combined (a checksum
    /// region that does not span the split as one), so the caller reads it in one piece.
    func readSplit(path: String, displayPath: String, size: Int) throws(FileRejection) -> ScannedPart? {
        guard let prefix = try? FileByteSource(path: path, range: 0..<min(size, 1 << 20)) else { return nil }
        var head = [UInt8](repeating: 0, count: 1 << 20)
        guard let headCount = try? head.withUnsafeMutableBufferPointer({ try prefix.read(into: $0) }) else {
            return nil
        }
        let (encoding, checksum) = head.withUnsafeBufferPointer { all in
            let bytes = UnsafeBufferPointer(rebasing: all[0..<headCount])
            return (SIEScanner.detectEncoding(bytes), Self.mentionsChecksum(bytes))
        }
        // The opening `#KSUMMA` stands at the head of a file, so only the head is searched for it (reading the
        // whole first part for it was a tenth of the read, before either part began). A checksum region that
        // opens later still comes out right: a part not told to sum meets its closing record or none, and the
        // file is read again in one piece.
        guard checksum else {
            return try readInParts(path: path, displayPath: displayPath, size: size, encoding: encoding)
        }
        guard let split = Self.voucherStart(after: size / 2, in: path, size: size) else { return nil }
        let halves = try scanParts(
            [0..<split, split..<size], path: path, displayPath: displayPath, encoding: encoding, checksum: true)
        var first = halves[0]
        let second = halves[1]
        guard !second.scan.split.sawOpening else { return nil }
        let offset = first.scan.lines
        if first.scan.split.openAtEnd {
            guard let closing = second.scan.split.closing else { return nil }
            let combined = UInt32(
                truncatingIfNeeded: crc32_combine(
                    first.scan.split.openCRC, second.scan.split.leadCRC, off_t(second.scan.split.leadBytes)))
            if UInt32(closing.value) == combined {
                first.scan.ksumma = .ok
            } else {
                first.scan.ksumma = .mismatch(expected: UInt32(closing.value) ?? 0, computed: combined)
                first.scan.checkFindings.append(
                    Finding(
                        SourceLocation(file: displayPath, line: closing.line + offset), rule: "ksumma",
                        message:
                            "#KSUMMA checksum mismatch: the file says '\(closing.value)', its records give \(combined)")
                )
            }
        } else if second.scan.split.closing != nil {
            return nil
        }
        first.scan.merge(second.scan, lineOffset: offset, file: displayPath)
        first.rejects.append(contentsOf: second.rejects, movedDown: offset)
        first.book.merge(second.book)
        return first
    }

    /// Bytes per part when a file without a checksum is read in parts. The default is 32 MB.
    var partBytes = 32 << 20

    /// Reads a large plain file without `#KSUMMA` in its head in parts of about `partBytes`, split before
    /// `#VER` lines, on as many threads as there are cores; `nil` when a part meets a `#KSUMMA` after all
    /// (the caller reads the file in one piece).
    ///
    /// More parts than cores, because a thread that shares its core (with the hash of the file, say) reads
    /// fewer of them: each core takes the next part when it is done with one, and both finish together.
    func readInParts(path: String, displayPath: String, size: Int, encoding: TextEncoding) throws(FileRejection)
        -> ScannedPart?
    {
        guard
            let ranges = FileParts.ranges(
                from: 0, to: size, partBytes: partBytes,
                boundary: { Self.voucherStart(after: $0, in: path, size: size) })
        else { return nil }
        let done = try scanParts(ranges, path: path, displayPath: displayPath, encoding: encoding, checksum: false)
        guard var combined = done.first, !combined.scan.split.openAtEnd else { return nil }
        for part in done.dropFirst() {
            // A checksum record past the head: the parts cannot be combined.
            guard !part.scan.split.sawOpening, part.scan.split.closing == nil else { return nil }
            let offset = combined.scan.lines
            combined.scan.merge(part.scan, lineOffset: offset, file: displayPath)
            combined.rejects.append(contentsOf: part.rejects, movedDown: offset)
            combined.book.merge(part.book)
        }
        return combined
    }

    /// Scans the byte ranges of a file on all cores, the first as the file's start and the others as
    /// continuations (`checksum`: whether a `#KSUMMA` region may be open where they begin).
    func scanParts(
        _ ranges: [Range<Int>], path: String, displayPath: String, encoding: TextEncoding, checksum: Bool
    ) throws(FileRejection) -> [ScannedPart] {
        let reader = self
        return try FileParts.read(ranges) { index, range throws(FileRejection) -> ScannedPart in
            let source: FileByteSource
            do {
                source = try FileByteSource(path: path, range: range)
            } catch {
                throw FileRejection(Finding.unreadable(displayPath, error))
            }
            return try reader.scanPart(
                source, part: index == 0 ? .first : .continuation(encoding, checksum: checksum),
                displayPath: displayPath)
        }
    }

    /// Whether `#KSUMMA` occurs in `bytes` (the head of a file): if not, a part of the file that starts
    /// later starts outside any checksum region and need not sum its records for the checksum.
    static func mentionsChecksum(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        let marker = Array("#KSUMMA".utf8)
        var i = 0
        // 'K' is rare in a ledger; each one is checked for the whole marker.
        while i < bytes.count, let hit = memchr(base + i, 0x4B, bytes.count - i) {
            let k = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if k >= 1, k + 6 <= bytes.count, UnsafeBufferPointer(start: base + k - 1, count: 7).elementsEqual(marker) {
                return true
            }
            i = k + 1
        }
        return false
    }

    /// The offset of the first line after `offset` that starts (after spaces or tabs) with `#VER`.
    static func voucherStart(after offset: Int, in path: String, size: Int) -> Int? {
        guard let source = try? FileByteSource(path: path, range: offset..<size) else { return nil }
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        guard let count = try? buffer.withUnsafeMutableBufferPointer({ try source.read(into: $0) }) else { return nil }
        let marker = Array("#VER".utf8)
        var index = 0
        while index < count {
            guard buffer[index] == 0x0A else {
                index += 1
                continue
            }
            var start = index + 1
            while start < count, buffer[start] == 0x20 || buffer[start] == 0x09 { start += 1 }
            if start + marker.count < count, buffer[start..<(start + marker.count)].elementsEqual(marker),
                buffer[start + marker.count] == 0x20 || buffer[start + marker.count] == 0x09
            {
                return offset + index + 1
            }
            index += 1
        }
        return nil
    }

    /// Scans one part of a file, posting its transactions and budget rows to a book of its own.
    func scanPart(_ source: FileByteSource, part: Part, displayPath: String) throws(FileRejection) -> ScannedPart {
        let book = LedgerBook(units: units, enheter: enheter, mapping: mapping, unitKey: definition.unitKey)
        var rejects = RejectedRows(keepPerRule: definition.limits.rejectedRowsKept)
        let scan: SIEScan
        do {
            scan = try SIEScanner(
                file: displayPath, dimension: Array(String(mapping.unitDimension).utf8), transFastPath: transFastPath
            ).scan(
                source, part: part,
                onTransaction: { entry in
                    book.encoding = entry.encoding
                    let code = entry.code ?? UnsafeBufferPointer(start: nil, count: 0)
                    let outcome: LedgerBook.Outcome? =
                        LedgerBook.isAccount(entry.account)
                        ? book.post(code: code, account: entry.account, month: entry.month, amount: entry.amount) : nil
                    switch outcome {
                    case nil:
                        rejects.append(
                            Finding(
                                SourceLocation(file: displayPath, line: entry.line), rule: "account-format",
                                message:
                                    "#TRANS account: expected digits, found '\(entry.encoding.decode(entry.account))'"
                            ))
                        book.reject(amount: entry.amount)
                    case .notValid(let unit):
                        rejects.append(
                            Finding(
                                SourceLocation(file: displayPath, line: entry.line),
                                .unitNotValid(
                                    book.enhet(at: unit), object: entry.encoding.decode(code),
                                    period: entry.month.description)))
                    case .noUnit:
                        rejects.append(
                            Finding(
                                SourceLocation(file: displayPath, line: entry.line), rule: "missing-unit",
                                message:
                                    "#TRANS has no object in dimension \(mapping.unitDimension) (the unit): expected a unit's object"
                            ))
                    default:
                        break
                    }
                },
                onBudget: { entry in
                    book.encoding = entry.encoding
                    let code = entry.code ?? UnsafeBufferPointer(start: nil, count: 0)
                    book.postBudget(code: code, account: entry.account, month: entry.month, amount: entry.amount)
                })
        } catch let error as LineError {
            throw FileRejection(error.finding(file: displayPath))
        } catch {
            throw FileRejection(Finding.unreadable(displayPath, error))
        }
        return ScannedPart(scan: scan, book: book, rejects: rejects)
    }
}
