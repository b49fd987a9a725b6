import Domain

/// Parsers for the plain form of ledger fields, straight from raw bytes: what the fast paths of the CSV
/// and SIE readers accept. Each reads a subset of what the general parsers (`DecimalParser`,
/// `Day(bytes:)`, `Month(bytes:)`) read, to the same value, and returns `nil` for anything else, which the
/// general path then reads or rejects with a message.
enum PlainFields {
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
        guard let (raw, used) = amountPrefix(p, limit: count), used == count else { return nil }
        return raw
    }

    /// The plain amount (as `amount(_:count:)` reads it) at the front of the `limit` bytes at `p`, and how
    /// many bytes it takes; `nil` when they do not start with one. A reader that finds a field's end by its
    /// amount (SIE) reads the bytes once.
    @inline(__always)
    static func amountPrefix(_ p: UnsafePointer<UInt8>, limit: Int) -> (raw: Int64, count: Int)? {
        var i = 0
        var negative = false
        if limit > 0, p[0] == 0x2D || p[0] == 0x2B {
            negative = p[0] == 0x2D
            i = 1
        }
        var whole: Int64 = 0
        let wholeStart = i
        while i < limit {
            let d = p[i] &- 0x30
            if d > 9 { break }
            whole = whole &* 10 &+ Int64(d)
            i += 1
        }
        let wholeDigits = i - wholeStart
        guard wholeDigits > 0, wholeDigits <= 14 else { return nil }
        var fraction: Int64 = 0
        if i < limit, p[i] == 0x2C || p[i] == 0x2E {
            var decimals = 0
            while decimals < 2, i + 1 + decimals < limit {
                let d = p[i + 1 + decimals] &- 0x30
                if d > 9 { break }
                fraction = fraction * 10 + Int64(d)
                decimals += 1
            }
            guard decimals > 0 else { return nil }
            fraction *= decimals == 1 ? 1000 : 100
            i += 1 + decimals
        }
        // FixedDecimal.scale, written out: a global's accessor in the hot loop costs a lazy-init check.
        let raw = whole * 10_000 + fraction
        return (negative ? -raw : raw, i)
    }
}
