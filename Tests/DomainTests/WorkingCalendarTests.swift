import TestSupport
import Testing

@testable import Domain

/// The working-hours calendar SLA targets count in (issue #22): Swedish public holidays, the eves kept off,
/// opening hours, and the minutes between two timestamps.
@Suite("Working-hours calendar")
struct WorkingCalendarTests {
    static func day(_ text: String) -> Day { Day(text) ?? Day.fromOrdinal(0) }
    static func at(_ text: String) -> Timestamp { Timestamp(text) ?? Timestamp(minutes: 0) }

    @Test(
        "Easter Sunday, against the published dates",
        arguments: [
            "1943-04-25", "2000-04-23", "2008-03-23", "2011-04-24", "2016-03-27", "2019-04-21", "2024-03-31",
            "2025-04-20", "2026-04-05", "2027-03-28", "2038-04-25", "2285-03-22",
        ])
    func easter(date: String) throws {
        let expected = try #require(Day(date))
        #expect(SwedishHolidays.easterSunday(expected.year) == expected)
    }

    @Test("The public holidays of 2025, by law, and the eves kept off")
    func holidays2025() {
        let days = SwedishHolidays.publicHolidays(2025).map(\.day.description)
        #expect(
            days == [
                "2025-01-01", "2025-01-06", "2025-04-18", "2025-04-20", "2025-04-21", "2025-05-01", "2025-05-29",
                "2025-06-06", "2025-06-08", "2025-06-21", "2025-11-01", "2025-12-25", "2025-12-26",
            ])
        #expect(SwedishHolidays.eves(2025).map(\.day.description) == ["2025-06-20", "2025-12-24", "2025-12-31"])
        #expect(SwedishHolidays.eves(2026).first?.day.description == "2026-06-19")
    }

    @Test("Weekdays: 1970-01-01 was a Thursday, 2025-12-04 too, 1969-12-29 a Monday")
    func weekdays() {
        #expect(Weekday(Self.day("1970-01-01")) == .thursday)
        #expect(Weekday(Self.day("2025-12-04")) == .thursday)
        #expect(Weekday(Self.day("1969-12-29")) == .monday)
        #expect(Weekday(Self.day("2024-02-29")) == .thursday)
    }

    @Test("Timestamps as exports write them; an order that cannot be told is refused")
    func timestamps() {
        #expect(Timestamp("29-02-2016 01:16")?.description == "2016-02-29 01:16")
        #expect(Timestamp("2025-03-04T13:45:10")?.description == "2025-03-04 13:45")
        #expect(Timestamp("2025-03-04 07:05")?.description == "2025-03-04 07:05")
        #expect(Timestamp("2025-03-04")?.description == "2025-03-04 00:00")
        for bad in [
            "03/04/2025 10:00", "31-02-2016 10:00", "2025-03-04 24:00", "2025-03-04 10:60", "?", "", "2025-03-04x",
        ] {
            #expect(Timestamp(bad) == nil, "\(bad)")
        }
    }

    @Test("Friday 16:00 to Tuesday 09:00 is 1 + 9 + 1 working hours")
    func overAWeekend() {
        let calendar = WorkingCalendar()
        #expect(calendar.workingMinutes(from: Self.at("2025-06-13 16:00"), to: Self.at("2025-06-17 09:00")) == 660)
    }

    @Test("Midsommarafton is no working day unless the config says so")
    func overMidsommar() {
        var calendar = WorkingCalendar()
        let start = Self.at("2025-06-19 16:00")
        let end = Self.at("2025-06-23 09:00")
        #expect(calendar.workingMinutes(from: start, to: end) == 120)
        calendar.evesAreWorkingDays = true
        #expect(calendar.workingMinutes(from: start, to: end) == 660)
        #expect(WorkingCalendar.alwaysOpen.workingMinutes(from: start, to: end) == 4 * 1440 - 7 * 60)
    }

    @Test("A minute-by-minute count agrees with the calendar (property, 300 rounds)")
    func bruteForce() {
        var generator = SplitMix64(seed: 22)
        let base = Self.at("2025-04-14 00:00").minutes  // the week before Easter 2025
        for _ in 0..<300 {
            var calendar = WorkingCalendar()
            calendar.opens = Int.random(in: 0...(12 * 60), using: &generator)
            calendar.closes = calendar.opens + Int.random(in: 1...(12 * 60), using: &generator)
            if Bool.random(using: &generator) { calendar.workdays.insert(.saturday) }
            let start = Timestamp(minutes: base + Int.random(in: 0...(12 * 1440), using: &generator))
            let end = Timestamp(minutes: start.minutes + Int.random(in: -60...(4 * 1440), using: &generator))
            var expected = 0
            var minute = start.minutes
            var working: [Day: Bool] = [:]
            while minute < end.minutes {
                let stamp = Timestamp(minutes: minute)
                let isWorking = working[stamp.day] ?? calendar.isWorkingDay(stamp.day)
                working[stamp.day] = isWorking
                if isWorking, (calendar.opens..<calendar.closes).contains(stamp.minuteOfDay) {
                    expected += 1
                }
                minute += 1
            }
            #expect(calendar.workingMinutes(from: start, to: end) == expected, "\(start) → \(end)")
        }
    }

    @Test("Working minutes add up over any split point and never exceed the clock (property, 500 rounds)")
    func additive() {
        var generator = SplitMix64(seed: 2026)
        let calendar = WorkingCalendar()
        let base = Self.at("2024-12-20 00:00").minutes
        for _ in 0..<500 {
            let points = (0..<3).map { _ in base + Int.random(in: 0...(60 * 1440), using: &generator) }.sorted()
            let (a, b, c) = (
                Timestamp(minutes: points[0]), Timestamp(minutes: points[1]), Timestamp(minutes: points[2])
            )
            let whole = calendar.workingMinutes(from: a, to: c)
            #expect(whole == calendar.workingMinutes(from: a, to: b) + calendar.workingMinutes(from: b, to: c))
            #expect(whole >= 0 && whole <= c.minutes - a.minutes)
            #expect(calendar.workingMinutes(from: c, to: a) == 0)
        }
    }
}
