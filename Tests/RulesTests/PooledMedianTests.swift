import Foundation
import TestSupport
import Testing

@testable import Domain
@testable import Rules

/// An område's median over any set of units and months is the median of their cases pooled (#19).
@Suite("Pooled medians")
struct PooledMedianTests {
    static let measure = Measure(id: "dagar", name: "Dagar", unit: "dagar", aggregation: .median)

    static func enhet(_ id: String) -> Enhet {
        Enhet(
            id: id, name: id, omrade: "ht", regi: .egen, avtalsform: .lov, ledgerCodes: [], hrCodes: [], validFrom: nil,
            validTo: nil)
    }

    /// The median of a list the plain way: the middle one, or the mean of the two middle ones.
    static func reference(_ values: [Int]) -> Rational? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1
            ? Rational(sorted[middle]) : Rational(Int128(sorted[middle - 1] + sorted[middle]), over: 2)
    }

    @Test("Random cases split over units and months: the pooled median is the median of all of them", arguments: 1...40)
    func pooled(seed: UInt64) throws {
        var generator = SplitMix64(seed: seed)
        let units = (0..<Int(generator.next() % 6 + 1)).map { Self.enhet("U\($0)") }
        var cases: [(unit: Int, month: Int, days: Int)] = []
        for _ in 0..<Int(generator.next() % 60) {
            cases.append(
                (
                    Int(generator.next() % UInt64(units.count)), Int(generator.next() % 12) + 1,
                    Int(generator.next() % 90)
                ))
        }
        // Counts per (unit, month, observed value), as the complaints readers store them.
        var counts: [String: Int] = [:]
        for item in cases { counts["\(item.unit) \(item.month) \(item.days)", default: 0] += 1 }
        let facts = counts.map { key, count -> Fact in
            let parts = key.split(separator: " ").compactMap { Int($0) }
            return Fact(
                enhet: "U\(parts[0])", month: Month(year: 2025, month: parts[1]) ?? Month(ordinal: 0), measure: "dagar",
                observed: String(parts[2]), value: FixedDecimal(count))
        }
        let table = MeasureTable(facts: facts, measures: [Self.measure])
        let months = Period.tertial(year: 2025, number: 2).months
        let wanted = cases.filter { (5...8).contains($0.month) }.map(\.days)
        let pooled = table.pooledMedian(of: MeasureReference(measure: "dagar"), enheter: units, months: months)
        #expect(pooled == Self.reference(wanted))
        // Never the sum of the units' medians unless there is one unit.
        let year = table.pooledMedian(
            of: MeasureReference(measure: "dagar"), enheter: units, months: Period.year(2025).months)
        #expect(year == Self.reference(cases.map(\.days)))
    }

    @Test("The demo's case: the område total of a median indicator is the pooled median, not a sum")
    func total() throws {
        let config = try RulesFixture.config {
            $0 + "\n[[measure]]\nid = \"dagar\"\nname = \"Dagar\"\nunit = \"dagar\"\naggregation = \"median\"\n"
                + "\n[[indicator]]\nid = \"tid\"\nname = \"Tid\"\nfamily = \"klagomal\"\nformula = \"dagar\"\nunit = \"dagar\"\n"
        }
        let month = Month(year: 2025, month: 3) ?? Month(ordinal: 0)
        // A: 10, 12, 14, 16, 18; B: 20, 30, 40, 50, 60: medians 14 and 40, pooled 19.
        let facts =
            [10, 12, 14, 16, 18].map {
                Fact(enhet: "A", month: month, measure: "dagar", observed: String($0), value: FixedDecimal(1))
            }
            + [20, 30, 40, 50, 60].map {
                Fact(enhet: "B", month: month, measure: "dagar", observed: String($0), value: FixedDecimal(1))
            }
        let evaluation = RuleEngine(config: config).evaluate(period: .year(2025), facts: facts)
        let tid = try #require(
            evaluation.omraden.first { $0.omrade.id == "ht" }?.indicators.first { $0.definition.id == "tid" })
        #expect(tid.value(of: "A")?.value == 14 && tid.value(of: "B")?.value == 40)
        #expect(tid.total == 19)
    }

    @Test("A median over some categories pools only their cases, per unit and per område")
    func restricted() throws {
        let month = Month(year: 2025, month: 3) ?? Month(ordinal: 0)
        func cases(_ enhet: String, _ type: String, _ days: [Int]) -> [Fact] {
            days.map {
                Fact(
                    enhet: enhet, month: month, measure: "dagar", category: type, observed: String($0),
                    value: FixedDecimal(1))
            }
        }
        // A: klagomål 0 and 22, synpunkt 73 and 81, beröm 1, 2, 3: over all types 3, over the two 47,5.
        let facts =
            cases("A", "klagomal", [0, 22]) + cases("A", "synpunkt", [73, 81]) + cases("A", "berom", [1, 2, 3])
            + cases("B", "klagomal", [10]) + cases("B", "avvikelse", [90, 91])
        let table = MeasureTable(facts: facts, measures: [Self.measure])
        let months = Period.year(2025).months
        let two = try #require(Formula.parse("dagar[category=synpunkt|klagomal]").references.first)
        #expect(two.categories == ["synpunkt", "klagomal"])
        #expect(two.description == "dagar[category=synpunkt|klagomal]")
        #expect(table.value(of: MeasureReference(measure: "dagar"), enhet: Self.enhet("A"), months: months) == 3)
        #expect(table.value(of: two, enhet: Self.enhet("A"), months: months) == Rational(95, over: 2))
        #expect(table.observations(of: two, enhet: Self.enhet("A"), months: months) == 4)
        // The område: 0, 10, 22, 73, 81 pooled.
        #expect(table.pooledMedian(of: two, enheter: [Self.enhet("A"), Self.enhet("B")], months: months) == 22)
        #expect(
            table.value(
                of: MeasureReference(measure: "dagar", category: "berom"), enhet: Self.enhet("A"), months: months)
                == 2)
    }

    @Test("Summed measures over several categories add the categories month by month")
    func summedCategories() throws {
        let antal = Measure(id: "antal", name: "Antal", unit: "st", aggregation: .sum)
        let facts = [("klagomal", 1, 2), ("synpunkt", 1, 3), ("berom", 1, 7), ("klagomal", 2, 1)].map {
            Fact(
                enhet: "A", month: Month(year: 2025, month: $0.1) ?? Month(ordinal: 0), measure: "antal",
                category: $0.0, value: FixedDecimal($0.2))
        }
        let table = MeasureTable(facts: facts, measures: [antal])
        let reference = try #require(Formula.parse("antal[category=klagomal|synpunkt]").references.first)
        #expect(table.value(of: reference, enhet: Self.enhet("A"), months: Period.year(2025).months) == 6)
        #expect(
            table.value(
                of: MeasureReference(measure: "antal"), enhet: Self.enhet("A"), months: Period.year(2025).months) == 13)
    }
}
