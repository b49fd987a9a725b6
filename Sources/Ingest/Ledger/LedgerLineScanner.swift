import Domain

#if canImport(Glibc)
    import Glibc
#endif

/// The ledger CSV reader's fast path: posts plain rows straight from the raw bytes of whole lines, in
/// one pass per line that parses the four fields it needs where it finds them.
///
/// A plain row has no quote, as many fields as the header, a date `YYYY-MM-DD`/`YYYYMMDD` (or a period
/// `YYYY-MM`/`YYYYMM`), account digits, an amount of at most fourteen digits with an optional sign and
/// at most two decimals after `,` or `.`, a unit code without surrounding spaces, and maps to a fact or
/// to an account left out. Every other line — thousands spaces, `−`, a unit code not in the register, a
/// unit outside its validity, anything malformed — stops the scan, and `CSVReader.next()` reads it on the
/// general path, which names the problem. Both paths post through the same `LedgerBook`, so which one
/// took a row never changes the result (a test holds them to it on generated messy ledgers).
struct LedgerLineScanner {
    private let delimiter: UInt8
    private let fieldCount: Int
    /// Field indexes of the columns read.
    private let dateField: Int
    private let dateIsPeriod: Bool
    private let unitField: Int
    private let accountField: Int
    private let amountField: Int

    /// A scanner for rows of `fieldCount` fields; `nil` when a needed column is missing, two share a
    /// field, or the delimiter is one the scan treats otherwise.
    init?(delimiter: UInt8, fieldCount: Int, columns: [String: Int]) {
        guard delimiter != 0x0A && delimiter != 0x0D && delimiter != 0x22,
            let unit = columns["unit"], let account = columns["account"], let amount = columns["amount"],
            let date = columns["date"] ?? columns["period"],
            Set([unit, account, amount, date]).count == 4,
            [unit, account, amount, date].allSatisfy({ $0 >= 0 && $0 < fieldCount })
        else { return nil }
        self.delimiter = delimiter
        self.fieldCount = fieldCount
        dateField = date
        dateIsPeriod = columns["date"] == nil
        unitField = unit
        accountField = account
        amountField = amount
    }

    /// Flags (bit 7 of each byte) the bytes of `word` that are zero; exact, unlike the shorter
    /// `(x - 0x01…) & ~x` test, whose borrow can flag the byte above a zero.
    @inline(__always)
    private static func zeroBytes(_ word: UInt64) -> UInt64 {
        let low: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        return ~(((word & low) &+ low) | word | low)
    }

    /// Posts the plain rows at the front of `bytes` (whole lines, the last ending in a line feed) to
    /// `book`, and skips empty lines, up to the first line that is not plain.
    ///
    /// A line's delimiters are found eight bytes at a time and their positions written without a branch
    /// per delimiter; the four fields read are then taken by index.
    ///
    /// - Returns: the bytes and lines taken, and how many of those lines were rows.
    func scan(_ bytes: UnsafeBufferPointer<UInt8>, into book: LedgerBook) -> (bytes: Int, lines: Int, rows: Int) {
        guard let base = bytes.baseAddress, bytes.count > 0, bytes[bytes.count - 1] == 0x0A else { return (0, 0, 0) }
        let end = bytes.count
        let delimiterWord = 0x0101_0101_0101_0101 &* UInt64(delimiter)
        let quoteWord: UInt64 = 0x2222_2222_2222_2222
        let separators = fieldCount &- 1
        // Room for every separator of a plain row and one word's worth beyond, written before the count
        // is checked.
        let capacity = separators &+ 9
        let positions = UnsafeMutablePointer<Int>.allocate(capacity: capacity)
        defer { positions.deallocate() }
        var taken = 0
        var lines = 0
        var rows = 0
        lineLoop: while taken < end {
            let lineStart = taken
            // The buffer ends in a line feed, so there is one.
            let newline = base.distance(
                to: memchr(base + lineStart, 0x0A, end &- lineStart).unsafelyUnwrapped.assumingMemoryBound(
                    to: UInt8.self))
            let lineEnd = newline > lineStart && base[newline &- 1] == 0x0D ? newline &- 1 : newline
            if lineEnd == lineStart {
                // An empty line: `next()` skips it too.
                taken = newline &+ 1
                lines &+= 1
                continue
            }
            var count = 0
            var quotes: UInt64 = 0
            var q = lineStart
            while q < lineEnd {
                var delimiters: UInt64
                if q &+ 8 <= end {
                    let word = UnsafeRawPointer(base + q).loadUnaligned(as: UInt64.self)
                    delimiters = Self.zeroBytes(word ^ delimiterWord)
                    var found = Self.zeroBytes(word ^ quoteWord)
                    let left = lineEnd &- q
                    if left < 8 {
                        // Bytes past the line end belong to the next line.
                        let keep = (UInt64(1) << (UInt64(left) << 3)) &- 1
                        delimiters &= keep
                        found &= keep
                    }
                    quotes |= found
                } else {
                    delimiters = 0
                    for k in 0..<min(8, lineEnd &- q) {
                        if base[q &+ k] == delimiter { delimiters |= 0x80 << (UInt64(k) << 3) }
                        if base[q &+ k] == 0x22 { quotes = 1 }
                    }
                }
                // Flags are bit 7 of their byte: one multiplication adds them up (`nonzeroBitCount` is a
                // library loop on baseline x86-64).
                let hits = Int(truncatingIfNeeded: ((delimiters >> 7) &* 0x0101_0101_0101_0101) >> 56)
                positions[count] = q &+ (delimiters.trailingZeroBitCount >> 3)
                delimiters &= delimiters &- 1
                positions[count &+ 1] = q &+ (delimiters.trailingZeroBitCount >> 3)
                if hits > 2 {
                    delimiters &= delimiters &- 1
                    var k = count &+ 2
                    while delimiters != 0 {
                        positions[k] = q &+ (delimiters.trailingZeroBitCount >> 3)
                        delimiters &= delimiters &- 1
                        k &+= 1
                    }
                }
                count &+= hits
                guard count <= separators else { break lineLoop }
                q &+= 8
            }
            guard count == separators, quotes == 0 else { break lineLoop }
            @inline(__always) func start(_ field: Int) -> Int { field == 0 ? lineStart : positions[field &- 1] &+ 1 }
            @inline(__always) func stop(_ field: Int) -> Int { field == separators ? lineEnd : positions[field] }

            let dateStart = start(dateField)
            let dateCount = stop(dateField) &- dateStart
            guard
                let ordinal = dateIsPeriod
                    ? Self.monthOrdinal(month: base + dateStart, count: dateCount)
                    : Self.monthOrdinal(day: base + dateStart, count: dateCount)
            else { break lineLoop }
            let amountStart = start(amountField)
            guard let amount = Self.amount(base + amountStart, count: stop(amountField) &- amountStart) else {
                break lineLoop
            }
            let accountStart = start(accountField)
            let accountEnd = stop(accountField)
            guard accountEnd > accountStart else { break lineLoop }
            for i in accountStart..<accountEnd where base[i] &- 0x30 > 9 { break lineLoop }
            let range = book.rangeIndex(
                UnsafeBufferPointer(start: base + accountStart, count: accountEnd &- accountStart))
            if range < 0 {
                book.postExcluded(raw: amount)
            } else {
                let unitStart = start(unitField)
                let unitEnd = stop(unitField)
                guard unitEnd > unitStart, !Self.isSpace(base[unitStart]), !Self.isSpace(base[unitEnd &- 1]) else {
                    break lineLoop
                }
                let unit = book.unitIndex(UnsafeBufferPointer(start: base + unitStart, count: unitEnd &- unitStart))
                guard unit >= 0, book.delivers(unit: unit, ordinal: ordinal) else { break lineLoop }
                book.postFact(unit: unit, range: range, ordinal: ordinal, raw: amount)
            }
            taken = newline &+ 1
            lines &+= 1
            rows &+= 1
        }
        return (taken, lines, rows)
    }

    @inline(__always)
    private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }

    /// The value of `count` ASCII digits at `p`, or `nil`.
    @inline(__always)
    private static func digits(_ p: UnsafePointer<UInt8>, _ count: Int) -> Int? {
        var value = 0
        for i in 0..<count {
            let d = p[i] &- 0x30
            guard d <= 9 else { return nil }
            value = value * 10 + Int(d)
        }
        return value
    }

    /// The month ordinal of a date `YYYY-MM-DD` or `YYYYMMDD` that is a real day (as `Day(bytes:)`).
    @inline(__always)
    static func monthOrdinal(day p: UnsafePointer<UInt8>, count: Int) -> Int? {
        let year: Int
        let month: Int
        let day: Int
        if count == 10 {
            guard p[4] == 0x2D, p[7] == 0x2D, let y = digits(p, 4), let m = digits(p + 5, 2), let d = digits(p + 8, 2)
            else { return nil }
            (year, month, day) = (y, m, d)
        } else if count == 8 {
            guard let y = digits(p, 4), let m = digits(p + 4, 2), let d = digits(p + 6, 2) else { return nil }
            (year, month, day) = (y, m, d)
        } else {
            return nil
        }
        guard year >= 1900, year <= 2999, month >= 1, month <= 12, day >= 1,
            day <= 28 || day <= Day.daysIn(month: month, year: year)
        else { return nil }
        return year * 12 + month - 1
    }

    /// The month ordinal of a period `YYYY-MM` or `YYYYMM` (as `Month(bytes:)`).
    @inline(__always)
    static func monthOrdinal(month p: UnsafePointer<UInt8>, count: Int) -> Int? {
        let year: Int
        let month: Int
        if count == 7 {
            guard p[4] == 0x2D, let y = digits(p, 4), let m = digits(p + 5, 2) else { return nil }
            (year, month) = (y, m)
        } else if count == 6 {
            guard let y = digits(p, 4), let m = digits(p + 4, 2) else { return nil }
            (year, month) = (y, m)
        } else {
            return nil
        }
        guard year >= 1900, year <= 2999, month >= 1, month <= 12 else { return nil }
        return year * 12 + month - 1
    }

    /// An amount in ten-thousandths from `-`/`+`, one to fourteen digits and at most two decimals after
    /// `,` or `.` — the plain subset of what `DecimalParser` reads, with the same value.
    @inline(__always)
    static func amount(_ p: UnsafePointer<UInt8>, count: Int) -> Int64? {
        var i = 0
        var negative = false
        if count > 0, p[0] == 0x2D || p[0] == 0x2B {
            negative = p[0] == 0x2D
            i = 1
        }
        var whole: Int64 = 0
        let wholeStart = i
        while i < count {
            let d = p[i] &- 0x30
            if d > 9 { break }
            whole = whole &* 10 &+ Int64(d)
            i += 1
        }
        let wholeDigits = i - wholeStart
        guard wholeDigits > 0, wholeDigits <= 14 else { return nil }
        var fraction: Int64 = 0
        if i < count {
            guard p[i] == 0x2C || p[i] == 0x2E else { return nil }
            let decimals = count - i - 1
            guard decimals == 1 || decimals == 2 else { return nil }
            for k in 1...decimals {
                let d = p[i + k] &- 0x30
                guard d <= 9 else { return nil }
                fraction = fraction * 10 + Int64(d)
            }
            fraction *= decimals == 1 ? 1000 : 100
        }
        // FixedDecimal.scale, written out: a global's accessor in the hot loop costs a lazy-init check.
        let raw = whole * 10_000 + fraction
        return negative ? -raw : raw
    }
}
