/// A local date and time to the minute, as service-desk exports write it (`2025-03-04 13:45`,
/// `2025-03-04T13:45:10`, ServiceNow's `04-03-2025 13:45`): no time zone, the municipality's own clock.
///
/// Seconds are read and dropped: SLA targets are set in minutes and hours.
package struct Timestamp: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Minutes since 1970-01-01 00:00.
    package let minutes: Int

    package init(minutes: Int) { self.minutes = minutes }

    /// The minute `minuteOfDay` (0–1439) of `day`.
    package init(day: Day, minuteOfDay: Int) {
        minutes = day.ordinal * Self.minutesPerDay + minuteOfDay
    }

    /// Minutes in a day.
    package static let minutesPerDay = 1440

    /// The day the timestamp falls on.
    package var day: Day { Day.fromOrdinal(minutes.floorDivided(by: Self.minutesPerDay)) }

    /// The minute of the day, 0–1439.
    package var minuteOfDay: Int { minutes - minutes.floorDivided(by: Self.minutesPerDay) * Self.minutesPerDay }

    /// Parses `YYYY-MM-DD HH:MM[:SS]`, `YYYY-MM-DDTHH:MM[:SS]` and `DD-MM-YYYY HH:MM[:SS]`; a date alone is its
    /// midnight. Anything else (`03/04/2025`, whose order cannot be told) is `nil`.
    package init?(_ text: String) {
        let bytes = Array(text.utf8)
        let dateLength = 10
        guard bytes.count >= dateLength else { return nil }
        let date = bytes[0..<dateLength]
        let day: Day?
        if date[date.startIndex + 4] == UInt8(ascii: "-") {
            day = Day(String(decoding: date, as: UTF8.self))
        } else if date[date.startIndex + 2] == UInt8(ascii: "-"), date[date.startIndex + 5] == UInt8(ascii: "-") {
            let text = String(decoding: date, as: UTF8.self)
            let parts = text.split(separator: "-")
            day = parts.count == 3 ? Day(String(parts[2] + "-" + parts[1] + "-" + parts[0])) : nil
        } else {
            day = nil
        }
        guard let day else { return nil }
        guard bytes.count > dateLength else {
            self.init(day: day, minuteOfDay: 0)
            return
        }
        let separator = bytes[dateLength]
        guard separator == UInt8(ascii: " ") || separator == UInt8(ascii: "T") else { return nil }
        let time = Array(bytes[(dateLength + 1)...])
        guard let minute = time.withUnsafeBufferPointer({ Self.minuteOfDay($0) }) else { return nil }
        self.init(day: day, minuteOfDay: minute)
    }

    /// The minute of the day of `HH:MM` or `HH:MM:SS`, or `nil`.
    package static func minuteOfDay(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard Day.isTimeOfDay(bytes) else { return nil }
        func digit(_ at: Int) -> Int { Int(bytes[at] - 0x30) }
        return (digit(0) * 10 + digit(1)) * 60 + digit(3) * 10 + digit(4)
    }

    /// The minute of the day of `HH:MM` (config values such as `opens = "08:00"`), or `nil`.
    package static func minuteOfDay(_ text: String) -> Int? {
        var text = text
        return text.withUTF8 { minuteOfDay($0) }
    }

    package var description: String {
        let minute = minuteOfDay
        let hours = minute / 60
        let rest = minute % 60
        return "\(day) \(hours < 10 ? "0" : "")\(hours):\(rest < 10 ? "0" : "")\(rest)"
    }

    package static func < (lhs: Timestamp, rhs: Timestamp) -> Bool { lhs.minutes < rhs.minutes }
}

extension Int {
    /// The quotient rounded towards minus infinity (a negative ordinal's day is the one before).
    func floorDivided(by divisor: Int) -> Int {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
