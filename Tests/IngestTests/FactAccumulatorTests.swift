import TestSupport
import Testing

@testable import Domain
@testable import Ingest

@Suite("FactAccumulator")
struct FactAccumulatorTests {
    /// The order the warehouse and the goldens rely on: unit, month, measure, category (each by UTF-8
    /// bytes), then total before women before men.
    static func reference(_ a: Fact, _ b: Fact) -> Bool {
        func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }
        func gender(_ value: Gender?) -> Int { value.map { $0 == .kvinnor ? 1 : 2 } ?? 0 }
        if a.enhet != b.enhet { return bytes(a.enhet).lexicographicallyPrecedes(bytes(b.enhet)) }
        if a.month != b.month { return a.month < b.month }
        if a.measure != b.measure { return bytes(a.measure).lexicographicallyPrecedes(bytes(b.measure)) }
        if a.category != b.category { return bytes(a.category).lexicographicallyPrecedes(bytes(b.category)) }
        return gender(a.gender) < gender(b.gender)
    }

    @Test("Sums per key, in the reference order, whatever the order of additions (property, 200 rounds)")
    func orderAndSums() {
        var generator = SplitMix64(seed: 19)
        let units = ["HT01", "HT10", "HT2", "Å01", "ÄB", "E0999", "a"]
        let measures = ["sjuktimmar", "arbetade_timmar", "personal_antal", "ö"]
        let categories = ["", "usk", "Usk", "lärare", "ssk"]
        for _ in 0..<200 {
            var accumulator = FactAccumulator()
            var expected: [FactAccumulator.Key: Int64] = [:]
            for _ in 0..<Int.random(in: 0...60, using: &generator) {
                let key = FactAccumulator.Key(
                    enhet: units.randomElement(using: &generator)!,
                    month: Month(ordinal: Int.random(in: (1999 * 12)...(2031 * 12), using: &generator)),
                    measure: measures.randomElement(using: &generator)!,
                    category: categories.randomElement(using: &generator)!,
                    gender: [nil, Gender.kvinnor, .man].randomElement(using: &generator)!)
                let value = Int64.random(in: -50_000...50_000, using: &generator)
                accumulator.add(key, FixedDecimal(raw: value))
                expected[key, default: 0] += value
            }
            var result = ReadResult()
            accumulator.finish(into: &result)
            let facts = result.facts
            #expect(facts.count == expected.count)
            #expect(result.months == Set(expected.keys.map(\.month)).sorted())
            #expect(zip(facts, facts.dropFirst()).allSatisfy { Self.reference($0, $1) })
            for fact in facts {
                let key = FactAccumulator.Key(
                    enhet: fact.enhet, month: fact.month, measure: fact.measure, category: fact.category,
                    gender: fact.gender)
                #expect(fact.value.raw == expected[key])
            }
        }
    }

    @Test("More categories than the packed sort key holds: the same order by comparison")
    func manyCategories() {
        var accumulator = FactAccumulator()
        for index in (0..<70_000).reversed() {
            accumulator.add(
                .init(
                    enhet: index % 2 == 0 ? "B" : "A", month: Month(ordinal: 24_300), measure: "m",
                    category: "c\(index)", gender: nil), FixedDecimal(1))
        }
        var result = ReadResult()
        accumulator.finish(into: &result)
        let facts = result.facts
        #expect(facts.count == 70_000)
        #expect(zip(facts, facts.dropFirst()).allSatisfy { Self.reference($0, $1) })
        #expect(facts.first?.enhet == "A" && facts.first?.category == "c1")
    }

    @Test("Total and split: a known gender adds to both, an unknown one to the total only")
    func totalAndSplit() {
        var accumulator = FactAccumulator()
        let month = Month(ordinal: 24_300)
        accumulator.addTotalAndSplit(
            enhet: "HT01", month: month, measure: "m", category: "usk", gender: .kvinnor, FixedDecimal(2))
        accumulator.addTotalAndSplit(
            enhet: "HT01", month: month, measure: "m", category: "usk", gender: nil, FixedDecimal(3))
        var result = ReadResult()
        accumulator.finish(into: &result)
        #expect(result.facts.map { "\($0.gender?.rawValue ?? "T") \($0.value)" } == ["T 5", "K 2"])
        #expect(result.months == [month])
    }
}

@Suite("PersonRegistry")
struct PersonRegistryTests {
    func numbers(_ ids: [String], registry: inout PersonRegistry) -> [Int] {
        ids.map { id in
            var id = id
            return id.withUTF8 { registry.number($0) }
        }
    }

    @Test("The same id gets the same number, a new id the next one")
    func numbering() {
        var registry = PersonRegistry()
        #expect(
            numbers(["1001", "1002", "1001", "19800101-1234", "1002", "10010"], registry: &registry) == [
                0, 1, 0, 2, 1, 3,
            ])
        #expect(registry.count == 4)
    }

    @Test("Ids whose hashes collide are still told apart, byte for byte")
    func collisions() {
        var registry = PersonRegistry(hash: { $0.count > 3 ? 7 : 9 })
        let ids = ["1001", "1002", "1003", "12", "1002", "1001", "13", "1003", "12"]
        #expect(numbers(ids, registry: &registry) == [0, 1, 2, 3, 1, 0, 4, 2, 3])
        #expect(registry.count == 5)
    }
}
