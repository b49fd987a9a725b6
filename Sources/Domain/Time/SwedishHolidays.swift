/// The Swedish public holidays (allmänna helgdagar, lagen 1989:253) of a year, and the days that are off in
/// practice (midsommarafton, julafton, nyårsafton: not holidays by law, but no working days in a municipality's
/// agreements).
package enum SwedishHolidays {
    /// The public holidays of `year` that can fall on a weekday, with their names. Sundays (påskdagen,
    /// pingstdagen) are off anyway; midsommardagen and alla helgons dag always fall on a Saturday.
    package static func publicHolidays(_ year: Int) -> [(day: Day, name: String)] {
        guard let easter = easterSunday(year) else { return [] }
        let fixed: [(Int, Int, String)] = [
            (1, 1, "nyårsdagen"), (1, 6, "trettondedag jul"), (5, 1, "första maj"), (6, 6, "Sveriges nationaldag"),
            (12, 25, "juldagen"), (12, 26, "annandag jul"),
        ]
        var days = fixed.compactMap { month, day, name in Day(year: year, month: month, day: day).map { ($0, name) } }
        days += [
            (Day.fromOrdinal(easter.ordinal - 2), "långfredagen"), (easter, "påskdagen"),
            (Day.fromOrdinal(easter.ordinal + 1), "annandag påsk"),
            (Day.fromOrdinal(easter.ordinal + 39), "Kristi himmelsfärdsdag"),
            (Day.fromOrdinal(easter.ordinal + 49), "pingstdagen"),
        ]
        if let midsommar = midsommardagen(year) {
            days.append((midsommar, "midsommardagen"))
        }
        if let allSaints = allaHelgonsDag(year) { days.append((allSaints, "alla helgons dag")) }
        return days.sorted { $0.0 < $1.0 }
    }

    /// Midsommarafton, julafton and nyårsafton of `year`: off in practice, not by law.
    package static func eves(_ year: Int) -> [(day: Day, name: String)] {
        var days: [(Day, String)] = []
        if let midsommar = midsommardagen(year) {
            days.append((Day.fromOrdinal(midsommar.ordinal - 1), "midsommarafton"))
        }
        if let christmasEve = Day(year: year, month: 12, day: 24) { days.append((christmasEve, "julafton")) }
        if let newYearsEve = Day(year: year, month: 12, day: 31) { days.append((newYearsEve, "nyårsafton")) }
        return days
    }

    /// Easter Sunday of a Gregorian year (the anonymous Gregorian algorithm, Meeus/Jones/Butcher).
    package static func easterSunday(_ year: Int) -> Day? {
        let a = year % 19
        let b = year / 100
        let c = year % 100
        let d = b / 4
        let e = b % 4
        let f = (b + 8) / 25
        let g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30
        let i = c / 4
        let k = c % 4
        let l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31
        let day = (h + l - 7 * m + 114) % 31 + 1
        return Day(year: year, month: month, day: day)
    }

    /// The Saturday from 20 to 26 June.
    static func midsommardagen(_ year: Int) -> Day? { saturday(onOrAfter: Day(year: year, month: 6, day: 20)) }

    /// The Saturday from 31 October to 6 November.
    static func allaHelgonsDag(_ year: Int) -> Day? { saturday(onOrAfter: Day(year: year, month: 10, day: 31)) }

    static func saturday(onOrAfter start: Day?) -> Day? {
        guard let start else { return nil }
        let offset = (Weekday.saturday.rawValue - Weekday(start).rawValue + 7) % 7
        return Day.fromOrdinal(start.ordinal + offset)
    }
}

/// A day of the week, Monday first (ISO 8601).
package enum Weekday: Int, Sendable, CaseIterable {
    case monday = 0
    case tuesday, wednesday, thursday, friday, saturday, sunday

    /// The weekday of a date (1970-01-01 was a Thursday).
    package init(_ day: Day) {
        self = Weekday(rawValue: ((day.ordinal + 3) % 7 + 7) % 7) ?? .monday
    }

    /// The config's name of the day: `mon` … `sun`.
    package var configName: String { ["mon", "tue", "wed", "thu", "fri", "sat", "sun"][rawValue] }
}
