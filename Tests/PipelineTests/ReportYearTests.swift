import Foundation
import Logging
import TestSupport
import Testing

@testable import Domain
@testable import Pipeline

/// Issue #18, section 3: reports are made only for years from `[report] earliest_year` through the run's
/// year, however odd the months an older warehouse holds.
@Suite("Report years")
struct ReportYearTests {
    func pipeline() throws -> Pipeline {
        let directory = NSTemporaryDirectory() + "years-" + UUID().uuidString
        return try Pipeline(
            configPath: Fixtures.path("demo/kommun.toml"), warehouse: directory + "/w.sqlite",
            output: directory + "/out", logger: Logger(label: "test"))
    }

    @Test("A placeholder month of 1900 and a month past the run's year make no reports due")
    func dueYears() throws {
        let pipeline = try pipeline()
        #expect(pipeline.config.limits.earliestYear == 2000)
        let months = ["1900-01", "1999-12", "2025-12", "2031-01"].compactMap(Month.init)
        let due = pipeline.dueReports(months: months, asOf: try #require(Day("2026-02-01")))
        #expect(due == [.tertial(year: 2025, number: 3), .annual(year: 2025), .dataQuality])
    }

    @Test("A year outside the range is a usage error naming the range", arguments: [Int.max, 0, 1999, 99_999, 2027])
    func usage(year: Int) throws {
        let pipeline = try pipeline()
        let asOf = try #require(Day("2026-12-03"))
        #expect(throws: PipelineError.self) { try pipeline.checkReportYear(year, option: "--year", asOf: asOf) }
        do throws(PipelineError) {
            try pipeline.checkReportYear(year, option: "--year", asOf: asOf)
        } catch {
            #expect(
                error.description
                    == "--year: expected a year from 2000 ([report] earliest_year) to 2026 (this year), found \(year)")
            #expect(error.exitStatus == .configError)
        }
        try pipeline.checkReportYear(2000, option: "--year", asOf: asOf)
        try pipeline.checkReportYear(2026, option: "--year", asOf: asOf)
    }
}
