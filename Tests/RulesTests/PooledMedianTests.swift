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
                category: String(parts[2]), value: FixedDecimal(count))
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
                Fact(enhet: "A", month: month, measure: "dagar", category: String($0), value: FixedDecimal(1))
            }
            + [20, 30, 40, 50, 60].map {
                Fact(enhet: "B", month: month, measure: "dagar", category: String($0), value: FixedDecimal(1))
            }
        let evaluation = RuleEngine(config: config).evaluate(period: .year(2025), facts: facts)
        let tid = try #require(
            evaluation.omraden.first { $0.omrade.id == "ht" }?.indicators.first { $0.definition.id == "tid" })
        #expect(tid.value(of: "A")?.value == 14 && tid.value(of: "B")?.value == 40)
        #expect(tid.total == 19)
    }
}
