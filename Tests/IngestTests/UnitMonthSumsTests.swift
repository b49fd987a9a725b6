import TestSupport
import Testing

@testable import Ingest

@Suite("UnitMonthSums")
struct UnitMonthSumsTests {
    struct Key: Hashable {
        let unit: Int
        let month: Int
        let measure: Int
    }

    static func contents(_ sums: UnitMonthSums) -> [Key: Int64] {
        var found: [Key: Int64] = [:]
        sums.forEach { unit, month, measure, raw in
            #expect(found[Key(unit: unit, month: month, measure: measure)] == nil, "a sum listed twice")
            found[Key(unit: unit, month: month, measure: measure)] = raw
        }
        return found
    }

    @Test("Property: the sums equal a dictionary's, inside the window, outside it and without one")
    func sumsEqualReference() {
        var generator = SplitMix64(seed: 11)
        // 2025-03 first places the window at 2024-01 … 2026-12; 2019 and 2031 lie outside it. The second
        // register is too large for a window, so every sum goes to the hash table.
        for (units, measures) in [(40, 6), (100_000, 30)] {
            let sums = UnitMonthSums(units: units, measures: measures)
            var reference: [Key: Int64] = [:]
            let first = 2025 * 12 + 2
            for index in 0..<20_000 {
                let month =
                    index == 0
                    ? first : [first, first - 14, first + 21, 2019 * 12 + 5, 2031 * 12][Int(generator.next() % 5)]
                let key = Key(
                    unit: Int(generator.next() % UInt64(units)), month: month,
                    measure: Int(generator.next() % UInt64(measures)))
                // Amounts that cancel leave a sum of zero, which is still a sum.
                let raw = Int64(generator.next() % 2_000_001) - 1_000_000
                sums.add(unit: key.unit, month: key.month, measure: key.measure, raw)
                reference[key, default: 0] += raw
            }
            sums.add(unit: 0, month: first, measure: 0, 5)
            sums.add(unit: 0, month: first, measure: 0, -5)
            reference[Key(unit: 0, month: first, measure: 0), default: 0] += 0
            #expect(Self.contents(sums) == reference)
            #expect(sums.count == reference.count)
        }
    }

    @Test("The highest unit, month slot and measure of the window keep their own sums")
    func windowEdges() {
        let sums = UnitMonthSums(units: 3, measures: 2)
        let start = 2024 * 12
        sums.add(unit: 0, month: start + 12, measure: 0, 1)
        sums.add(unit: 2, month: start + 35, measure: 1, 2)
        sums.add(unit: 2, month: start + 36, measure: 1, 3)
        sums.add(unit: 0, month: start - 1, measure: 0, 4)
        sums.add(unit: 0, month: start, measure: 0, 5)
        #expect(
            Self.contents(sums) == [
                Key(unit: 0, month: start + 12, measure: 0): 1, Key(unit: 2, month: start + 35, measure: 1): 2,
                Key(unit: 2, month: start + 36, measure: 1): 3, Key(unit: 0, month: start - 1, measure: 0): 4,
                Key(unit: 0, month: start, measure: 0): 5,
            ])
    }
}
