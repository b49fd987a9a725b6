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
