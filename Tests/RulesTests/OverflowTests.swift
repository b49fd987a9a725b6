import Foundation
import Testing

@testable import Domain
@testable import Rules

/// Issue #18, section 3: facts that each fit but together pass the range of `FixedDecimal` (twelve ledger
/// files of 90 000 000 000 000 kr on one unit) make the value not computable instead of trapping.
@Suite("Overflow in the rules")
struct OverflowTests {
    static let measures = [
        Measure(id: "kostnad", name: "Kostnad", unit: "kr", aggregation: .sum, description: "")
    ]
    static let enhet = Enhet(
        id: "A", name: "A", omrade: "o", regi: .egen, avtalsform: .lov, ledgerCodes: [], hrCodes: [],
        validFrom: nil, validTo: nil)

    static func fact(_ month: String, _ raw: Int64) -> Fact {
        Fact(
            enhet: "A", month: Month(month) ?? Month(ordinal: 0), measure: "kostnad", category: "", gender: nil,
            value: FixedDecimal(raw: raw), n: nil)
    }

    @Test("A year of months that each fit but sum past the range is not computable; its months still are")
    func yearSum() {
        let big: Int64 = 900_000_000_000_000_000  // 90 000 000 000 000 kr
        let facts = (1...12).map { Self.fact(String(format: "2025-%02d", $0), big) }
        let table = MeasureTable(facts: facts, measures: Self.measures)
        let reference = MeasureReference(measure: "kostnad")
        #expect(table.value(of: reference, enhet: Self.enhet, months: Period.year(2025).months) == nil)
        #expect(
            table.value(of: reference, enhet: Self.enhet, months: Period.tertial(year: 2025, number: 1).months)
                == 360_000_000_000_000)
    }

    @Test("Facts of one month that sum past the range make every period with that month not computable")
    func monthSum() {
        let facts = (0..<11).map { _ in Self.fact("2025-03", 900_000_000_000_000_000) } + [Self.fact("2025-05", 10_000)]
        let table = MeasureTable(facts: facts, measures: Self.measures)
        let reference = MeasureReference(measure: "kostnad")
        #expect(table.value(of: reference, enhet: Self.enhet, months: [Month("2025-03")].compactMap { $0 }) == nil)
        #expect(table.value(of: reference, enhet: Self.enhet, months: Period.year(2025).months) == nil)
        #expect(table.value(of: reference, enhet: Self.enhet, months: [Month("2025-05")].compactMap { $0 }) == 1)
    }
}
