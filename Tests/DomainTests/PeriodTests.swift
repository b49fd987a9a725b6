import Testing

@testable import Domain

@Suite("Period, Month and Day")
struct PeriodTests {
    @Test("Periods parse from their written forms")
    func parsing() {
        #expect(Period("2025-03") == .month(Month(year: 2025, month: 3)!))
        #expect(Period("2025-T2") == .tertial(year: 2025, number: 2))
        #expect(Period("2025") == .year(2025))
        #expect(Period("2025-T4") == nil)
        #expect(Period("2025-13") == nil)
        #expect(Period("25") == nil)
        #expect(Month("202503") == Month(year: 2025, month: 3))
        #expect(Day("2024-02-29") != nil)
        #expect(Day("2025-02-29") == nil)
        #expect(Day("20250331")?.monthValue == Month(year: 2025, month: 3))
    }

    @Test("Tertials cover four months each and the year to date starts in January")
    func months() {
        let t2 = Period.tertial(year: 2025, number: 2)
        #expect(t2.months.map(\.description) == ["2025-05", "2025-06", "2025-07", "2025-08"])
        #expect(t2.yearToDate.months.count == 8)
        #expect(t2.yearToDate.months.first?.description == "2025-01")
        #expect(t2.sameLastYear == .tertial(year: 2024, number: 2))
        #expect(Period.year(2025).months.count == 12)
        #expect(Period.month(Month(year: 2025, month: 1)!).sameLastYear.description == "2024-01")
        #expect(t2.description == "2025-T2")
        #expect(t2.label == "tertial 2 2025")
    }

    @Test("Property: the three tertials partition the year")
    func tertialsPartitionYear() {
        for year in [2023, 2024, 2025] {
            let months = (1...3).flatMap { Period.tertial(year: year, number: $0).months }
            #expect(months == Period.year(year).months)
            #expect(months.allSatisfy { Period.tertial(year: year, number: $0.tertial).months.contains($0) })
        }
    }

    @Test("A unit is valid in the months its register dates touch")
    func validity() {
        let enhet = Enhet(
            id: "X", name: "X", omrade: "o", regi: .egen, avtalsform: .direkt, ledgerCodes: [], hrCodes: [],
            validFrom: Day("2025-03-15"), validTo: Day("2025-06-30"))
        #expect(!enhet.isValid(in: Month(year: 2025, month: 2)!))
        #expect(enhet.isValid(in: Month(year: 2025, month: 3)!))
        #expect(enhet.isValid(in: Month(year: 2025, month: 6)!))
        #expect(!enhet.isValid(in: Month(year: 2025, month: 7)!))
    }
}
