/// A calendar month, the grain of every fact in the warehouse.
package struct Month: Hashable, Comparable, Sendable, CustomStringConvertible {
    package let year: Int
    /// 1 = January … 12 = December.
    package let month: Int

    package init?(year: Int, month: Int) {
        guard (1900...2999).contains(year), (1...12).contains(month) else { return nil }
        self.year = year
        self.month = month
    }

    /// Parses `2025-03` or `202503`.
    package init?(_ text: String) {
        var text = text
        guard let month = text.withUTF8({ Month(bytes: $0) }) else { return nil }
        self = month
    }

    /// Parses `2025-03` or `202503` from raw bytes, without allocating.
    package init?(bytes: UnsafeBufferPointer<UInt8>) {
        var value = 0
        switch bytes.count {
        case 7:
            guard bytes[4] == UInt8(ascii: "-") else { return nil }
            for (k, b) in bytes.enumerated() where k != 4 {
                guard b >= 0x30 && b <= 0x39 else { return nil }
                value = value * 10 + Int(b - 0x30)
            }
        case 6:
            for b in bytes {
                guard b >= 0x30 && b <= 0x39 else { return nil }
                value = value * 10 + Int(b - 0x30)
            }
        default:
            return nil
        }
        self.init(year: value / 100, month: value % 100)
    }

    /// Months since year 0: consecutive months differ by one.
    package var ordinal: Int { year * 12 + (month - 1) }

    package init(ordinal: Int) {
        self.year = ordinal / 12
        self.month = ordinal % 12 + 1
    }

    package func adding(months: Int) -> Month { Month(ordinal: ordinal + months) }

    /// The tertial the month belongs to: 1 (Jan–Apr), 2 (May–Aug) or 3 (Sep–Dec).
    package var tertial: Int { (month - 1) / 4 + 1 }

    package var description: String { "\(year)-\(month < 10 ? "0" : "")\(month)" }

    package static func < (lhs: Month, rhs: Month) -> Bool { lhs.ordinal < rhs.ordinal }
}

/// A calendar date, used for the unit register's validity and for parsing transaction dates.
package struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
    package let year: Int
    package let month: Int
    package let day: Int

    package init?(year: Int, month: Int, day: Int) {
        guard (1900...2999).contains(year), (1...12).contains(month), day >= 1,
            day <= Day.daysIn(month: month, year: year)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// 1970-01-01, the day of ordinal 0.
    static let epoch = Day(valid: 1970, 1, 1)

    /// A day known to be valid.
    private init(valid year: Int, _ month: Int, _ day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `2025-03-31` or `20250331`.
    package init?(_ text: String) {
        var text = text
        guard let day = text.withUTF8({ Day(bytes: $0) }) else { return nil }
        self = day
    }

    /// Parses `2025-03-31` or `20250331` from raw bytes, without allocating. A time of day after the date
    /// (`2025-03-04 13:45`, `2025-03-04T13:45:10`, as registers export timestamps) is checked and ignored.
    package init?(bytes: UnsafeBufferPointer<UInt8>) {
        if bytes.count == 16 || bytes.count == 19, let base = bytes.baseAddress {
            guard bytes[10] == UInt8(ascii: " ") || bytes[10] == UInt8(ascii: "T"),
                Self.isTimeOfDay(UnsafeBufferPointer(start: base + 11, count: bytes.count - 11))
            else { return nil }
            self.init(bytes: UnsafeBufferPointer(start: base, count: 10))
            return
        }
        var value = 0
        switch bytes.count {
        case 10:
            guard bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
            for (k, b) in bytes.enumerated() where k != 4 && k != 7 {
                guard b >= 0x30 && b <= 0x39 else { return nil }
                value = value * 10 + Int(b - 0x30)
            }
        case 8:
            for b in bytes {
                guard b >= 0x30 && b <= 0x39 else { return nil }
                value = value * 10 + Int(b - 0x30)
            }
        default:
            return nil
        }
        self.init(year: value / 10_000, month: value / 100 % 100, day: value % 100)
    }

    /// Whether the bytes are `HH:MM` or `HH:MM:SS`, hours 00–23, minutes and seconds 00–59.
    static func isTimeOfDay(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        func number(_ at: Int) -> Int? {
            guard bytes[at] >= 0x30, bytes[at] <= 0x39, bytes[at + 1] >= 0x30, bytes[at + 1] <= 0x39 else { return nil }
            return Int(bytes[at] - 0x30) * 10 + Int(bytes[at + 1] - 0x30)
        }
        guard bytes.count == 5 || bytes.count == 8, bytes[2] == UInt8(ascii: ":"), let hours = number(0), hours < 24,
            let minutes = number(3), minutes < 60
        else { return false }
        guard bytes.count == 8 else { return true }
        guard bytes[5] == UInt8(ascii: ":"), let seconds = number(6) else { return false }
        return seconds < 60
    }

    package static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01, so two days can be subtracted.
    package var ordinal: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The day `ordinal` days after 1970-01-01.
    package static func fromOrdinal(_ ordinal: Int) -> Day {
        // Howard Hinnant's civil_from_days.
        let z = ordinal + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        return Day(year: year, month: month, day: day) ?? .epoch
    }

    package var monthValue: Month {
        // A Day is always valid, so its month is too.
        Month(ordinal: year * 12 + month - 1)
    }

    package var description: String {
        let m = month < 10 ? "0\(month)" : "\(month)"
        let d = day < 10 ? "0\(day)" : "\(day)"
        return "\(year)-\(m)-\(d)"
    }

    package static func < (lhs: Day, rhs: Day) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }
}
