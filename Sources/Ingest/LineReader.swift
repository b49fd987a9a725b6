import Domain

#if canImport(Glibc)
    import Glibc
#endif

/// Why a line-oriented stream cannot be read on.
enum LineError: Error, Equatable, CustomStringConvertible {
    /// A line longer than the limit: the file is not a line-oriented text export.
    case lineTooLong(line: Int, limit: Int)

    /// The 1-based line the problem is on.
    var line: Int {
        switch self {
        case .lineTooLong(let line, _): return line
        }
    }

    /// The rule name used in findings.
    var rule: String {
        switch self {
        case .lineTooLong: return "line-too-long"
        }
    }

    var description: String {
        switch self {
        case .lineTooLong(_, let limit): return Diagnostic.lineTooLong(limit: limit).message
        }
    }

    /// The finding that refuses the file `file`, placed on the line.
    func finding(file: String) -> Finding {
        Finding(SourceLocation(file: file, line: line), rule: rule, message: description)
    }
}

/// Splits a byte stream into lines (LF or CRLF) with bounded memory, handing out each line in place.
struct LineReader<Source: ByteSource> {
    private var source: Source
    private var buffer: [UInt8]
    private var start = 0
    private var end = 0
    private var atEOF = false
    let maxLineBytes: Int
    private(set) var lineNumber = 0
    private(set) var bytesRead = 0

    init(source: Source, chunkSize: Int = 1 << 20, maxLineBytes: Int = 1 << 20) throws {
        self.source = source
        self.buffer = [UInt8](repeating: 0, count: max(chunkSize, maxLineBytes + 1))
        self.maxLineBytes = maxLineBytes
        try fill()
    }

    /// The bytes read so far but not yet handed out (the start of the file right after `init`).
    func withBuffered<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        buffer.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[start..<end])) }
    }

    /// Skips `count` bytes at the current position (a byte-order mark).
    mutating func skip(_ count: Int) { start = min(start + count, end) }

    private mutating func fill() throws {
        if start > 0 {
            let remaining = end - start
            buffer.withUnsafeMutableBufferPointer { b in
                guard let base = b.baseAddress, remaining > 0 else { return }
                base.update(from: base + start, count: remaining)
            }
            start = 0
            end = remaining
        }
        let count = try buffer.withUnsafeMutableBufferPointer { b in
            try source.read(into: UnsafeMutableBufferPointer(rebasing: b[end...]))
        }
        if count == 0 { atEOF = true }
        end += count
        bytesRead += count
    }

    /// Calls `body` with each line (without its line end) and its 1-based number.
    mutating func forEachLine(_ body: (UnsafeBufferPointer<UInt8>, Int) throws -> Void) throws {
        while true {
            // Every complete line in the buffer through one pointer: taking the array's pointer once per
            // line cost a retain and a release per line.
            let (from, to, number) = (start, end, lineNumber)
            let (next, lines) = try buffer.withUnsafeBufferPointer { b -> (Int, Int) in
                guard let base = b.baseAddress else { return (from, number) }
                var position = from
                var lines = number
                while position < to, let hit = memchr(base + position, 0x0A, to - position) {
                    let newline = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                    lines += 1
                    var lineEnd = newline
                    if lineEnd > position, base[lineEnd - 1] == 0x0D { lineEnd -= 1 }
                    try body(UnsafeBufferPointer(start: base + position, count: lineEnd - position), lines)
                    position = newline + 1
                }
                return (position, lines)
            }
            start = next
            lineNumber = lines
            if atEOF {
                if end > start {
                    lineNumber += 1
                    var lineEnd = end
                    if buffer[lineEnd - 1] == 0x0D { lineEnd -= 1 }
                    let from = start
                    start = end
                    try buffer.withUnsafeBufferPointer { b in
                        try body(UnsafeBufferPointer(rebasing: b[from..<lineEnd]), lineNumber)
                    }
                }
                return
            }
            if end - start > maxLineBytes { throw LineError.lineTooLong(line: lineNumber + 1, limit: maxLineBytes) }
            try fill()
        }
    }
}
