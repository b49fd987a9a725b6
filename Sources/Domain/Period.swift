/// A reporting period: a month, a tertial or a year.
///
/// Written `2025-03`, `2025-T2` and `2025`. Every period knows the months it covers, its year to date
/// (January up to its last month) and the same period last year.
package enum Period: Hashable, Sendable, CustomStringConvertible {
    case month(Month)
    /// Tertial 1 = January–April, 2 = May–August, 3 = September–December.
    case tertial(year: Int, number: Int)
    case year(Int)
    /// January of `year` through the end of `through`, inclusive.
    case yearToDate(through: Month)

    /// Parses `2025-03`, `2025-T2` or `2025`; `nil` for anything else.
    package init?(_ text: String) {
        if let month = Month(text), text.count == 7 {
            self = .month(month)
            return
        }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        if parts.count == 2, parts[0].count == 4, let year = Int(parts[0]), (1900...2999).contains(year),
            parts[1].count == 2, parts[1].first == "T", let number = Int(parts[1].dropFirst()),
            (1...3).contains(number)
        {
            self = .tertial(year: year, number: number)
            return
        }
        if text.count == 4, let year = Int(text), (1900...2999).contains(year) {
            self = .year(year)
            return
        }
        return nil
    }

    package var year: Int {
        switch self {
        case .month(let m): return m.year
        case .tertial(let year, _): return year
        case .year(let year): return year
        case .yearToDate(let through): return through.year
        }
    }

    /// The months the period covers, in order.
    package var months: [Month] {
        let (first, last) = bounds
        return (first.ordinal...last.ordinal).map(Month.init(ordinal:))
    }

    /// The first and last month of the period.
    package var bounds: (first: Month, last: Month) {
        switch self {
        case .month(let m):
            return (m, m)
        case .tertial(let year, let number):
            let first = Month(ordinal: year * 12 + (number - 1) * 4)
            return (first, first.adding(months: 3))
        case .year(let year):
            return (Month(ordinal: year * 12), Month(ordinal: year * 12 + 11))
        case .yearToDate(let through):
            return (Month(ordinal: through.year * 12), through)
        }
    }

    /// January of the period's year up to the period's last month.
    package var yearToDate: Period { .yearToDate(through: bounds.last) }

    /// The same period one year earlier.
    package var sameLastYear: Period {
        switch self {
        case .month(let m): return .month(m.adding(months: -12))
        case .tertial(let year, let number): return .tertial(year: year - 1, number: number)
        case .year(let year): return .year(year - 1)
        case .yearToDate(let through): return .yearToDate(through: through.adding(months: -12))
        }
    }

    package var description: String {
        switch self {
        case .month(let m): return m.description
        case .tertial(let year, let number): return "\(year)-T\(number)"
        case .year(let year): return String(year)
        case .yearToDate(let through): return "\(through.year)-01..\(through)"
        }
    }

    /// A Swedish label for reports: `mars 2025`, `tertial 2 2025`, `2025`, `jan–aug 2025`.
    package var label: String {
        switch self {
        case .month(let m): return "\(Period.monthNames[m.month - 1]) \(m.year)"
        case .tertial(let year, let number): return "tertial \(number) \(year)"
        case .year(let year): return String(year)
        case .yearToDate(let through):
            return "jan–\(Period.monthAbbreviations[through.month - 1]) \(through.year)"
        }
    }

    static let monthNames = [
        "januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
        "november", "december",
    ]
    static let monthAbbreviations = [
        "jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec",
    ]
}
