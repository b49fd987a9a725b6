/// The hours an SLA counts: "resolved within 8 working hours" counts the minutes between opening and
/// resolution that fall on a working day within the opening hours, not the clock.
///
/// A working day is one of `workdays` that is no Swedish public holiday, no eve the municipality keeps off
/// (midsommarafton, julafton, nyårsafton, unless `evesAreWorkingDays`) and not in `closedDays`. A calendar
/// `isAlwaysOpen` counts every minute (24/7 services, priority-1 incidents).
package struct WorkingCalendar: Hashable, Sendable {
    /// The minute of the day the service opens, e.g. 480 for 08:00. The default is `defaultOpens`.
    package var opens = Self.defaultOpens
    /// The minute of the day it closes, after `opens`. The default is `defaultCloses`.
    package var closes = Self.defaultCloses
    /// The days of the week it is open. The default is Monday to Friday.
    package var workdays: Set<Weekday> = Self.defaultWorkdays
    /// Whether midsommarafton, julafton and nyårsafton are working days. The default is `false`.
    package var evesAreWorkingDays = false
    /// Further days it is closed (klämdagar the municipality gives off).
    package var closedDays: Set<Day> = []
    /// Every minute counts. The default is `false`.
    package var isAlwaysOpen = false

    /// 08:00.
    package static let defaultOpens = 8 * 60
    /// 17:00.
    package static let defaultCloses = 17 * 60
    /// Monday to Friday.
    package static let defaultWorkdays: Set<Weekday> = [.monday, .tuesday, .wednesday, .thursday, .friday]
    /// Every minute of every day.
    package static let alwaysOpen: WorkingCalendar = {
        var calendar = WorkingCalendar()
        calendar.isAlwaysOpen = true
        return calendar
    }()

    package init() {}

    /// Whether `day` is a working day.
    package func isWorkingDay(_ day: Day) -> Bool {
        if isAlwaysOpen { return true }
        guard workdays.contains(Weekday(day)), !closedDays.contains(day) else { return false }
        if SwedishHolidays.publicHolidays(day.year).contains(where: { $0.day == day }) { return false }
        if !evesAreWorkingDays && SwedishHolidays.eves(day.year).contains(where: { $0.day == day }) { return false }
        return true
    }

    /// The working minutes from `start` to `end` (0 when `end` is not after `start`).
    package func workingMinutes(from start: Timestamp, to end: Timestamp) -> Int {
        guard end > start else { return 0 }
        if isAlwaysOpen { return end.minutes - start.minutes }
        var total = 0
        var ordinal = start.day.ordinal
        let last = end.day.ordinal
        var holidays: [Int: Set<Int>] = [:]
        while ordinal <= last {
            let day = Day.fromOrdinal(ordinal)
            if isWorkingDay(day, holidays: &holidays) {
                let dayStart = ordinal * Timestamp.minutesPerDay
                let from = max(start.minutes, dayStart + opens)
                let to = min(end.minutes, dayStart + closes)
                if to > from { total += to - from }
            }
            ordinal += 1
        }
        return total
    }

    /// `isWorkingDay(_:)` with the year's closed days computed once per year of a long span.
    private func isWorkingDay(_ day: Day, holidays: inout [Int: Set<Int>]) -> Bool {
        guard workdays.contains(Weekday(day)), !closedDays.contains(day) else { return false }
        let closed =
            holidays[day.year]
            ?? {
                var days = SwedishHolidays.publicHolidays(day.year).map(\.day.ordinal)
                if !evesAreWorkingDays { days += SwedishHolidays.eves(day.year).map(\.day.ordinal) }
                let set = Set(days)
                holidays[day.year] = set
                return set
            }()
        return !closed.contains(day.ordinal)
    }
}
