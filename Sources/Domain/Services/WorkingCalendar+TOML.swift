extension WorkingCalendar {
    /// The `[calendar]` table: `opens`, `closes` (`HH:MM`), `days` (`mon` … `sun`), `eves_are_working_days`,
    /// `closed_days` (dates) and `around_the_clock`.
    static func load(from node: TOMLNode) -> WorkingCalendar {
        var calendar = WorkingCalendar()
        for (key, keyPath) in [("opens", \WorkingCalendar.opens), ("closes", \WorkingCalendar.closes)] {
            guard let text = node.string(key, required: false) else { continue }
            if let minute = Timestamp.minuteOfDay(text) {
                calendar[keyPath: keyPath] = minute
            } else {
                node.report(key, .unexpectedValue(expected: "a time of day HH:MM", found: text))
            }
        }
        if calendar.closes <= calendar.opens {
            node.report("closes", "expected a time after 'opens'")
        }
        if let names = node.strings("days") {
            var days: Set<Weekday> = []
            for name in names {
                if let day = Weekday.allCases.first(where: { $0.configName == name }) {
                    days.insert(day)
                } else {
                    node.report(
                        "days",
                        .unexpectedValue(
                            expected: "days from \(Diagnostic.alternatives(Weekday.allCases.map(\.configName)))",
                            found: name))
                }
            }
            calendar.workdays = days
        }
        calendar.evesAreWorkingDays = node.bool("eves_are_working_days") ?? false
        for text in node.strings("closed_days") ?? [] {
            if let day = Day(text) {
                calendar.closedDays.insert(day)
            } else {
                node.report("closed_days", .unexpectedValue(expected: "dates YYYY-MM-DD", found: text))
            }
        }
        calendar.isAlwaysOpen = node.bool("around_the_clock") ?? false
        node.reportUnknownKeys()
        return calendar
    }
}
