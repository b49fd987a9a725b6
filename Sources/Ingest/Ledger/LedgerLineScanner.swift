import CFieldSplit
import Domain

#if canImport(Glibc)
    import Glibc
#endif

/// The ledger CSV reader's fast path: posts plain rows straight from the raw bytes of whole lines. A C
/// kernel finds the delimiters and line feeds of many lines at a time; the four fields needed are then
/// parsed by index.
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

    /// Lines split per call of the byte classifier.
    private static let batch = 256

    /// Posts the plain rows at the front of `bytes` (whole lines, the last ending in a line feed) to
    /// `book`, and skips empty lines, up to the first line that is not plain.
    ///
    /// `uf_split_lines` (C, SSE2 or AVX-512) finds the delimiters and line feeds of a batch of lines sixty-four bytes
    /// at a time; the four fields read are then taken by index. Only the bytes before the first quote are
    /// split, so a line with a quote is left to the general path, which reads quoted fields.
    ///
    /// - Returns: the bytes and lines taken, and how many of those lines were rows.
    func scan(_ bytes: UnsafeBufferPointer<UInt8>, into book: LedgerBook) -> (bytes: Int, lines: Int, rows: Int) {
        guard let base = bytes.baseAddress, bytes.count > 0, bytes[bytes.count - 1] == 0x0A else { return (0, 0, 0) }
        let end = bytes.count
        let limit =
            memchr(base, 0x22, end).map { base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) } ?? end
        let separators = fieldCount &- 1
        let perLine = fieldCount
        let offsets = UnsafeMutablePointer<UInt32>.allocate(capacity: Self.batch * perLine)
        defer { offsets.deallocate() }
        var taken = 0
        var lines = 0
        var rows = 0
        while taken < limit {
            // An empty line: `next()` skips it too.
            if base[taken] == 0x0A || (base[taken] == 0x0D && taken &+ 1 < end && base[taken &+ 1] == 0x0A) {
                taken &+= base[taken] == 0x0A ? 1 : 2
                lines &+= 1
                continue
            }
            var consumed = 0
            let split = uf_split_lines(
                base + taken, limit &- taken, delimiter, separators, offsets, Self.batch, &consumed)
            guard split > 0 else { break }
            let chunk = base + taken
            var lineStart = 0
            for line in 0..<split {
                let marks = offsets + line &* perLine
                let newline = Int(marks[separators])
                let lineEnd = newline > lineStart && chunk[newline &- 1] == 0x0D ? newline &- 1 : newline
                @inline(__always) func start(_ field: Int) -> Int {
                    field == 0 ? lineStart : Int(marks[field &- 1]) &+ 1
                }
                @inline(__always) func stop(_ field: Int) -> Int { field == separators ? lineEnd : Int(marks[field]) }
                guard post(chunk, start: start, stop: stop, into: book) else {
                    return (taken &+ lineStart, lines, rows)
                }
                lineStart = newline &+ 1
                lines &+= 1
                rows &+= 1
            }
            taken &+= consumed
        }
        return (taken, lines, rows)
    }

    /// Reads the four fields of one split line and posts it; `false`, with nothing posted, when a field is
    /// not in its plain form or the book does not take the row.
    @inline(__always)
    private func post(
        _ base: UnsafePointer<UInt8>, start: (Int) -> Int, stop: (Int) -> Int, into book: LedgerBook
    ) -> Bool {
        let dateStart = start(dateField)
        let dateCount = stop(dateField) &- dateStart
        guard
            let ordinal = dateIsPeriod
                ? PlainFields.monthOrdinal(month: base + dateStart, count: dateCount)
                : PlainFields.monthOrdinal(day: base + dateStart, count: dateCount)
        else { return false }
        let amountStart = start(amountField)
        guard let amount = PlainFields.amount(base + amountStart, count: stop(amountField) &- amountStart) else {
            return false
        }
        let accountStart = start(accountField)
        let accountEnd = stop(accountField)
        guard accountEnd > accountStart else { return false }
        for i in accountStart..<accountEnd where base[i] &- 0x30 > 9 { return false }
        let unitStart = start(unitField)
        return book.postPlain(
            code: UnsafeBufferPointer(start: base + unitStart, count: stop(unitField) &- unitStart),
            account: UnsafeBufferPointer(start: base + accountStart, count: accountEnd &- accountStart),
            ordinal: ordinal, raw: amount)
    }
}
