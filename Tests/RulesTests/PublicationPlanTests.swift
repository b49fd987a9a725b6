import Foundation
import TestSupport
import Testing

@testable import Domain
@testable import Rules

/// Complementary suppression: what one unit's small n hides besides it, decided once per year.
@Suite("Complementary suppression")
struct ComplementarySuppressionTests {
    @Test("A unit below min n hides the smallest published unit of its regi beside it, in every indicator of its n")
    func secondary() throws {
        let evaluation = try RulesFixture.evaluate(.year(2025))
        let nojdhet = try #require(evaluation.indicator("ht", "nojdhet"))
        // C has 4 respondents (primary); A 30 and B 15 are the other egen regi units: B, the smaller, is hidden
        // too, so that the egen regi units' total minus A does not give C.
        #expect(nojdhet.value("C")?.missing == .suppressed)
        #expect(nojdhet.value("B")?.missing == .suppressed)
        #expect(nojdhet.value("B")?.n == nil && nojdhet.value("B")?.status == nil)
        #expect(nojdhet.value("A")?.value == 90)
        // The median is of the published values only: A 90 and D 75.
        #expect(nojdhet.median == 82.5)
        // The women's and men's values go with their total.
        #expect(nojdhet.value("B", gender: .kvinnor)?.missing == .suppressed)
        // B's hidden survey result no longer puts it on the åtgärdsplan list, whose reasons print the value.
        let b = evaluation.actionPlans.first { $0.enhet.id == "B" }
        #expect(b?.reasons.map(\.rule.id) == ["resultatkrav", "kostnad"])
    }

    @Test("The minimum n is tested on the exact mean, not the rounded one")
    func exactN() throws {
        // E: 4 and 5 brukare in alternate months, a mean of 4,5: rounded it would be 5 and published.
        let facts = RulesFixture.facts().map { fact -> Fact in
            guard fact.enhet == "E", fact.measure == "brukare", fact.month.month % 2 == 1 else { return fact }
            return RulesFixture.fact("E", fact.month, "brukare", 4)
        }
        let config = try RulesFixture.config()
        let evaluation = RuleEngine(config: config).evaluate(period: .year(2025), facts: facts)
        let value = try #require(evaluation.indicator("ht", "kpb")?.value("E"))
        #expect(value.missing == .suppressed)
        let plan = PublicationPlan(
            config: config, table: MeasureTable(facts: facts, measures: config.measures), year: 2025)
        let kpb = try #require(config.indicators.first { $0.id == "kpb" })
        #expect(plan.isHidden("E", kpb, omrade: "ht", gender: nil, config: config))
    }

    @Test("suppression = \"totals\" hides the område total instead of a second unit")
    func totals() throws {
        let config = try RulesFixture.config { "[report]\nsuppression = \"totals\"\n\n" + $0 }
        let nojdhet = try #require(try RulesFixture.evaluate(.year(2025), config: config).indicator("ht", "nojdhet"))
        #expect(nojdhet.value("C")?.missing == .suppressed)
        #expect(nojdhet.value("B")?.value != nil)
        #expect(nojdhet.total == nil)
        let kpb = try #require(try RulesFixture.evaluate(.year(2025), config: config).indicator("ht", "kpb"))
        #expect(kpb.total != nil)
    }

    @Test("An unknown suppression method is a config error naming the key")
    func unknownMethod() throws {
        #expect(throws: ConfigError.self) {
            try RulesFixture.config { "[report]\nsuppression = \"none\"\n\n" + $0 }
        }
    }

    @Test("Counts by type: the plan's hidden units are withheld; an område total only beside all or none")
    func breakdownRows() throws {
        let config = try RulesFixture.config()
        let enheter = config.enheter.filter { $0.omrade == "ht" }
        let rows = enheter.enumerated().map { index, enhet in
            Breakdown.Row(enhet: enhet, values: [Rational(index), nil], hidden: false)
        }
        let withheld = RuleEngine.withheld(rows, hidden: ["C", "E"])
        // E has no counts at all: withheld all the same, or its `-` would say so.
        #expect(withheld.filter(\.hidden).map(\.enhet.id) == ["C", "E"])
        let breakdown = Breakdown(
            measure: Measure(id: "antal", name: "Antal", unit: "st", aggregation: .sum),
            categories: ["klagomal", "berom"],
            omraden: [], publicCategories: ["klagomal"])
        // Klagomål is public: shown for A, B and D, hidden for C and E, so its total would give C + E = 2 away.
        #expect(!breakdown.isColumnTotalShown(withheld, category: 0))
        // Beröm is shown for no unit: its total only where the plan hides none (a 0 would say C and E had 0).
        #expect(!breakdown.isColumnTotalShown(withheld, category: 1))
        #expect(breakdown.isColumnTotalShown(RuleEngine.withheld(rows, hidden: []), category: 1))
        #expect(!breakdown.isGrandTotalShown(withheld))
        #expect(breakdown.isColumnTotalShown(RuleEngine.withheld(rows, hidden: []), category: 0))
    }

    @Test("Counts by type: a public type whose every unit is hidden has its område total withheld too")
    func breakdownAllHidden() throws {
        // Norrby's LSS-boende in 2024 (fixtures/norrby): both units hidden by the plan, no klagomål at all. A
        // total of 0 beside two `..` would give each of them away as 0, and the disclosure audit withheld every
        // tertial report of the year. docs/CONFIG.md (`public_counts`): "A unit whose figures are suppressed has
        // its counts withheld all the same, and then the område's total of that type is withheld too".
        let config = try RulesFixture.config()
        let enheter = config.enheter.filter { $0.omrade == "ht" }
        let rows = enheter.map { Breakdown.Row(enhet: $0, values: [0, 1], hidden: false) }
        let withheld = RuleEngine.withheld(rows, hidden: Set(enheter.map(\.id)))
        let breakdown = Breakdown(
            measure: Measure(id: "antal", name: "Antal", unit: "st", aggregation: .sum),
            categories: ["klagomal", "berom"],
            omraden: [], publicCategories: ["klagomal"])
        #expect(!breakdown.isColumnTotalShown(withheld, category: 0))
        // Beröm is published for no unit by the config, and its total is withheld beside units the plan hides.
        #expect(!breakdown.isColumnTotalShown(withheld, category: 1))
        // The grand total minus beröm's would give klagomål's total away.
        #expect(!breakdown.isGrandTotalShown(withheld))
        let everyType = Breakdown(
            measure: breakdown.measure, categories: breakdown.categories, omraden: [],
            publicCategories: ["klagomal", "berom"])
        #expect(!everyType.isColumnTotalShown(withheld, category: 1))
        #expect(!everyType.isGrandTotalShown(withheld))
        #expect(everyType.isGrandTotalShown(RuleEngine.withheld(rows, hidden: [])))
    }
}

/// Over random data: no published aggregate has exactly one hidden contributor, and a unit hidden in one
/// period of the year is hidden in all of them.
@Suite("Complementary suppression properties")
struct ComplementarySuppressionPropertyTests {
    @Test("No område total, egen regi or external subtotal has exactly one hidden unit", arguments: 1...25)
    func noSingleHidden(seed: UInt64) throws {
        let config = try RulesFixture.config()
        let facts = RulePropertyTests.randomFacts(seed: seed)
        let engine = RuleEngine(config: config)
        let periods = PublicationPlan.periods(of: 2025)
        let evaluations = engine.evaluate(
            periods: periods, table: MeasureTable(facts: facts, measures: config.measures))
        var hiddenByPeriod: [String: [Bool]] = [:]
        for evaluation in evaluations {
            for omrade in evaluation.omraden {
                for indicator in omrade.indicators where indicator.definition.nMeasure != nil {
                    let contributors = indicator.values.filter { $0.value != nil || $0.missing == .suppressed }
                    for subset in [
                        contributors.filter { $0.enhet.regi == .egen },
                        contributors.filter { $0.enhet.regi == .extern },
                        contributors,
                    ] {
                        let hidden = subset.count { $0.missing == .suppressed }
                        #expect(hidden != 1, "\(evaluation.period) \(indicator.definition.id): one hidden unit")
                    }
                    for value in contributors {
                        hiddenByPeriod["\(indicator.definition.id) \(value.enhet.id)", default: []].append(
                            value.missing == .suppressed)
                    }
                    // A gender is never the only hidden part of a published total.
                    for (index, total) in indicator.values.enumerated() where indicator.definition.byGender {
                        let sides = Gender.allCases.compactMap { indicator.byGender[$0]?[index] }
                        let hidden = sides.count { $0.missing == .suppressed }
                        if total.value != nil { #expect(hidden != 1) }
                        if total.missing == .suppressed { #expect(sides.allSatisfy { $0.value == nil }) }
                    }
                }
            }
        }
        for (cell, hidden) in hiddenByPeriod {
            #expect(Set(hidden).count == 1, "\(cell): hidden in some periods of the year, published in others")
        }
    }

    @Test("Total minus the published units never isolates a hidden unit's value", arguments: 1...25)
    func totalMinusParts(seed: UInt64) throws {
        let config = try RulesFixture.config {
            $0 + "\n[[indicator]]\nid = \"brukare\"\nname = \"Brukare\"\nfamily = \"volym\"\nformula = \"brukare\"\n"
                + "unit = \"st\"\nn_measure = \"brukare\"\n"
        }
        let facts = RulePropertyTests.randomFacts(seed: seed)
        let evaluation = RuleEngine(config: config).evaluate(period: .year(2025), facts: facts)
        let brukare = try #require(evaluation.indicator("ht", "brukare"))
        guard let total = brukare.total else { return }
        let hidden = brukare.values.filter { $0.missing == .suppressed }
        let published = brukare.values.compactMap(\.value?.doubleValue).reduce(0, +)
        if hidden.count == 1 {
            Issue.record("total \(total) − published \(published) gives \(hidden[0].enhet.id)")
        }
    }

    @Test("A type the config withholds per unit keeps its område total only over two or more units the plan shows")
    func withheldTypeTotals() throws {
        let config = try RulesFixture.config()
        let enheter = config.enheter.filter { $0.omrade == "ht" }
        let breakdown = Breakdown(
            measure: Measure(id: "antal", name: "Antal", unit: "st", aggregation: .sum),
            categories: ["lex_sarah"], omraden: [], publicCategories: [])
        func rows(_ units: ArraySlice<Enhet>, hidden: Set<String> = []) -> [Breakdown.Row] {
            units.map { Breakdown.Row(enhet: $0, values: [.zero], hidden: hidden.contains($0.id)) }
        }
        #expect(breakdown.isColumnTotalShown(rows(enheter[0..<2]), category: 0))
        #expect(!breakdown.isColumnTotalShown(rows(enheter[0..<1]), category: 0), "one unit's total is its count")
        #expect(
            !breakdown.isColumnTotalShown(rows(enheter[0..<3], hidden: [enheter[0].id]), category: 0),
            "beside a unit the plan hides")
        #expect(breakdown.isWithheldByConfig(category: 0))
    }
}
