import TestSupport
import Testing

@testable import Domain
@testable import Rules

@Suite("RuleEngine")
struct RuleEngineTests {
    static let configText = """
        [kommun]
        name = "Test"
        code = "0001"
        [paths]
        register = "enheter.csv"
        templates = "t"
        warehouse = "w.sqlite"
        output = "out"
        [[namnd]]
        id = "n"
        name = "Nämnden"
        [[omrade]]
        id = "ht"
        name = "Hemtjänst"
        namnd = "n"
        [[measure]]
        id = "brukare"
        name = "Brukare"
        unit = "antal"
        aggregation = "mean"
        [[measure]]
        id = "kostnad"
        name = "Kostnad"
        unit = "kr"
        aggregation = "sum"
        [[indicator]]
        id = "kpb"
        name = "Kostnad per brukare"
        family = "produktivitet"
        formula = "kostnad / brukare"
        unit = "kr"
        direction = "lower"
        target = 25000
        regi = ["egen"]
        n_measure = "brukare"
        """

    static func config(suppression: SuppressionMethod = .complementary) throws -> Config {
        let register = """
            id;namn;omrade;regi;avtalsform;ansvar;hr_koder;giltig_fran;giltig_till
            A;Enhet A;ht;egen;lov;1;;;
            B;Enhet B;ht;egen;lov;2;;;
            C;Enhet C;ht;egen;lov;3;;;2025-06-30
            D;Enhet D;ht;extern;lov;;;;
            E;Enhet E;ht;egen;lov;5;;;
            """
        let path = try Fixtures.temporaryFile("enheter.csv", register)
        let directory = String(path.dropLast("/enheter.csv".count))
        let report = "[report]\nsuppression = \"\(suppression.rawValue)\"\n\n"
        return try Config.parse(report + configText, file: "test.toml", baseDirectory: directory)
    }

    func fact(_ enhet: String, _ month: String, _ measure: String, _ value: Int) -> Fact {
        Fact(enhet: enhet, month: Month(month) ?? Month(ordinal: 0), measure: measure, value: FixedDecimal(value))
    }

    /// A and B: 10 brukare a month all year; A costs 20 000 a brukare a year, B 30 000. C closes after June.
    /// D is external (no ledger). E has 3 brukare (below minimum n).
    func facts() -> [Fact] {
        var facts: [Fact] = []
        for month in 1...12 {
            let m = "2025-\(month < 10 ? "0" : "")\(month)"
            facts += [fact("A", m, "brukare", 10), fact("A", m, "kostnad", 16_667 - (month == 12 ? 5 : 0))]
            facts += [fact("B", m, "brukare", 10), fact("B", m, "kostnad", 25_000)]
            facts += [fact("D", m, "brukare", 8)]
            facts += [fact("E", m, "brukare", 3), fact("E", m, "kostnad", 1_000)]
            if month <= 6 { facts += [fact("C", m, "brukare", 20), fact("C", m, "kostnad", 40_000)] }
            facts += [
                fact("A", "2024-\(m.suffix(2))", "brukare", 10), fact("A", "2024-\(m.suffix(2))", "kostnad", 15_000),
            ]
        }
        return facts
    }

    @Test("Hand-computed: a ratio of sums, mean stocks over the whole year, status, rank, median")
    func annual() throws {
        // Primary suppression only: the hand computation of every unit (`complementary` below hides A too).
        let engine = RuleEngine(config: try Self.config(suppression: .primary))
        let evaluation = engine.evaluate(period: .year(2025), facts: facts())
        let indicator = try #require(evaluation.omraden.first?.indicators.first)
        let byUnit = Dictionary(uniqueKeysWithValues: indicator.values.map { ($0.enhet.id, $0) })
        // A: (16 667 × 11 + 16 663) / 10 = 199 999 / 10 = 19 999.9, published with no decimals: 20 000
        #expect(byUnit["A"]?.value == 20_000)
        #expect(byUnit["A"]?.status == Status(.green, basis: .target))
        #expect(byUnit["A"]?.previous == 18_000)
        #expect(byUnit["A"]?.change == 2_000)
        // B: 300 000 / 10
        #expect(byUnit["B"]?.value == 30_000)
        #expect(byUnit["B"]?.status == Status(.red, basis: .target))
        // C: open Jan–Jun with 20 brukare: cost 240 000 over 10 brukare a month over the year → 24 000 a
        // brukare, comparable with A and B; its n is the 20 brukare it had while open
        #expect(byUnit["C"]?.value == 24_000)
        #expect(byUnit["C"]?.n == 20)
        #expect(byUnit["D"]?.missing == .notApplicable)
        #expect(byUnit["E"]?.missing == .suppressed)
        #expect(byUnit["E"]?.value == nil)
        #expect(byUnit["A"]?.rank == 1)
        #expect(byUnit["C"]?.rank == 2)
        #expect(byUnit["B"]?.rank == 3)
        #expect(indicator.median == 24_000)
        // Område total from summed measures of egen regi units: (199 999 + 300 000 + 240 000 + 12 000) / (10 + 10 + 10 + 3)
        #expect(indicator.total == Rational(751_999, over: 33)?.rounded(decimals: indicator.definition.decimals))
    }

    @Test("Complementary suppression: E's 3 brukare hide the smallest other egen regi unit, A (10, before B by id)")
    func annualComplementary() throws {
        let evaluation = RuleEngine(config: try Self.config()).evaluate(period: .year(2025), facts: facts())
        let indicator = try #require(evaluation.omraden.first?.indicators.first)
        let byUnit = Dictionary(uniqueKeysWithValues: indicator.values.map { ($0.enhet.id, $0) })
        #expect(byUnit["E"]?.missing == .suppressed)
        #expect(byUnit["A"]?.missing == .suppressed && byUnit["A"]?.n == nil)
        #expect(byUnit["C"]?.rank == 1 && byUnit["B"]?.rank == 2)
        #expect(indicator.median == 27_000)
        // The total stays: it now hides A and E together.
        #expect(indicator.total == Rational(751_999, over: 33)?.rounded(decimals: indicator.definition.decimals))
    }

    @Test("A unit not open in the period is not listed; a zero divisor is division by zero")
    func validityAndDivision() throws {
        let engine = RuleEngine(config: try Self.config())
        var facts = facts()
        facts.append(fact("B", "2025-09", "brukare", 0))
        facts.removeAll { $0.enhet == "B" && $0.measure == "brukare" && $0.month.month >= 9 && $0.value != .zero }
        let t3 = engine.evaluate(period: .tertial(year: 2025, number: 3), facts: facts)
        let values = try #require(t3.omraden.first?.indicators.first?.values)
        #expect(!values.contains { $0.enhet.id == "C" })
        // B: brukare only September (0) in T3 → n = 0 < 5 suppressed before dividing
        #expect(values.first { $0.enhet.id == "B" }?.missing == .suppressed)
    }

    @Test(
        "A unit open part of the year: a stock over the months it was open, a total over the whole year (#20 item 10)")
    func partYear() throws {
        let config = try Self.config(suppression: .primary)
        let table = MeasureTable(facts: facts(), measures: config.measures)
        let c = try #require(config.enhet("C"))
        let brukare = MeasureReference(measure: "brukare")
        let year = Period.year(2025).months
        // C had 20 brukare a month until it closed on 2025-06-30: 20, not 10.
        #expect(table.value(of: brukare, enhet: c, months: year) == 20)
        // Its part of an område's average over the year counts the closed months as zero.
        #expect(table.value(of: brukare, enhet: c, months: year, closedMonths: .asZero) == 10)
        // T2 (May–August): open in May and June.
        #expect(table.value(of: brukare, enhet: c, months: Period.tertial(year: 2025, number: 2).months) == 20)
        // A stock beside a flow is over the whole period; a stock alone or over a stock over the open months.
        #expect(RuleEngine.closedMonths(in: try Formula.parse("kostnad / brukare"), table: table) == .asZero)
        #expect(RuleEngine.closedMonths(in: try Formula.parse("brukare"), table: table) == .leftOut)
        #expect(RuleEngine.closedMonths(in: try Formula.parse("brukare / brukare"), table: table) == .leftOut)
    }

    @Test(
        "Last year's column: published where this year's value is missing, hidden where last year hid it (#20 items 11, 14)"
    )
    func previousWithoutValue() throws {
        var facts = facts().filter { !($0.enhet == "A" && $0.month.year == 2025) }
        for month in 1...12 {
            let m = "2024-\(month < 10 ? "0" : "")\(month)"
            facts += [fact("B", m, "brukare", 10), fact("B", m, "kostnad", 20_000)]
            facts += [fact("E", m, "brukare", 3), fact("E", m, "kostnad", 1_000)]
            facts += [fact("D", m, "brukare", 8)]
        }
        let evaluation = RuleEngine(config: try Self.config(suppression: .primary)).evaluate(
            period: .year(2025), facts: facts)
        let indicator = try #require(evaluation.omraden.first?.indicators.first)
        let byUnit = Dictionary(uniqueKeysWithValues: indicator.values.map { ($0.enhet.id, $0) })
        // A has no data in 2025; its 2024 value, 180 000 / 10, was published.
        #expect(byUnit["A"]?.missing == .noData)
        #expect(byUnit["A"]?.previous == 18_000)
        #expect(byUnit["A"]?.change == nil)
        // E had 3 brukare in 2024 too: hidden then, so hidden as last year's value now.
        #expect(byUnit["E"]?.missing == .suppressed)
        #expect(byUnit["E"]?.previous == nil && byUnit["E"]?.previousMissing == .suppressed)
        // D is external and the indicator egen regi only: not applicable both years, one symbol.
        #expect(byUnit["D"]?.missing == .notApplicable && byUnit["D"]?.previousMissing == .notApplicable)
        #expect(byUnit["B"]?.previous == 24_000)
    }

    @Test("Ranks are shared on ties and form a competition ranking")
    func ties() {
        let enhet = Enhet(
            id: "x", name: "x", omrade: "o", regi: .egen, avtalsform: .lov, ledgerCodes: [], hrCodes: [],
            validFrom: nil, validTo: nil)
        var values = [5.0, 3.0, 5.0, nil, 1.0].map {
            IndicatorValue(enhet: enhet, value: $0, missing: $0 == nil ? .noData : nil, n: nil)
        }
        RuleEngine.assignRanks(&values, direction: .higher)
        #expect(values.map(\.rank) == [1, 3, 1, nil, 4])
        RuleEngine.assignRanks(&values, direction: .lower)
        #expect(values.map(\.rank) == [3, 2, 3, nil, 1])
    }

    @Test("Property: flows over the three tertials sum to the year; no unit below minimum n is published")
    func tertialsSumToYear() throws {
        let config = try Self.config()
        var generator = SplitMix64(seed: 23)
        var facts: [Fact] = []
        for enhet in ["A", "B", "E"] {
            for month in 1...12 {
                let m = "2025-\(month < 10 ? "0" : "")\(month)"
                facts.append(fact(enhet, m, "kostnad", Int(generator.next() % 100_000)))
                facts.append(fact(enhet, m, "brukare", Int(generator.next() % 12)))
            }
        }
        let table = MeasureTable(facts: facts, measures: config.measures)
        for enhet in config.enheter where enhet.id != "C" && enhet.id != "D" {
            let reference = MeasureReference(measure: "kostnad")
            let year = table.value(of: reference, enhet: enhet, months: Period.year(2025).months) ?? -1
            let tertials = (1...3).map {
                table.value(of: reference, enhet: enhet, months: Period.tertial(year: 2025, number: $0).months) ?? -1
            }
            #expect(Rational.sum(tertials) == year)
        }
        let engine = RuleEngine(config: config)
        for number in 1...3 {
            let evaluation = engine.evaluate(period: .tertial(year: 2025, number: number), facts: facts)
            for value in evaluation.omraden.flatMap({ $0.indicators.flatMap(\.values) }) {
                if let n = value.n, n < 5 { #expect(value.value == nil && value.missing == .suppressed) }
            }
        }
    }

    @Test("Same data in, same result out")
    func deterministic() throws {
        let engine = RuleEngine(config: try Self.config())
        let first = engine.evaluate(period: .year(2025), facts: facts())
        let second = engine.evaluate(period: .year(2025), facts: facts().reversed())
        #expect(first.omraden.first?.indicators.first?.values == second.omraden.first?.indicators.first?.values)
    }
}

@Suite("MeasureTable median aggregation")
struct MedianTests {
    func fact(_ observed: String, _ count: Int) -> Fact {
        Fact(
            enhet: "A", month: Month(year: 2025, month: 1) ?? Month(ordinal: 0), measure: "dagar", observed: observed,
            value: FixedDecimal(count))
    }

    @Test(
        "The median of a distribution stored as counts per observed value",
        arguments: [
            ([("10", 1), ("0", 1), ("49", 1)], Rational(10)),
            ([("3", 2), ("7", 2)], Rational(5)),
            ([("1", 5), ("100", 1)], Rational(1)),
        ])
    func median(counts: [(String, Int)], expected: Rational) {
        #expect(MeasureTable.median(of: counts.map { fact($0.0, $0.1) }) == expected)
    }

    @Test("A distribution stored before the warehouse's v8 kept its observed value in the category: still read")
    func legacy() {
        let month = Month(year: 2025, month: 1) ?? Month(ordinal: 0)
        let facts = [("4", 1), ("8", 2)].map {
            Fact(enhet: "A", month: month, measure: "dagar", category: $0.0, value: FixedDecimal($0.1))
        }
        #expect(MeasureTable.median(of: facts) == 8)
    }
}
