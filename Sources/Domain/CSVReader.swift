#if canImport(Glibc)
    import Glibc
#endif

/// Why a CSV stream cannot be read on.
package enum CSVReadError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A record longer than the limit: the file is probably not CSV or has an unclosed quote.
    case recordTooLong(line: Int, limit: Int)
    /// A quoted field still open at the end of the file: the rest of the file would have become one field.
    case unterminatedQuote(line: Int)
    /// The byte source failed (I/O or a corrupt gzip stream), with the rule of its finding.
    case source(rule: String, reason: String)

    /// The 1-based line the problem starts on, where known.
    package var line: Int? {
        switch self {
        case .recordTooLong(let line, _), .unterminatedQuote(let line): return line
        case .source: return nil
        }
    }

    /// The rule name used in findings.
    package var rule: String {
        switch self {
        case .recordTooLong: return "record-too-long"
        case .unterminatedQuote: return "unterminated-quote"
        case .source(let rule, _): return rule
        }
    }

    package var description: String {
        switch self {
        case .recordTooLong(_, let limit):
            return "the record is longer than \(limit) bytes: the file is not a CSV export, or a quote is never closed"
        case .unterminatedQuote:
            return
                "a quoted field opens here and is not closed before the end of the file: nothing after it can be read"
        case .source(_, let reason): return reason
        }
    }
}

/// A streaming reader of delimited text in the Swedish export conventions.
///
/// Handles `;`, tab or `,` (sniffed from the header record unless given), quoted fields with `""`
/// escapes and embedded line breaks, LF or CRLF, a UTF-8 BOM, and a trailing empty line. Memory is
/// bounded by the longest record (`maxRecordBytes`), not by the file. Fields are exposed as raw
/// bytes so hot loops parse numbers and codes without making strings; `string(_:)` decodes with the
/// detected encoding.
package struct CSVReader {
    /// An existential: the source is called once per chunk, so dynamic dispatch costs nothing, and the
    /// reader's hot loop needs no generic specialisation across modules.
    private var source: any ByteSource
    private var buffer: [UInt8]
    private var start = 0
    private var end = 0
    private var atEOF = false
    /// Unescaped bytes of the current record's fields, back to back, when the record has quotes.
    private var fieldBytes: [UInt8] = []
    /// Field ranges: into `buffer` for a record without quotes (no copy), else into `fieldBytes`.
    private var fieldStarts: [Int] = []
    private var fieldEnds: [Int] = []
    private var fieldsInBuffer = false
    private var nextLine = 1

    package private(set) var delimiter: UInt8
    package private(set) var encoding: TextEncoding
    /// The 1-based line on which the current record starts.
    package private(set) var line = 0
    /// The largest record accepted, in bytes. The default is 1 MiB.
    package let maxRecordBytes: Int
    /// Bytes consumed so far, for progress and throughput.
    package private(set) var bytesRead = 0

    /// Opens a reader and fills the first chunk.
    ///
    /// - Parameters:
    ///   - delimiter: `nil` sniffs it from the first record (the most frequent of `;`, tab and `,`
    ///     outside quotes; `;` on a tie).
    ///   - encoding: `nil` detects it (BOM or valid UTF-8 → UTF-8, else Windows-1252).
    package init(
        source: any ByteSource, delimiter: UInt8? = nil, encoding: TextEncoding? = nil, chunkSize: Int = 1 << 18,
        maxRecordBytes: Int = 1 << 20
    ) throws(CSVReadError) {
        self.source = source
        self.buffer = [UInt8](repeating: 0, count: max(chunkSize, 4096))
        self.maxRecordBytes = maxRecordBytes
        self.delimiter = delimiter ?? UInt8(ascii: ";")
        self.encoding = encoding ?? .utf8
        try fill()
        let sniffed = buffer.withUnsafeBufferPointer { all in
            UnsafeBufferPointer(rebasing: all[start..<end])
        }
        if encoding == nil { self.encoding = TextEncoding.sniffCSV(sniffed) }
        if end - start >= 3, buffer[start] == 0xEF, buffer[start + 1] == 0xBB, buffer[start + 2] == 0xBF {
            start += 3
        }
        if delimiter == nil { self.delimiter = Self.sniffDelimiter(buffer[start..<end]) }
    }

    /// The delimiter that occurs most often outside quotes on the first line.
    static func sniffDelimiter(_ bytes: ArraySlice<UInt8>) -> UInt8 {
        var counts: [UInt8: Int] = [UInt8(ascii: ";"): 0, 0x09: 0, UInt8(ascii: ","): 0]
        var quoted = false
        for b in bytes {
            if b == UInt8(ascii: "\"") {
                quoted.toggle()
            } else if !quoted {
                if b == 0x0A || b == 0x0D { break }
                if counts[b] != nil { counts[b, default: 0] += 1 }
            }
        }
        let semicolon = counts[UInt8(ascii: ";")] ?? 0
        let tab = counts[0x09] ?? 0
        let comma = counts[UInt8(ascii: ",")] ?? 0
        if tab > semicolon && tab >= comma { return 0x09 }
        if comma > semicolon && comma > tab { return UInt8(ascii: ",") }
        return UInt8(ascii: ";")
    }

    /// Moves unread bytes to the front and reads more; sets `atEOF` when the source is exhausted.
    private mutating func fill() throws(CSVReadError) {
        if start > 0 {
            let remaining = end - start
            if remaining > 0 {
                buffer.withUnsafeMutableBufferPointer { b in
                    guard let base = b.baseAddress else { return }
                    (base).update(from: base + start, count: remaining)
                }
            }
            start = 0
            end = remaining
        }
        if end == buffer.count {
            guard buffer.count < maxRecordBytes + 2 else { return }
            buffer.append(contentsOf: repeatElement(0, count: min(buffer.count, maxRecordBytes + 2 - buffer.count)))
        }
        var readCount = 0
        do {
            readCount = try buffer.withUnsafeMutableBufferPointer { b in
                try source.read(into: UnsafeMutableBufferPointer(rebasing: b[end...]))
            }
        } catch {
            throw .source(rule: (error as? any RuledError)?.rule ?? "unreadable", reason: String(describing: error))
        }
        if readCount == 0 { atEOF = true }
        end += readCount
        bytesRead += readCount
    }

    /// Reads the next record. Empty lines are skipped.
    ///
    /// - Returns: `false` at the end of the input.
    /// - Throws: `CSVReadError` when a record exceeds `maxRecordBytes` or the source fails.
    package mutating func next() throws(CSVReadError) -> Bool {
        while true {
            if let consumed = parseRecord() {
                if endedInQuotes { throw .unterminatedQuote(line: nextLine) }
                start += consumed.bytes
                line = nextLine
                nextLine += consumed.lines
                if consumed.blank { continue }
                return true
            }
            if atEOF {
                // parseRecord returns nil at EOF only when nothing is left.
                return false
            }
            if end - start > maxRecordBytes {
                throw .recordTooLong(line: nextLine, limit: maxRecordBytes)
            }
            try fill()
        }
    }

    /// Parses one record from `buffer[start..<end]` into `fieldBytes`/`fieldEnds`.
    ///
    /// - Returns: bytes consumed (including the line end) and physical lines spanned, or `nil` when the
    ///   record is not complete in the buffer and more input may follow.
    private mutating func parseRecord() -> (bytes: Int, lines: Int, blank: Bool)? {
        if start == end && atEOF { return nil }
        switch parseUnquotedLine() {
        case .record(let bytes, let blank): return (bytes, 1, blank)
        case .needMore: return nil
        case .quoted: break
        }
        quotedRecords += 1
        fieldsInBuffer = false
        fieldBytes.removeAll(keepingCapacity: true)
        fieldStarts.removeAll(keepingCapacity: true)
        fieldEnds.removeAll(keepingCapacity: true)
        let delimiter = self.delimiter
        let quote = UInt8(ascii: "\"")
        var i = start
        var lines = 1
        var inQuotes = false
        var fieldStart = true
        var sawQuoteInField = false
        while i < end {
            let b = buffer[i]
            if inQuotes {
                if b == quote {
                    if i + 1 < end {
                        if buffer[i + 1] == quote {
                            fieldBytes.append(quote)
                            i += 2
                            continue
                        }
                        inQuotes = false
                        i += 1
                        continue
                    }
                    if !atEOF { return nil }
                    inQuotes = false
                    i += 1
                    continue
                }
                if b == 0x0A { lines += 1 }
                fieldBytes.append(b)
                i += 1
                continue
            }
            if b == delimiter {
                fieldStarts.append(fieldEnds.last ?? 0)
                fieldEnds.append(fieldBytes.count)
                fieldStart = true
                sawQuoteInField = false
                i += 1
                continue
            }
            if b == 0x0A || b == 0x0D {
                var consumed = i + 1
                if b == 0x0D {
                    if consumed == end && !atEOF { return nil }
                    if consumed < end && buffer[consumed] == 0x0A { consumed += 1 }
                }
                fieldStarts.append(fieldEnds.last ?? 0)
                fieldEnds.append(fieldBytes.count)
                let blank = fieldEnds.count == 1 && fieldBytes.isEmpty && !sawQuoteInField
                return (consumed - start, lines, blank)
            }
            if b == quote && fieldStart {
                inQuotes = true
                sawQuoteInField = true
                fieldStart = false
                i += 1
                continue
            }
            fieldStart = false
            fieldBytes.append(b)
            i += 1
        }
        guard atEOF else { return nil }
        endedInQuotes = inQuotes
        // The last record has no line end.
        fieldStarts.append(fieldEnds.last ?? 0)
        fieldEnds.append(fieldBytes.count)
        let blank = fieldEnds.count == 1 && fieldBytes.isEmpty && !sawQuoteInField
        return (end - start, lines, blank)
    }

    private enum FastLine {
        case record(bytes: Int, blank: Bool)
        case needMore
        case quoted
    }

    /// The fast path for the common record: one line without any quote. Fields are left in place in
    /// `buffer`; nothing is copied.
    private mutating func parseUnquotedLine() -> FastLine {
        let start = self.start
        let end = self.end
        let delimiter = self.delimiter
        let atEOF = self.atEOF
        // Find the line and count its fields first, so the field arrays are sized once and then written
        // through pointers without a capacity check per field.
        var newline = 0
        var lineEnd = 0
        var fields = 1
        let found: Bool = buffer.withUnsafeBufferPointer { b in
            guard let base = b.baseAddress else { return false }
            if let hit = memchr(base + start, 0x0A, end - start) {
                newline = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            } else if atEOF {
                newline = end
            } else {
                return false
            }
            lineEnd = newline
            if lineEnd > start, base[lineEnd - 1] == 0x0D { lineEnd -= 1 }
            if memchr(base + start, 0x22, newline - start) != nil {
                fields = -1
                return true
            }
            var i = start
            while i < lineEnd {
                if base[i] == delimiter { fields += 1 }
                i += 1
            }
            return true
        }
        guard found else { return .needMore }
        guard fields > 0 else { return .quoted }
        if fieldStarts.count != fields {
            fieldStarts = [Int](repeating: 0, count: fields)
            fieldEnds = [Int](repeating: 0, count: fields)
        }
        buffer.withUnsafeBufferPointer { b in
            guard let base = b.baseAddress else { return }
            fieldStarts.withUnsafeMutableBufferPointer { starts in
                fieldEnds.withUnsafeMutableBufferPointer { ends in
                    var field = 0
                    var fieldStart = start
                    var i = start
                    while i < lineEnd {
                        if base[i] == delimiter {
                            starts[field] = fieldStart
                            ends[field] = i
                            field += 1
                            fieldStart = i + 1
                        }
                        i += 1
                    }
                    starts[field] = fieldStart
                    ends[field] = lineEnd
                }
            }
        }
        fieldsInBuffer = true
        return .record(bytes: min(newline + 1, end) - start, blank: lineEnd == start)
    }

    /// For bulk readers that parse plain lines themselves: hands `body` the complete lines at the front of
    /// the buffer as raw bytes, from the next unread byte to just after the last line feed (refilling
    /// first when no whole line is buffered). `body` takes lines from the front and returns how many bytes
    /// and lines it took, ending just after a line feed; what it leaves, `next()` reads as usual. The
    /// lines taken are the caller's to count: they become no record here.
    ///
    /// - Returns: `false` when `body` took nothing, or no complete line is left (the input's last line
    ///   without a line break, or a record longer than `maxRecordBytes`): read on with `next()`.
    package mutating func takeLines(
        _ body: (UnsafeBufferPointer<UInt8>) -> (bytes: Int, lines: Int)
    ) throws(CSVReadError) -> Bool {
        while true {
            let start = self.start
            let end = self.end
            let taken: (bytes: Int, lines: Int)? = buffer.withUnsafeBufferPointer { all in
                guard let base = all.baseAddress else { return nil }
                // From the back: only the last, incomplete line is passed over.
                var through = end
                while through > start && base[through - 1] != 0x0A { through -= 1 }
                guard through > start else { return nil }
                return body(UnsafeBufferPointer(start: base + start, count: through - start))
            }
            if let taken {
                self.start += taken.bytes
                nextLine += taken.lines
                return taken.bytes > 0
            }
            if atEOF || end - start > maxRecordBytes { return false }
            try fill()
        }
    }

    /// Bytes of the input consumed up to the end of the current record (including a skipped BOM).
    package var consumedBytes: Int { bytesRead - (end - start) }

    /// Physical lines consumed so far (the last record's line breaks included).
    package var linesConsumed: Int { nextLine - 1 }

    /// How many records needed the quoted-field path: a record may then span lines.
    package private(set) var quotedRecords = 0
    /// The last record ended inside quotes at the end of the input.
    private var endedInQuotes = false

    /// The number of fields in the current record.
    package var fieldCount: Int { fieldEnds.count }

    /// Calls `body` with the raw (unescaped) bytes of field `index`.
    package func withField<R>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let from = fieldStarts[index]
        let to = fieldEnds[index]
        if fieldsInBuffer {
            return try buffer.withUnsafeBufferPointer { all in try body(UnsafeBufferPointer(rebasing: all[from..<to])) }
        }
        return try fieldBytes.withUnsafeBufferPointer { all in
            try body(UnsafeBufferPointer(rebasing: all[from..<to]))
        }
    }

    /// Storage for a record whose fields are all empty, so `withRawFields` always has a pointer.
    nonisolated(unsafe) private static let emptyField = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)

    /// Calls `body` with every field of the current record at once, for hot loops: field `i` is
    /// `UnsafeBufferPointer(start: base + starts[i], count: ends[i] - starts[i])`.
    package func withRawFields<R>(
        _ body: (UnsafePointer<UInt8>, UnsafeBufferPointer<Int>, UnsafeBufferPointer<Int>) throws -> R
    ) rethrows -> R {
        let storage = fieldsInBuffer ? buffer : fieldBytes
        return try storage.withUnsafeBufferPointer { all in
            try fieldStarts.withUnsafeBufferPointer { starts in
                try fieldEnds.withUnsafeBufferPointer { ends in
                    try body(all.baseAddress ?? UnsafePointer(Self.emptyField), starts, ends)
                }
            }
        }
    }

    /// Field `index` decoded with the reader's encoding and trimmed of surrounding spaces.
    package func string(_ index: Int) -> String {
        withField(index) { encoding.decode($0) }.trimmingSpaces()
    }

    /// All fields of the current record as trimmed strings.
    package var strings: [String] { (0..<fieldCount).map { string($0) } }
}

extension String {
    /// The string without leading and trailing spaces, tabs and NBSP.
    package func trimmingSpaces() -> String {
        // Most fields have nothing to trim: then no new string is made.
        let scalars = unicodeScalars
        let isSpaceScalar: (Unicode.Scalar) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\u{00A0}" }
        guard let head = scalars.first, let tail = scalars.last, isSpaceScalar(head) || isSpaceScalar(tail) else {
            return self
        }
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\u{00A0}" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(self[first...last])
    }
}
