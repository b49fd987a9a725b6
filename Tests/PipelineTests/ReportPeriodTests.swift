import Foundation
import Logging
import TestSupport
import Testing

@testable import Domain
@testable import Pipeline

/// Issue #20 item 20: a period without data is not rendered, and the index links only files that exist.
@Suite("Report periods without data and the index")
struct ReportPeriodTests {
    let directory = NSTemporaryDirectory() + "periods-" + UUID().uuidString

    func pipeline() throws -> Pipeline {
        try Pipeline(
            configPath: Fixtures.path("demo/kommun.toml"), warehouse: directory + "/w.sqlite",
            output: directory + "/out", logger: Logger(label: "test"))
    }

    @Test(
        "A year or tertial without data is a usage error naming the months the warehouse has",
        arguments: [
            (ReportRequest.annual(year: 2023), "--year", "a year", "2023"),
            (.tertial(year: 2023, number: 3), "--period", "a tertial", "2023-T3"),
            (.tertial(year: 2026, number: 1), "--period", "a tertial", "2026-T1"),
        ])
    func noData(request: ReportRequest, option: String, kind: String, found: String) throws {
        let pipeline = try pipeline()
        let warehouse = try pipeline.openWarehouse()
        _ = try pipeline.ingest(into: warehouse)
        do throws(PipelineError) {
            try pipeline.checkReportData(request, option: option, warehouse: warehouse)
            Issue.record("\(request) has no data and must be refused")
        } catch {
            #expect(
                error.description
                    == "\(option): expected \(kind) with data in the warehouse (months with data: 2024-01 to 2025-12), found \(found), which has none; nothing was rendered"
            )
            #expect(error.exitStatus == .configError)
        }
        for period in [ReportRequest.annual(year: 2024), .annual(year: 2025), .tertial(year: 2025, number: 2)] {
            try pipeline.checkReportData(period, option: option, warehouse: warehouse)
        }
    }

    @Test("Report files deleted by hand leave the index at the next render, even when nothing is re-rendered")
    func deadLinks() throws {
        let pipeline = try pipeline()
        let warehouse = try pipeline.openWarehouse()
        _ = try pipeline.ingest(into: warehouse)
        // A report on record that is not due (written by a version before this check, an all-'-' 2023).
        _ = try pipeline.render([.tertial(year: 2025, number: 1), .annual(year: 2023)], warehouse: warehouse)
        let index = directory + "/out/index.html"
        #expect(try String(contentsOfFile: index, encoding: .utf8).contains("href=\"arsjamforelse-2023.html\""))
        for name in try FileManager.default.contentsOfDirectory(atPath: directory + "/out") where name.contains("2023")
        {
            try FileManager.default.removeItem(atPath: directory + "/out/" + name)
        }
        // The next night: the due tertial report is current, nothing is rendered.
        let outcome = try pipeline.render([.tertial(year: 2025, number: 1)], warehouse: warehouse)
        #expect(outcome.written.isEmpty && outcome.unchanged == [.tertial(year: 2025, number: 1)])
        #expect(outcome.indexWritten)
        let page = try String(contentsOfFile: index, encoding: .utf8)
        #expect(!page.contains("2023"))
        #expect(page.contains("href=\"tertialrapport-2025-T1-von.html\""))
        // And a night after that leaves the index alone.
        #expect(try pipeline.render([.tertial(year: 2025, number: 1)], warehouse: warehouse).indexWritten == false)
    }
}
