/// A `#TRANS` record in its common shape, read in place from the raw line: the SIE scanner's fast path.
///
/// The common shape is `#TRANS account {dim object …} amount [date] …`: a bare account of digits, an object
/// list of bare or quoted tokens without escapes, a bare amount as `PlainFields.amount` reads it, and a
/// transaction date of eight digits, bare or quoted, or `""` or nothing. Whatever follows (text, quantity,
/// signature) is not read. Any other line gives `nil`, and `SIERecord` splits it on the general path, which
/// gives the same values (a property test holds the two to it).
struct SIETransLine {
    let account: UnsafeBufferPointer<UInt8>
    /// The object of the wanted dimension, if the list has one.
    let code: UnsafeBufferPointer<UInt8>?
    /// The amount in ten-thousandths.
    let amount: Int64
    /// The month ordinal of the transaction's own date; `nil` when it has none.
    let ownMonth: Int?

    @inline(__always)
    private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }

    @inline(__always)
    private static func equal(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard a.count == b.count else { return false }
        for i in 0..<a.count where a[i] != b[i] { return false }
        return true
    }

    /// Parses `line` (without its line end) if it is a `#TRANS` record in the common shape.
    static func parse(_ line: UnsafeBufferPointer<UInt8>, dimension: UnsafeBufferPointer<UInt8>) -> SIETransLine? {
        guard let base = line.baseAddress else { return nil }
        let n = line.count
        var i = 0
        while i < n && isSpace(base[i]) { i &+= 1 }
        // "#TRANS" and a space.
        guard n - i > 7, base[i] == 0x23, base[i + 1] == 0x54, base[i + 2] == 0x52, base[i + 3] == 0x41,
            base[i + 4] == 0x4E, base[i + 5] == 0x53, isSpace(base[i + 6])
        else { return nil }
        i &+= 7
        while i < n && isSpace(base[i]) { i &+= 1 }
        let accountStart = i
        while i < n && base[i] &- 0x30 <= 9 { i &+= 1 }
        guard i > accountStart, i < n, isSpace(base[i]) else { return nil }
        let account = UnsafeBufferPointer(start: base + accountStart, count: i &- accountStart)
        while i < n && isSpace(base[i]) { i &+= 1 }
        guard i < n, base[i] == 0x7B else { return nil }
        i &+= 1
        // The object list: dimension and object tokens in pairs.
        var code: UnsafeBufferPointer<UInt8>?
        var pendingDimension: UnsafeBufferPointer<UInt8>?
        while true {
            while i < n && isSpace(base[i]) { i &+= 1 }
            guard i < n else { return nil }
            if base[i] == 0x7D {
                i &+= 1
                break
            }
            let token: UnsafeBufferPointer<UInt8>
            if base[i] == 0x22 {
                let start = i &+ 1
                i = start
                while i < n && base[i] != 0x22 {
                    if base[i] == 0x5C { return nil }
                    i &+= 1
                }
                guard i < n else { return nil }
                token = UnsafeBufferPointer(start: base + start, count: i &- start)
                i &+= 1
            } else {
                let start = i
                while i < n && !isSpace(base[i]) && base[i] != 0x7D {
                    if base[i] == 0x22 || base[i] == 0x7B { return nil }
                    i &+= 1
                }
                token = UnsafeBufferPointer(start: base + start, count: i &- start)
            }
            if let dimensionToken = pendingDimension {
                if code == nil && equal(dimensionToken, dimension) { code = token }
                pendingDimension = nil
            } else {
                pendingDimension = token
            }
        }
        guard i < n, isSpace(base[i]) else { return nil }
        while i < n && isSpace(base[i]) { i &+= 1 }
        guard let (amount, used) = PlainFields.amountPrefix(base + i, limit: n &- i),
            i &+ used == n || isSpace(base[i &+ used])
        else { return nil }
        i &+= used
        while i < n && isSpace(base[i]) { i &+= 1 }
        var ownMonth: Int?
        if i < n {
            var start = i
            var end = i
            if base[i] == 0x22 {
                start = i &+ 1
                end = start
                while end < n && base[end] != 0x22 {
                    if base[end] == 0x5C { return nil }
                    end &+= 1
                }
                guard end < n else { return nil }
            } else {
                while end < n && !isSpace(base[end]) {
                    if base[end] == 0x22 || base[end] == 0x7B { return nil }
                    end &+= 1
                }
            }
            if end > start {
                guard let month = PlainFields.monthOrdinal(day: base + start, count: end &- start), end &- start == 8
                else { return nil }
                ownMonth = month
            }
        }
        return SIETransLine(account: account, code: code, amount: amount, ownMonth: ownMonth)
    }
}
