import TestSupport
import Testing

@testable import Domain
@testable import Rules

/// Properties of the rules over random data from the fixtures/rules municipality.
@Suite("Rule properties")
struct RulePropertyTests {
    static let units = ["A", "B", "C", "D", "E"]

    /// Random monthly costs and brukare (0–14, so some periods fall below minimum n) and survey answers.
    static func randomFacts(seed: UInt64) -> [Fact] {
        var generator = SplitMix64(seed: seed)
        func draw(_ upper: UInt64) -> Int { Int(generator.next() % upper) }
        var facts: [Fact] = []
        for year in [2024, 2025] {
            for number in 1...12 {
                let month = Month(year: year, month: number) ?? Month(ordinal: 0)
                for enhet in units {
                    facts.append(RulesFixture.fact(enhet, month, "brukare", draw(15)))
                    facts.append(RulesFixture.fact(enhet, month, "personalkostnader", draw(90_000)))
                    facts.append(RulesFixture.fact(enhet, month, "ovriga_kostnader", draw(20_000)))
                    facts.append(RulesFixture.fact(enhet, month, "intakter", draw(120_000)))
                    if number == 10 {
                        var total = (0, 0)
                        for gender in Gender.allCases {
                            let svarande = draw(12)
                            let positiva = svarande == 0 ? 0 : draw(UInt64(svarande + 1))
                            total = (total.0 + svarande, total.1 + positiva)
                            facts.append(RulesFixture.fact(enhet, month, "svarande", svarande, gender: gender))
                            facts.append(RulesFixture.fact(enhet, month, "positiva", positiva, gender: gender))
                        }
                        facts.append(RulesFixture.fact(enhet, month, "svarande", total.0))
                        facts.append(RulesFixture.fact(enhet, month, "positiva", total.1))
                    }
                }
            }
        }
        return facts
    }

    @Test("A ratio indicator is the ratio of the period's sums, never a mean of monthly ratios", arguments: 1...20)
    func ratioOfSums(seed: UInt64) throws {
        // Primary suppression only: the arithmetic of each unit's own value (ComplementarySuppressionTests
        // cover what is hidden besides it).
        let config = try RulesFixture.primaryOnly()
        let facts = Self.randomFacts(seed: seed)
        let evaluation = RuleEngine(config: config).evaluate(period: .tertial(year: 2025, number: 2), facts: facts)
        let kpb = try #require(evaluation.indicator("ht", "kpb"))
        let months = Set(Period.tertial(year: 2025, number: 2).months)
        for enhet in Self.units {
            let mine = facts.filter { $0.enhet == enhet && months.contains($0.month) }
            func sum(_ measure: String) -> Rational {
                Rational(mine.filter { $0.measure == measure }.reduce(FixedDecimal.zero) { $0 + $1.value })
            }
            let costs = try #require(sum("personalkostnader").adding(sum("ovriga_kostnader")))
            let brukare = try #require(sum("brukare").divided(by: 4))
            let value = try #require(kpb.value(enhet))
            if brukare < 5 {
                #expect(value.missing == .suppressed)
            } else {
                // Exact, rounded once to the indicator's decimals.
                let expected = costs.divided(by: brukare)?.rounded(decimals: kpb.definition.decimals)
                #expect(value.value == expected)
            }
        }
    }

    @Test(
        "Nothing below minimum n is published, per gender too; a suppressed gender hides its complement",
        arguments: 1...20)
    func suppression(seed: UInt64) throws {
        let engine = RuleEngine(config: try RulesFixture.config())
        let random = engine.evaluate(period: .year(2025), facts: Self.randomFacts(seed: seed))
        for omrade in random.omraden {
            for indicator in omrade.indicators {
                for value in indicator.values + indicator.byGender.values.flatMap({ $0 }) {
                    if let n = value.n, n < indicator.definition.minN { #expect(value.value == nil) }
                    if value.value != nil, indicator.definition.nMeasure != nil {
                        #expect((value.n ?? 0) >= indicator.definition.minN)
                    }
                }
                guard indicator.definition.byGender else { continue }
                for (index, total) in indicator.values.enumerated() where total.value != nil {
                    let parts = Gender.allCases.compactMap { indicator.byGender[$0]?[index] }
                    if parts.contains(where: { $0.missing == .suppressed }) {
                        #expect(parts.allSatisfy { $0.value == nil })
                    }
                }
            }
        }
    }

    @Test("Ranks: 1 + the number of strictly better values, so ties share a rank", arguments: 1...30)
    func ranks(seed: UInt64) {
        var generator = SplitMix64(seed: seed)
        let enhet = Enhet(
            id: "x", name: "x", omrade: "ht", regi: .egen, avtalsform: .lov, ledgerCodes: [], hrCodes: [],
            validFrom: nil, validTo: nil)
        let count = Int(generator.next() % 12) + 1
        var values = (0..<count).map { _ -> IndicatorValue in
            let draw = generator.next() % 8
            return IndicatorValue(enhet: enhet, value: draw == 7 ? nil : Rational(Int(draw)), missing: nil, n: nil)
        }
        for direction in [Direction.higher, .lower] {
            RuleEngine.assignRanks(&values, direction: direction)
            let present = values.compactMap(\.value)
            for value in values {
                guard let number = value.value else {
                    #expect(value.rank == nil)
                    continue
                }
                let better = present.filter { direction == .higher ? $0 > number : $0 < number }.count
                #expect(value.rank == better + 1)
            }
            let ranks = values.compactMap(\.rank)
            #expect(ranks.allSatisfy { (1...present.count).contains($0) })
        }
    }

    @Test(
        "Economics: the three tertials' results sum to the year's; the område is the sum of its units",
        arguments: 1...10)
    func flowsSum(seed: UInt64) throws {
        let engine = RuleEngine(config: try RulesFixture.config())
        let facts = Self.randomFacts(seed: seed)
        let year = engine.evaluate(period: .year(2025), facts: facts).economics
        let tertials = (1...3).map { engine.evaluate(period: .tertial(year: 2025, number: $0), facts: facts).economics }
        for enhet in ["A", "B", "C"] {
            let parts = tertials.compactMap { $0.unit(enhet)?.figures.result }
            let whole = try #require(year.unit(enhet)?.figures.result)
            // Exact: to the öre and beyond, no tolerance.
            #expect(Rational.sum(parts) == whole)
        }
        for omrade in year.omraden {
            let units = Rational.sum(omrade.units.compactMap(\.figures.result))
            #expect(units == omrade.total.result)
        }
    }

    @Test("Same data in any order, same evaluation out")
    func deterministic() throws {
        let engine = RuleEngine(config: try RulesFixture.config())
        let facts = Self.randomFacts(seed: 99)
        var shuffled = facts
        var generator = SplitMix64(seed: 5)
        shuffled.shuffle(using: &generator)
        let first = engine.evaluate(period: .year(2025), facts: facts)
        let second = engine.evaluate(period: .year(2025), facts: shuffled)
        for (a, b) in zip(first.omraden, second.omraden) {
            for (x, y) in zip(a.indicators, b.indicators) {
                #expect(x.values == y.values)
                #expect(x.byGender == y.byGender)
            }
        }
        #expect(first.actionPlans == second.actionPlans)
        #expect(first.economics.omraden.map(\.units) == second.economics.omraden.map(\.units))
    }
}
