import Foundation
import Testing

/// Issue #20 item 20: `report` for a period the warehouse has no data for renders nothing and exits 2.
@Suite("report on a period without data")
struct EmptyPeriodTests {
    @Test("report annual --year 2023 and report tertial --period 2023-T2 on the demo's 2024–2025 warehouse")
    func noData() throws {
        let directory = try Executable.temporaryDirectory()
        let paths = [
            "--config", DemoRunTests.config, "--warehouse", directory + "/w.sqlite", "--output", directory + "/out",
        ]
        let ingest = try Executable.run(["ingest"] + paths)
        #expect(ingest.status == 1, "the demo's rejected rows")
        for (command, option, found) in [
            (["report", "annual", "--year", "2023"], "--year: expected a year", "2023"),
            (["report", "tertial", "--period", "2023-T2"], "--period: expected a tertial", "2023-T2"),
        ] {
            let output = try Executable.run(command + paths)
            #expect(output.status == 2, "\(command)")
            #expect(
                output.stderr
                    == "\(option) with data in the warehouse (months with data: 2024-01 to 2025-12), found \(found), which has none; nothing was rendered\n",
                "\(command)")
            let written = (try? FileManager.default.contentsOfDirectory(atPath: directory + "/out")) ?? []
            #expect(written.isEmpty, "\(written)")
        }
    }
}
