import Foundation
import Logging
import TestSupport
import Testing

@testable import Domain
@testable import Pipeline
@testable import Warehouse

@Suite("Pipeline on the demo municipality")
struct PipelineTests {
    let directory = NSTemporaryDirectory() + "pipeline-" + UUID().uuidString

    func pipeline() throws -> Pipeline {
        try Pipeline(
            configPath: Fixtures.path("demo/kommun.toml"), warehouse: directory + "/w.sqlite",
            output: directory + "/out",
            logger: Logger(label: "test"))
    }

    @Test("Ingest loads every inbox file once; a second ingest skips them all and changes nothing")
    func idempotentIngest() throws {
        let pipeline = try pipeline()
        let warehouse = try pipeline.openWarehouse()
        let first = try pipeline.ingest(into: warehouse)
        #expect(first.loaded == 178)
        #expect(first.rejectedRows == 7)
        #expect(first.unmappedRows == 1)
        #expect(first.exitStatus == .rejectedRows)
        let counts = try warehouse.counts()
        let second = try pipeline.ingest(into: warehouse)
        #expect(second.loaded == 0)
        #expect(second.skipped == 178)
        #expect(second.exitStatus == .success)
        #expect(try warehouse.counts() == counts)
    }

    @Test("Control totals of every loaded ledger file reconcile")
    func reconciliation() throws {
        let pipeline = try pipeline()
        let summary = try pipeline.ingest(into: try pipeline.openWarehouse())
        for file in summary.files where file.source == "ekonomi" {
            let totals = file.controlTotals
            let parts = ["amount.facts", "amount.excluded", "amount.unmapped", "amount.rejected"].compactMap {
                totals[$0]
            }.reduce(
                FixedDecimal.zero, +)
            #expect(parts == totals["amount.read"], "\(file.path)")
        }
    }

    @Test("Check reads and validates without creating the warehouse")
    func checkWritesNothing() throws {
        let pipeline = try pipeline()
        let summary = try pipeline.ingest(into: nil)
        #expect(summary.files.allSatisfy { $0.kind == .checked })
        #expect(!FileManager.default.fileExists(atPath: directory + "/w.sqlite"))
    }

    @Test("Due reports: each tertial and year with data once report.lag_days have passed, and data quality")
    func dueReports() throws {
        let pipeline = try pipeline()
        let warehouse = try pipeline.openWarehouse()
        _ = try pipeline.ingest(into: warehouse)
        let due = try pipeline.dueReports(warehouse: warehouse, asOf: try #require(Day("2026-01-10")))
        #expect(
            due.map(\.description) == [
                "tertial 2024-T1", "tertial 2024-T2", "tertial 2024-T3", "annual 2024",
                "tertial 2025-T1", "tertial 2025-T2", "tertial 2025-T3", "annual 2025", "data quality",
            ])
        // The day before: December 2025 closed only nine days ago.
        let early = try pipeline.dueReports(warehouse: warehouse, asOf: try #require(Day("2026-01-09")))
        #expect(early.map(\.description).suffix(3) == ["tertial 2025-T1", "tertial 2025-T2", "data quality"])
    }

    @Test("A path outside every inbox is refused with the inbox globs")
    func pathOutsideInbox() throws {
        let pipeline = try pipeline()
        let path = Fixtures.path("ledger-csv/rejects.csv")
        #expect(throws: PipelineError.self) { try pipeline.ingest(paths: [path], into: nil) }
    }
}
