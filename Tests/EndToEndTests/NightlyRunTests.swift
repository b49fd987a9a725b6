import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite("The nightly run: lock, manifest, log, due reports, dry run", .serialized)
struct NightlyRunTests {
    func arguments(_ command: [String], _ directory: String) -> [String] {
        command + [
            "--config", DemoRunTests.config, "--warehouse", directory + "/warehouse.sqlite", "--output",
            directory + "/out",
        ]
    }

    @Test("A second run while one holds the lock exits 4 at once and touches nothing")
    func locked() throws {
        let directory = try Executable.temporaryDirectory()
        let descriptor = open(directory + "/warehouse.sqlite.lock", O_RDWR | O_CREAT, 0o644)
        #expect(flock(descriptor, LOCK_EX | LOCK_NB) == 0)
        defer { close(descriptor) }
        _ = "pid 4242, started 2025-09-01T02:00:00Z\n".withCString { write(descriptor, $0, strlen($0)) }
        let output = try Executable.run(arguments(["run"], directory))
        #expect(output.status == 4)
        #expect(
            output.stderr.contains(
                "warehouse.sqlite.lock: error: [locked] another run holds the warehouse lock (pid 4242, started 2025-09-01T02:00:00Z); this run does nothing"
            ))
        #expect(!FileManager.default.fileExists(atPath: directory + "/warehouse.sqlite"))
        for command in [["ingest"], ["report", "annual", "--year", "2025"]] {
            #expect(try Executable.run(arguments(command, directory)).status == 4)
        }
    }

    @Test("A manifest and a log per run; a re-run with nothing new renders nothing")
    func manifest() throws {
        let directory = try Executable.temporaryDirectory()
        let first = try Executable.run(arguments(["run"], directory))
        #expect(first.status == 1)
        let data = try Data(contentsOf: URL(fileURLWithPath: directory + "/runs/latest.json"))
        let manifest = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(manifest["version"] as? String != nil && manifest["exitStatus"] as? Int == 1)
        let inputs = try #require(manifest["inputs"] as? [[String: Any]])
        #expect(inputs.count == 178 && inputs.allSatisfy { ($0["sha256"] as? String)?.count == 64 })
        #expect(inputs.filter { $0["outcome"] as? String == "loaded" }.count == 178)
        let reports = try #require(manifest["reports"] as? [[String: Any]])
        #expect(reports.count == 9 && reports.allSatisfy { $0["outcome"] as? String == "written" })
        #expect((manifest["timings"] as? [String: Double])?["totalSeconds"] ?? 0 > 0)
        let log = try String(contentsOfFile: directory + "/uppfoljning.log", encoding: .utf8)
        #expect(log.contains(" info run started: uppfoljning "))
        #expect(log.contains(" info run finished: exit 1, 178 loaded, 0 skipped, 0 failed, 9 reports rendered"))

        let second = try Executable.run(arguments(["run"], directory))
        #expect(second.status == 0)
        #expect(second.stdout.contains("unchanged (inputs as last time): tertial 2024-T1, "))
        #expect(!second.stdout.contains("reports written"))
        let runs = try FileManager.default.contentsOfDirectory(atPath: directory + "/runs")
        #expect(runs.filter { $0.hasPrefix("run-") }.count == 2)

        let forced = try Executable.run(arguments(["run", "--force"], directory))
        #expect(forced.stdout.contains("reports written to"))
    }

    @Test("Reports fall due report.lag_days after their period: on 2025-09-05, T2 2025 and 2025 are not yet")
    func asOf() throws {
        let directory = try Executable.temporaryDirectory()
        let output = try Executable.run(arguments(["run", "--as-of", "2025-09-05"], directory))
        // The exports for October on are "from the future" on that date: refused whole, exit 3.
        #expect(output.status == 3)
        #expect(
            output.stderr.contains(
                "fixtures/demo/inbox/ekonomi/huvudbok-2025-10.csv: error: [future-month] the file has data for 2025-10, after the run's month 2025-09: not loaded; correct the dates (first: 2025-10)"
            ))
        // The 2025 survey (stored in December) is of the current year: not in the future.
        #expect(!output.stderr.contains("brukarundersokning-2025.csv: error: [future-month]"))
        let names = try FileManager.default.contentsOfDirectory(atPath: directory + "/out")
        #expect(names.contains("tertialrapport-2025-T1-von.html") && names.contains("arsjamforelse-2024.html"))
        #expect(!names.contains("tertialrapport-2025-T2-von.html") && !names.contains("arsjamforelse-2025.html"))
        // Ten days after the end of August it is due.
        _ = try Executable.run(arguments(["run", "--as-of", "2025-09-10"], directory))
        #expect(FileManager.default.fileExists(atPath: directory + "/out/tertialrapport-2025-T2-von.html"))
        let bad = try Executable.run(arguments(["run", "--as-of", "2025-13-01"], directory))
        #expect(bad.status == 2 && bad.stderr.contains("--as-of: expected YYYY-MM-DD, found '2025-13-01'"))
    }

    @Test("--dry-run reads and checks, says what it would do, and writes nothing")
    func dryRun() throws {
        let directory = try Executable.temporaryDirectory()
        let fresh = try Executable.run(arguments(["run", "--dry-run"], directory))
        #expect(fresh.status == 1)
        #expect(fresh.stdout.contains("178 files: 0 loaded, 0 skipped, 0 failed, 7 rows rejected"))
        #expect(fresh.stdout.contains("dry run: nothing was written"))
        #expect(fresh.stdout.contains("would render: tertial 2024-T1, "))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).isEmpty)

        _ = try Executable.run(arguments(["run"], directory))
        let before = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        let warehouse = try Data(contentsOf: URL(fileURLWithPath: directory + "/warehouse.sqlite"))
        let again = try Executable.run(arguments(["run", "--dry-run"], directory))
        #expect(again.status == 0)
        #expect(again.stdout.contains("178 files: 0 loaded, 178 skipped, 0 failed"))
        #expect(again.stdout.contains("no report would be rendered"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).sorted() == before)
        #expect(try Data(contentsOf: URL(fileURLWithPath: directory + "/warehouse.sqlite")) == warehouse)
    }
}
