import Foundation
import TestSupport
import Testing

@testable import Domain
@testable import Ingest

/// A budget delivered as CSV rather than SIE `#PBUDGET` (docs/CONFIG.md, "A budget as CSV").
@Suite("A budget as CSV")
struct BudgetCSVTests {
    @Test("A long volume source of budget_ measures loads the budget twins, by ledger code, ahead of time")
    func budgetAsVolume() throws {
        let text =
            try String(contentsOfFile: Fixtures.path("demo/kommun.toml"), encoding: .utf8) + """

                [[source]]
                id = "budget-csv"
                kind = "volume-csv"
                inbox = "inbox/budget-csv/*.csv"
                unit_key = "ledger"

                [source.columns]
                unit = "Ansvar"
                month = "Period"
                measure = "Mått"
                value = "Belopp"

                """
        let config = try Config.parse(text, file: "kommun.toml", baseDirectory: Fixtures.path("demo"))
        let source = try #require(config.sources.first { $0.id == "budget-csv" })
        let path = try Fixtures.temporaryFile(
            "budget-2025.csv",
            """
            Ansvar;Period;Mått;Belopp
            41010;2025-01;budget_personalkostnader;2 100 000
            41010;2025-01;budget_intakter;2 600 000,50

            """)
        let result = try SourceReader(config: config).read(path: path, displayPath: "budget-2025.csv", source: source)
        #expect(result.rejects.isEmpty)
        #expect(
            result.facts.map { "\($0.enhet) \($0.month) \($0.measure) \($0.value.formatted(decimals: 2))" } == [
                "HT01 2025-01 budget_intakter 2600000.50", "HT01 2025-01 budget_personalkostnader 2100000.00",
            ])
    }
}
