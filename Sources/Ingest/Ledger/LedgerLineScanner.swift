import Domain

#if canImport(Glibc)
    import Glibc
#endif

/// The ledger CSV reader's fast path: posts plain rows straight from the raw bytes of whole lines. Per
/// line it finds the delimiters eight bytes at a time, then parses the four fields it needs by index.
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

    /// A scanner for rows of `fieldCount` fields whose columns `column` finds; `nil` when a needed column is missing, two share a
    /// field, or the delimiter is one the scan treats otherwise.
    init?(delimiter: UInt8, fieldCount: Int, column: (String) -> Int?) {
        guard delimiter != 0x0A && delimiter != 0x0D && delimiter != 0x22,
            let unit = column("unit"), let account = column("account"), let amount = column("amount"),
            let date = column("date") ?? column("period"),
            Set([unit, account, amount, date]).count == 4,
            [unit, account, amount, date].allSatisfy({ $0 >= 0 && $0 < fieldCount })
        else { return nil }
        self.delimiter = delimiter
        self.fieldCount = fieldCount
        dateField = date
        dateIsPeriod = column("date") == nil
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
                    ? PlainFields.monthOrdinal(month: base + dateStart, count: dateCount)
                    : PlainFields.monthOrdinal(day: base + dateStart, count: dateCount)
            else { break lineLoop }
            let amountStart = start(amountField)
            guard let amount = PlainFields.amount(base + amountStart, count: stop(amountField) &- amountStart) else {
                break lineLoop
            }
            let accountStart = start(accountField)
            let accountEnd = stop(accountField)
            guard accountEnd > accountStart else { break lineLoop }
            for i in accountStart..<accountEnd where base[i] &- 0x30 > 9 { break lineLoop }
            let unitStart = start(unitField)
            guard
                book.postPlain(
                    code: UnsafeBufferPointer(start: base + unitStart, count: stop(unitField) &- unitStart),
                    account: UnsafeBufferPointer(start: base + accountStart, count: accountEnd &- accountStart),
                    ordinal: ordinal, raw: amount)
            else { break lineLoop }
            taken = newline &+ 1
            lines &+= 1
            rows &+= 1
        }
        return (taken, lines, rows)
    }

}
