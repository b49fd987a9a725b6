import Domain
import Foundation

/// The small municipality of fixtures/rules with hand-computed expectations for every rule.
///
/// Hemtjänst: A, B, C in egen regi, D and E external; särskilt boende: S in egen regi. Per month (2024 and
/// 2025 alike unless said): A 10 brukare, costs 20 000 + 5 000 (22 000 personnel in August 2025), revenues
/// 26 000, budget 26 000 / 20 000 / 5 000; B 10 brukare, costs 35 000 + 10 000, revenues 45 000; C 20 brukare,
/// costs 60 000 + 10 000, revenues 73 500; D 10 brukare, costs 25 000 + 5 000; E 5 brukare, costs 8 000 +
/// 2 000; S 8 brukare, costs 80 000, revenues 84 000, budget 85 000 / 80 000. Survey answers in October 2025.
package enum RulesFixture {
    package static func config(_ edit: (String) -> String = { $0 }) throws -> Config {
        let path = Fixtures.path("rules/kommun.toml")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return try Config.parse(edit(text), file: "kommun.toml", baseDirectory: Fixtures.path("rules"))
    }

    package static func fact(
        _ enhet: String, _ month: Month, _ measure: String, _ value: Int, gender: Gender? = nil
    ) -> Fact {
        Fact(enhet: enhet, month: month, measure: measure, gender: gender, value: FixedDecimal(value))
    }

    package static func facts() -> [Fact] {
        var facts: [Fact] = []
        for year in [2024, 2025] {
            for number in 1...12 {
                let m = Month(year: year, month: number) ?? Month(ordinal: 0)
                let aPersonnel = year == 2025 && number == 8 ? 22_000 : 20_000
                let monthly: [(String, [(String, Int)])] = [
                    (
                        "A",
                        [
                            ("brukare", 10), ("personalkostnader", aPersonnel), ("ovriga_kostnader", 5_000),
                            ("intakter", 26_000), ("budget_intakter", 26_000),
                            ("budget_personalkostnader", 20_000), ("budget_ovriga_kostnader", 5_000),
                        ]
                    ),
                    (
                        "B",
                        [
                            ("brukare", 10), ("personalkostnader", 35_000), ("ovriga_kostnader", 10_000),
                            ("intakter", 45_000),
                        ]
                    ),
                    (
                        "C",
                        [
                            ("brukare", 20), ("personalkostnader", 60_000), ("ovriga_kostnader", 10_000),
                            ("intakter", 73_500),
                        ]
                    ),
                    ("D", [("brukare", 10), ("personalkostnader", 25_000), ("ovriga_kostnader", 5_000)]),
                    ("E", [("brukare", 5), ("personalkostnader", 8_000), ("ovriga_kostnader", 2_000)]),
                    (
                        "S",
                        [
                            ("brukare", 8), ("personalkostnader", 80_000), ("intakter", 84_000),
                            ("budget_intakter", 85_000), ("budget_personalkostnader", 80_000),
                        ]
                    ),
                ]
                for (enhet, values) in monthly {
                    for (measure, value) in values { facts.append(fact(enhet, m, measure, value)) }
                }
            }
        }
        let october = Month(year: 2025, month: 10) ?? Month(ordinal: 0)
        // (unit, gender, svarande, positiva); gender nil = the total.
        let answers: [(String, Gender?, Int, Int)] = [
            ("A", nil, 30, 27), ("A", .kvinnor, 20, 18), ("A", .man, 10, 9),
            ("B", nil, 15, 10), ("B", .kvinnor, 12, 9), ("B", .man, 3, 1),
            ("C", nil, 4, 3), ("C", .kvinnor, 2, 2), ("C", .man, 2, 1),
            ("D", nil, 20, 15), ("D", .kvinnor, 10, 8), ("D", .man, 10, 7),
        ]
        for (enhet, gender, svarande, positiva) in answers {
            facts.append(fact(enhet, october, "svarande", svarande, gender: gender))
            facts.append(fact(enhet, october, "positiva", positiva, gender: gender))
        }
        return facts
    }
}
