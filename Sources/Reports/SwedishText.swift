import Domain

/// The small pieces of Swedish that the reports' generated sentences are made of: a count with its noun in
/// singular or plural, a name inside a sentence, a list of figures in one parenthesis.
///
/// Numbers in them are formatted as `SwedishFormat` does (`1 234`). Every sentence that puts a count before a
/// noun goes through `count(_:_:_:)`, so a page never reads "1 enheter" or "1 externa".
package enum SwedishText {
    /// A count and its noun: `1 enhet`, `0 enheter`, `7 enheter`.
    ///
    /// - Parameters:
    ///   - count: the number; grouped as `SwedishFormat` groups it (`1 234 rader`).
    ///   - singular: the noun after 1 (`enhet`, `extern`, `rad`).
    ///   - plural: the noun after any other number, 0 included (`enheter`, `externa`, `rader`).
    package static func count(_ count: Int, _ singular: String, _ plural: String) -> String {
        "\(SwedishFormat.number(count)) \(count == 1 ? singular : plural)"
    }

    /// Items in a sentence: `a`, `a och b`, `a, b och c`.
    package static func list(_ items: [String]) -> String {
        guard let last = items.last else { return "" }
        return items.count == 1 ? last : items.dropLast().joined(separator: ", ") + " och " + last
    }

    /// How an område's units split by regi: `7 enheter: 4 i egen regi, 3 externa`, `1 enhet: 1 i egen regi,
    /// 0 externa`; parenthesised, `1 enhet (0 i egen regi, 1 extern)`.
    package static func unitCounts(total: Int, egen: Int, extern: Int, parenthesised: Bool = false) -> String {
        let units = count(total, "enhet", "enheter")
        let split = "\(egen) i egen regi, \(count(extern, "extern", "externa"))"
        return parenthesised ? "\(units) (\(split))" : "\(units): \(split)"
    }

    /// How a list of units splits by regi, as `unitCounts(total:egen:extern:parenthesised:)` words it.
    static func unitCounts(_ enheter: [Enhet], parenthesised: Bool = false) -> String {
        unitCounts(
            total: enheter.count, egen: enheter.filter { $0.regi == .egen }.count,
            extern: enheter.filter { $0.regi == .extern }.count, parenthesised: parenthesised)
    }

    /// A name from the config inside a sentence, as it is written there except for a capital first letter
    /// of an ordinary word: `Antal brukare` → `antal brukare`, but `LSS-timmar`, `Brukare i LSS` keep their
    /// acronyms (`brukare i LSS`), and a name whose first word is an acronym keeps it (`LSS-boende`).
    package static func inSentence(_ name: String) -> String {
        let scalars = Array(name.unicodeScalars.prefix(2))
        guard let first = scalars.first, first.properties.isUppercase else { return name }
        if scalars.count > 1, scalars[1].properties.isUppercase || !scalars[1].properties.isAlphabetic {
            return name
        }
        return String(name.prefix(1)).lowercased() + name.dropFirst()
    }

    /// Labelled figures in one parenthesis: `(2024: 0,0 %, 2025: 1,0 %)`; empty when there are none.
    package static func parenthesis(_ items: [(label: String, value: String)]) -> String {
        items.isEmpty ? "" : "(" + items.map { "\($0.label): \($0.value)" }.joined(separator: ", ") + ")"
    }

    /// How often something recurs every `years` years: `varje år`, `vartannat år`, `vart 3:e år`, `vart
    /// 21:a år` (the Swedish ordinal ends in `:a` after 1 and 2, except 11 and 12).
    package static func everyYears(_ years: Int) -> String {
        switch years {
        case ...1: return "varje år"
        case 2: return "vartannat år"
        default:
            let ending = [1, 2].contains(years % 10) && ![11, 12].contains(years % 100) ? "a" : "e"
            return "vart \(years):\(ending) år"
        }
    }
}
