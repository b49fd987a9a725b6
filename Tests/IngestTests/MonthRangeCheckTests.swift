import Foundation
import TestSupport
import Testing

@testable import Domain
@testable import Ingest

/// Which months a file may hold (#21 item 5: an ingest check, with the config's budget measures).
@Suite("MonthRangeCheck")
struct MonthRangeCheckTests {
    static func result(_ facts: [(String, String)]) -> ReadResult {
        var result = ReadResult()
        result.facts = facts.map {
            Fact(enhet: "HT01", month: Month($0.1) ?? Month(ordinal: 0), measure: $0.0, value: FixedDecimal(1))
        }
        result.months = Set(result.facts.map(\.month)).sorted()
        return result
    }

    @Test("Budget twins of the ledger's measures may lie ahead; a volume measure named budget_… may not")
    func budgetAhead() throws {
        let config = try Config.load(path: Fixtures.path("demo/kommun.toml"))
        let check = MonthRangeCheck(config: config)
        let ledger = try #require(config.sources.first { $0.kind == .ledgerCSV })
        let asOf = try #require(Day("2025-09-15"))
        #expect(
            check.finding(
                Self.result([("personalkostnader", "2025-09"), ("budget_personalkostnader", "2025-12")]),
                source: ledger, display: "budget.csv", asOf: asOf) == nil)
        // Not the budget of any ledger measure: the prefix alone does not make a month in the future right.
        let finding = check.finding(
            Self.result([("budget_platser", "2025-11")]), source: ledger, display: "volymer.csv", asOf: asOf)
        #expect(
            finding?.description
                == "volymer.csv: error: [future-month] the file has data for 2025-11, after the run's month 2025-09: not loaded; correct the dates (first: 2025-11)"
        )
    }

    @Test("Months before [report] earliest_year are refused, the first three named")
    func early() throws {
        let config = try Config.load(path: Fixtures.path("demo/kommun.toml"))
        let ledger = try #require(config.sources.first { $0.kind == .ledgerCSV })
        let finding = MonthRangeCheck(config: config).finding(
            Self.result([
                ("brukare", "1900-01"), ("brukare", "1900-02"), ("brukare", "1901-01"), ("brukare", "1902-01"),
            ]),
            source: ledger, display: "v.csv", asOf: try #require(Day("2025-09-15")))
        #expect(finding?.rule == "month-range")
        #expect(finding?.description.contains("the file has data for 1900-01, 1900-02, 1901-01, …, before") == true)
    }
}
