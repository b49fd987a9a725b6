import Foundation
import TestSupport
import Testing

@testable import Domain
@testable import Rules

extension RulesFixture {
    static func evaluate(_ period: Period, config: Config? = nil) throws -> Evaluation {
        RuleEngine(config: try config ?? Self.config()).evaluate(period: period, facts: facts())
    }

    /// The fixture with primary suppression only, for the tests of status, gender split and action plans,
    /// whose expectations rest on B's survey result (complementary suppression hides it beside C's:
    /// `ComplementarySuppressionTests`).
    static func primaryOnly() throws -> Config {
        try config { "[report]\nsuppression = \"primary\"\n\n" + $0 }
    }
}

extension Evaluation {
    func indicator(_ omrade: String, _ id: String) -> IndicatorEvaluation? {
        omraden.first { $0.omrade.id == omrade }?.indicators.first { $0.definition.id == id }
    }
}

extension IndicatorEvaluation {
    func value(_ enhet: String, gender: Gender? = nil) -> IndicatorValue? {
        let list = gender.map { byGender[$0] ?? [] } ?? values
        return list.first { $0.enhet.id == enhet }
    }
}

@Suite("Comparisons within the område")
struct ComparisonTests {
    @Test("Median, quartiles, competition ranks, difference from median, change from last year, regi medians")
    func kostnadPerBrukare() throws {
        let evaluation = try RulesFixture.evaluate(.year(2025))
        let kpb = try #require(evaluation.indicator("ht", "kpb"))
        // A: (22 000 + 11 × 20 000 + 12 × 5 000) / 10 = 302 000 / 10
        #expect(kpb.value("A")?.value == 30_200)
        #expect(kpb.value("B")?.value == 54_000)
        #expect(kpb.value("C")?.value == 42_000)
        #expect(kpb.value("D")?.value == 36_000)
        #expect(kpb.value("E")?.value == 24_000)
        #expect(kpb.median == 36_000)
        // Sorted 24 000, 30 200, 36 000, 42 000, 54 000: type-7 quartiles at positions 1 and 3.
        #expect(kpb.quartiles?.lower == 30_200)
        #expect(kpb.quartiles?.upper == 42_000)
        #expect(["E", "A", "D", "C", "B"].map { kpb.value($0)?.rank } == [1, 2, 3, 4, 5])
        #expect(kpb.value("B")?.fromMedian == 18_000)
        #expect(kpb.value("A")?.previous == 30_000)
        #expect(kpb.value("A")?.change == 200)
        #expect(kpb.medianByRegi[.egen] == 42_000)
        #expect(kpb.medianByRegi[.extern] == 30_000)
        // Område: 2 162 000 kr over 55 brukare; nämnd adds S: 3 122 000 kr over 63.
        #expect(kpb.total == Rational(2_162_000, over: 55)?.rounded(decimals: 0))
        let namnd = try #require(evaluation.namnder.first?.indicators.first { $0.definition.id == "kpb" })
        #expect(namnd.total == Rational(3_122_000, over: 63)?.rounded(decimals: 0))
    }

    @Test("Quartile status, lower is better: best quartile green, worst red, the rest yellow")
    func quartileStatus() throws {
        let kpb = try #require(try RulesFixture.evaluate(.year(2025)).indicator("ht", "kpb"))
        let levels = ["A", "B", "C", "D", "E"].map { kpb.value($0)?.status?.level }
        #expect(levels == [.green, .red, .red, .yellow, .green])
        #expect(kpb.value("E")?.status?.label == "Bland de 25 % bästa")
        // One unit in särskilt boende: no quartiles, no quartile status.
        let sb = try #require(try RulesFixture.evaluate(.year(2025)).indicator("sb", "kpb"))
        #expect(sb.quartiles == nil && sb.value("S")?.status == nil && sb.value("S")?.value == 120_000)
    }

    @Test(
        "Quartiles by linear interpolation",
        arguments: [
            ([1.0, 2, 3, 4], 1.75, 3.25),
            ([1.0, 2, 3, 4, 5], 2.0, 4.0),
            ([7.0, 7, 7, 7, 7, 7], 7.0, 7.0),
            ([10.0, 0, 5, 20, 15, 25, 30], 7.5, 22.5),
        ])
    func quartiles(values: [Rational], lower: Rational, upper: Rational) throws {
        let quartiles = try #require(RuleEngine.quartiles(values))
        #expect(quartiles.lower == lower && quartiles.upper == upper)
        #expect(RuleEngine.quartiles([1, 2, 3]) == nil)
    }
}

@Suite("Target status and the gender split")
struct TargetAndGenderTests {
    @Test("Target 80, red limit 70, higher is better: green, yellow, red, and each has a text label")
    func targetStatus() throws {
        let evaluation = try RulesFixture.evaluate(.year(2025), config: RulesFixture.primaryOnly())
        let nojdhet = try #require(evaluation.indicator("ht", "nojdhet"))
        #expect(nojdhet.value("A")?.value == 90)
        #expect(nojdhet.value("A")?.status == Status(.green, basis: .target))
        #expect(nojdhet.value("D")?.value == 75)
        #expect(nojdhet.value("D")?.status?.label == "Nära målet")
        #expect(nojdhet.value("B")?.status?.level == .red)
        // A suppressed value carries no n: the small number is what suppression hides.
        #expect(nojdhet.value("C")?.missing == .suppressed && nojdhet.value("C")?.n == nil)
        #expect(nojdhet.value("E")?.missing == .noData)
        #expect(nojdhet.median == 75)
    }

    @Test("Direction lower: at the target green, up to the red limit yellow, beyond it red")
    func lowerIsBetter() throws {
        let config = try RulesFixture.config()
        let definition = try #require(config.indicators.first { $0.id == "kpb" })
        let judged = IndicatorDefinition(
            id: "x", name: "x", description: "", family: .produktivitet, formulaText: "", formula: definition.formula,
            unit: "kr", decimals: 0, direction: .lower, statusRule: .target(30_000, redLimit: 40_000),
            byGender: false, omraden: [], regi: [.egen], nMeasure: nil, minN: 5)
        let levels = [29_999.0, 30_000, 30_001, 40_000, 40_001].map {
            RuleEngine.status($0, definition: judged, quartiles: nil)?.level
        }
        #expect(levels == [.green, .green, .yellow, .yellow, .red])
    }

    @Test("Women and men separately; one gender suppressed hides the other where the total is published")
    func genderSplit() throws {
        let evaluation = try RulesFixture.evaluate(.year(2025), config: RulesFixture.primaryOnly())
        let nojdhet = try #require(evaluation.indicator("ht", "nojdhet"))
        #expect(nojdhet.value("A", gender: .kvinnor)?.value == 90)
        #expect(nojdhet.value("A", gender: .man)?.value == 90)
        #expect(nojdhet.value("D", gender: .kvinnor)?.status?.level == .green)
        #expect(nojdhet.value("D", gender: .man)?.value == 70)
        #expect(nojdhet.value("D", gender: .man)?.status?.level == .yellow)
        // B: men 3 respondents (suppressed); women 12 would reveal the men's answers with the total 15.
        #expect(nojdhet.value("B", gender: .man)?.missing == .suppressed)
        #expect(nojdhet.value("B", gender: .kvinnor)?.missing == .suppressed)
        #expect(nojdhet.value("B", gender: .kvinnor)?.value == nil)
        #expect(nojdhet.value("B")?.value != nil)
        // C: every part below 5.
        #expect(nojdhet.value("C", gender: .kvinnor)?.missing == .suppressed)
        // Not split: no gender values.
        #expect(try #require(try RulesFixture.evaluate(.year(2025)).indicator("ht", "kpb")).byGender.isEmpty)
    }
}

@Suite("Economics of egen regi")
struct EconomicsTests {
    @Test("Result, margin against the year's resultatkrav, budget deviation, eget kapital rolled forward")
    func year() throws {
        let economics = try RulesFixture.evaluate(.year(2025)).economics
        #expect(economics.resultatkrav == 2)
        let a = try #require(economics.unit("A"))
        #expect(a.figures.revenue == 312_000 && a.figures.costs == 302_000 && a.figures.result == 10_000)
        #expect(a.meetsResultatkrav == true)
        #expect(a.figures.budgetResult == 12_000 && a.figures.budgetDeviation == -2_000)
        // 100 000 at the start of 2024 + 12 000 (2024) = 112 000; + 10 000 (2025) = 122 000.
        #expect(a.figures.openingEquity == 112_000 && a.figures.closingEquity == 122_000)
        let b = try #require(economics.unit("B"))
        #expect(b.figures.margin == 0 && b.meetsResultatkrav == false && b.requiredResult == 10_800)
        #expect(b.figures.budgetResult == nil && b.figures.closingEquity == -50_000)
        let s = try #require(economics.unit("S"))
        #expect(s.figures.result == 48_000 && s.figures.budgetDeviation == -12_000 && s.figures.openingEquity == nil)
        #expect(economics.unit("D") == nil)
        let ht = try #require(economics.omraden.first { $0.omrade.id == "ht" })
        #expect(ht.total.result == 52_000)
        // 112 000 − 50 000 + 42 000
        #expect(ht.total.openingEquity == 104_000)
        #expect(economics.namnder.first?.total.result == 100_000)
        // 2024: 1 % required; the requirement of the last listed year carries on.
        #expect(try RulesFixture.evaluate(.year(2024)).economics.resultatkrav == 1)
        #expect(try RulesFixture.config().economics.resultatkrav(for: 2030) == 2)
        #expect(try RulesFixture.config().economics.resultatkrav(for: 2023) == nil)
    }

    @Test("Linear forecast at T1 and T2, how it moved, and the outcome at T3")
    func linearForecast() throws {
        let t1 = try #require(try RulesFixture.evaluate(.tertial(year: 2025, number: 1)).economics.unit("A"))
        // Jan–Apr: 104 000 revenue, 100 000 costs, × 3.
        #expect(t1.figures.forecastResult == 12_000 && t1.figures.forecastChange == nil)
        let t2 = try #require(try RulesFixture.evaluate(.tertial(year: 2025, number: 2)).economics.unit("A"))
        // Jan–Aug: 208 000 and 202 000, × 1.5 = 312 000 and 303 000.
        #expect(t2.figures.forecastResult == 9_000)
        #expect(t2.figures.forecastChange == -3_000)
        // The tertial's own result: May–Aug 104 000 − 102 000.
        #expect(t2.figures.result == 2_000)
        let t3 = try #require(try RulesFixture.evaluate(.tertial(year: 2025, number: 3)).economics.unit("A"))
        // December: the outcome of the year, 10 000, against the T2 forecast.
        #expect(t3.figures.forecastResult == 10_000 && t3.figures.forecastChange == 1_000)
    }

    @Test("Linear forecast over the months a unit is valid: closed in June is its outcome, opened in July scales ×6/2")
    func forecastOverValidMonths() throws {
        // A closes on 2025-06-30 and C opens on 2024-07-01; their ledgers have no months outside those dates.
        let register = try String(contentsOfFile: Fixtures.path("rules/enheter.csv"), encoding: .utf8)
            .replacingOccurrences(of: "A;Enhet A;ht;egen;lov;1;;;;", with: "A;Enhet A;ht;egen;lov;1;;;2025-06-30;")
            .replacingOccurrences(of: "C;Enhet C;ht;egen;lov;3;;;;", with: "C;Enhet C;ht;egen;lov;3;;2024-07-01;;")
        let path = try Fixtures.temporaryFile("enheter.csv", register)
        let config = try RulesFixture.config {
            $0.replacingOccurrences(of: #"register = "enheter.csv""#, with: "register = \"\(path)\"")
        }
        let a = try #require(config.enheter.first { $0.id == "A" })
        let c = try #require(config.enheter.first { $0.id == "C" })
        #expect(a.validTo == Day("2025-06-30") && c.validFrom == Day("2024-07-01"))
        let facts = RulesFixture.facts().filter { fact in
            config.enheter.first { $0.id == fact.enhet }?.isValid(in: fact.month) ?? true
        }
        let engine = RuleEngine(config: config)
        let t2 = engine.evaluate(period: .tertial(year: 2025, number: 2), facts: facts).economics
        let closed = try #require(t2.unit("A"))
        // Jan–Jun 2025: 156 000 revenue, 150 000 costs; the year has no more months for A (not × 12/8).
        #expect(closed.figures.forecastRevenue == 156_000 && closed.figures.forecastCosts == 150_000)
        #expect(closed.figures.forecastResult == 6_000)
        // At T1 (Jan–Apr) A still had two valid months ahead: 4 000 × 6/4.
        #expect(closed.figures.previousForecastResult == 6_000 && closed.figures.forecastChange == 0)
        let opened = try #require(
            engine.evaluate(period: .tertial(year: 2024, number: 2), facts: facts).economics.unit("C"))
        // Jul–Aug 2024: 147 000 revenue, 140 000 costs over 2 of the year's 6 valid months, × 3.
        #expect(opened.figures.forecastRevenue == 441_000 && opened.figures.forecastCosts == 420_000)
        #expect(opened.figures.forecastResult == 21_000 && opened.figures.previousForecastResult == nil)
        // A unit valid all year keeps × 12/8.
        #expect(t2.unit("B")?.figures.forecastRevenue == 540_000)
    }

    @Test("Forecast as year to date plus the remaining months' budget")
    func budgetForecast() throws {
        let config = try RulesFixture.config {
            $0.replacingOccurrences(of: #"forecast = "linear""#, with: #"forecast = "budget""#)
        }
        let a = try #require(
            try RulesFixture.evaluate(.yearToDate(through: Month(year: 2025, month: 8)!), config: config).economics
                .unit("A"))
        // 208 000 + 4 × 26 000 revenue, 202 000 + 4 × 25 000 costs.
        #expect(a.figures.forecastRevenue == 312_000 && a.figures.forecastCosts == 302_000)
        #expect(a.figures.forecastResult == 10_000)
    }
}

@Suite("Economics in exact arithmetic")
struct ExactEconomicsTests {
    static let enhet = Enhet(
        id: "A", name: "A", omrade: "ht", regi: .egen, avtalsform: .lov, ledgerCodes: [], hrCodes: [], validFrom: nil,
        validTo: nil)

    @Test("The resultatkrav is judged on the margin as printed: 1,96 % prints 2,0 % and meets a krav of 2 %")
    func printedMargin() {
        var figures = EconomicFigures()
        figures.revenue = 100_000
        figures.costs = 98_040
        let unit = UnitEconomics(enhet: Self.enhet, figures: figures, resultatkrav: 2)
        #expect(figures.margin == Rational(196, over: 100))
        #expect(unit.judgedMargin == 2 && unit.meetsResultatkrav == true)
        figures.costs = 98_051  // 1,949 % prints 1,9 %
        #expect(UnitEconomics(enhet: Self.enhet, figures: figures, resultatkrav: 2).meetsResultatkrav == false)
    }

    @Test("Sums of öre are exact: 0,1 + 0,2 kr is 0,3 kr, and half a krona rounds away from zero when printed")
    func exactSums() throws {
        var a = EconomicFigures()
        a.revenue = try #require(Rational(decimalText: "0.1"))
        var b = EconomicFigures()
        b.revenue = try #require(Rational(decimalText: "0.2"))
        #expect((a + b).revenue == Rational(decimalText: "0.3"))
        var half = EconomicFigures()
        half.revenue = try #require(Rational(decimalText: "1195429.5"))
        #expect(half.result?.rounded(decimals: 0) == 1_195_430)
    }
}

@Suite("Åtgärdsplaner and fördjupad uppföljning")
struct ActionPlanTests {
    @Test("Each unit with every reason: red quality, resultatkrav missed, cost above the limit")
    func plans() throws {
        let plans = try RulesFixture.evaluate(.year(2025), config: RulesFixture.primaryOnly()).actionPlans
        let byUnit = Dictionary(uniqueKeysWithValues: plans.map { ($0.enhet.id, $0.reasons.map(\.rule.id)) })
        #expect(byUnit == ["B": ["kvalitet", "resultatkrav", "kostnad"], "C": ["kostnad"], "S": ["kostnad"]])
        let b = try #require(plans.first { $0.enhet.id == "B" })
        #expect(b.reasons[1].value == 0 && b.reasons[1].limit == 2)
        #expect(b.reasons[2].value == 54_000 && b.reasons[2].limit == 40_000)
    }

    @Test("Due every third year from the latest review; none on record is due now")
    func inDepth() throws {
        let due = try RulesFixture.evaluate(.year(2025)).inDepthDue
        #expect(due.map(\.enhet.id) == ["A", "D", "E"])
        #expect(due.map(\.dueYear) == [2025, 2024, 2025])
        #expect(due.first?.last == Day("2022-05-10"))
        #expect(try RulesFixture.evaluate(.year(2024)).inDepthDue.map(\.enhet.id) == ["D", "E"])
    }
}

@Suite("Follow-up config errors")
struct FollowUpConfigTests {
    func errors(_ edit: (String) -> String) -> [String] {
        do {
            _ = try RulesFixture.config(edit)
            return []
        } catch {
            if let error = error as? ConfigError, case .invalid(let findings) = error {
                return findings.map(\.description)
            }
            return ["\(error)"]
        }
    }

    @Test("A formula error names the indicator and the column")
    func formula() {
        let messages = errors {
            $0.replacingOccurrences(of: "positiva / svarande * 100", with: "positiva / (svarande * 100")
        }
        #expect(messages.count == 1)
        #expect(messages.first?.contains("indicator[nojdhet].formula") == true)
        #expect(messages.first?.contains("column 27") == true)
    }

    @Test("A red limit on the wrong side of the target, an unknown rule and a missing limit are errors")
    func limits() {
        let messages = errors {
            $0.replacingOccurrences(of: "red_limit = 70", with: "red_limit = 90")
                .replacingOccurrences(of: #"when = "resultatkrav""#, with: #"when = "sometimes""#)
                .replacingOccurrences(of: "limit = 40000\n", with: "\n")
        }
        #expect(messages.contains { $0.contains("indicator[nojdhet].red_limit") && $0.contains("worse side") })
        #expect(messages.contains { $0.contains("atgardsplan[resultatkrav].when") })
        #expect(
            messages.contains { $0.contains("atgardsplan[kostnad]") && $0.contains("needs 'indicator' and 'limit'") })
    }

    @Test("Resultatkrav keys must be years")
    func resultatkrav() {
        let messages = errors { $0.replacingOccurrences(of: "2025 = 2", with: "tjugo = 2") }
        #expect(messages.contains { $0.contains("economics.resultatkrav.tjugo") })
    }
}
