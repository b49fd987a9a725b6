import Domain
import Foundation
import Logging
import Reports
import Warehouse

/// How `uppfoljning run` behaves.
package struct RunOptions: Sendable {
    /// The date reports are judged due on (a tertial `report.lag_days` after its end). Today by default.
    package var asOf: Day
    /// Say what would happen; write nothing (no lock, no warehouse changes, no reports, no manifest).
    package var dryRun = false
    /// Render every due report even when its inputs are unchanged.
    package var force = false

    package init(asOf: Day, dryRun: Bool = false, force: Bool = false) {
        self.asOf = asOf
        self.dryRun = dryRun
        self.force = force
    }

    /// Today in UTC.
    package static var today: Day {
        let seconds = Int(Date().timeIntervalSince1970)
        return Day.fromOrdinal(seconds / 86_400)
    }
}

/// What a run did: the ingest summary, the reports, the manifest and the exit status.
package struct RunResult: Sendable {
    package var summary = IngestSummary()
    package var render = RenderOutcome()
    /// Dry run: the reports that would be rendered.
    package var wouldRender: [ReportRequest] = []
    package var manifest: RunManifest
    package var manifestPath: String?
    package var exitStatus: ExitStatus = .success
}

extension Pipeline {
    /// Where run manifests go.
    package var runsDirectory: String {
        config.paths.runs
            ?? ((config.paths.warehouse as NSString).deletingLastPathComponent as NSString)
            .appendingPathComponent("runs")
    }

    /// The run log.
    package var logPath: String {
        config.paths.log
            ?? ((config.paths.warehouse as NSString).deletingLastPathComponent as NSString)
            .appendingPathComponent("uppfoljning.log")
    }

    /// The nightly job: take the lock, ingest what is new, re-render the due reports whose inputs changed,
    /// write the run manifest. With `dryRun` nothing is written: files are read and checked, and the plan
    /// is returned.
    ///
    /// - Throws: `PipelineError.locked` when another run holds the lock; other errors after the manifest
    ///   recording them has been written.
    package func nightly(_ options: RunOptions) throws(PipelineError) -> RunResult {
        // A config whose reports cannot be rendered is refused before the lock and the warehouse.
        try checkTemplates()
        let started = Date()
        var result = RunResult(
            manifest: RunManifest(
                started: started, asOf: options.asOf.description, config: config.file,
                warehouse: config.paths.warehouse, output: config.paths.output))
        result.manifest.dryRun = options.dryRun
        if options.dryRun { return try plan(options, result: result) }

        let lock = try RunLock(warehouse: config.paths.warehouse)
        defer { lock.release() }
        logger.info("run started: uppfoljning \(ToolVersion.current), config \(config.file), as of \(options.asOf)")
        do {
            let warehouse = try openWarehouse()
            result.summary = try ingest(into: warehouse, asOf: options.asOf)
            result.manifest.record(result.summary)
            let ingested = Date()
            result.manifest.timings.ingestSeconds = ingested.timeIntervalSince(started)
            // Loaded files are logged by the ingest itself; failures go to the console as findings, so the log
            // gets them at notice level (below the console's threshold).
            for warning in result.summary.warnings { logger.notice("\(warning)") }
            for file in result.summary.files {
                if file.kind == .skipped { logger.info("skipped \(file.path) (\(file.source)): already loaded") }
                if file.kind == .failed {
                    logger.notice("failed \(file.path) (\(file.source)): \(file.failure?.description ?? "")")
                }
            }
            result.render = try render(
                try dueReports(warehouse: warehouse, asOf: options.asOf), warehouse: warehouse, force: options.force)
            result.manifest.timings.renderSeconds = Date().timeIntervalSince(ingested)
            result.manifest.reports =
                result.render.written.map {
                    RunManifest.Report(request: $0.request.description, outcome: "written", files: $0.files)
                }
                + result.render.unchanged.map {
                    RunManifest.Report(request: $0.description, outcome: "unchanged", files: [])
                }
            result.manifest.indexWritten = result.render.indexWritten
            result.manifest.timings.rulesSeconds = result.render.rulesSeconds
            for report in result.render.written {
                logger.info("rendered \(report.request): \(report.files.count) files")
            }
            if !result.render.unchanged.isEmpty {
                logger.info("unchanged: \(result.render.unchanged.map(\.description).joined(separator: ", "))")
            }
            result.exitStatus = result.summary.exitStatus
            if !result.render.withheld.isEmpty {
                // A report that would reveal a hidden value was not published: the operator must look.
                result.exitStatus = .sourceFailed
                result.manifest.reports += result.render.withheld.map {
                    RunManifest.Report(request: $0.request.description, outcome: "withheld", files: [])
                }
            }
        } catch {
            result.manifest.error = error.description
            result.exitStatus = error.exitStatus
            finish(&result, started: started)
            // The command prints the error; the log gets it at notice level (below the console's threshold),
            // so the console does not show it twice.
            logger.notice("run failed: \(error.description)")
            throw error
        }
        finish(&result, started: started)
        logger.info(
            "run finished: exit \(result.exitStatus.rawValue), \(result.summary.loaded) loaded, \(result.summary.skipped) skipped, \(result.summary.failed) failed, \(result.render.written.count) reports rendered"
        )
        return result
    }

    /// Stamps the manifest and writes it atomically (and as `latest.json`).
    func finish(_ result: inout RunResult, started: Date) {
        let finished = Date()
        result.manifest.finished = ISO8601DateFormatter().string(from: finished)
        result.manifest.timings.totalSeconds = finished.timeIntervalSince(started)
        result.manifest.exitStatus = Int(result.exitStatus.rawValue)
        let stamp = result.manifest.started.replacingOccurrences(of: "-", with: "").replacingOccurrences(
            of: ":", with: "")
        let name = "run-\(stamp)-\(getpid()).json"
        let path = (runsDirectory as NSString).appendingPathComponent(name)
        let json = String(decoding: result.manifest.json, as: UTF8.self) + "\n"
        do {
            try AtomicFile.write(json, named: name, in: runsDirectory)
            try AtomicFile.write(json, named: "latest.json", in: runsDirectory)
            result.manifestPath = path
        } catch {
            logger.error("\(path): error: [manifest] cannot write the run manifest: \(error)")
        }
    }

    /// The dry run: what would be loaded, skipped or rejected, and which reports would be rendered.
    func plan(_ options: RunOptions, result: RunResult) throws(PipelineError) -> RunResult {
        var result = result
        var warehouse: Warehouse?
        if FileManager.default.fileExists(atPath: config.paths.warehouse) {
            do { warehouse = try Warehouse(readOnlyPath: config.paths.warehouse) } catch {
                throw .warehouse(error)
            }
        }
        result.summary = try ingest(into: warehouse, store: false, asOf: options.asOf)
        result.manifest.record(result.summary)
        result.exitStatus = result.summary.exitStatus
        // Months the new files would bring, and what is already on record.
        let newMonths = Set(result.summary.files.filter { $0.kind == .checked }.flatMap(\.months))
        var months = newMonths
        var recorded: [String: (fingerprint: String, publications: [Publication])] = [:]
        if let warehouse {
            do {
                months.formUnion(try warehouse.monthsWithFacts())
                recorded = try warehouse.renderedReports()
            } catch {
                throw .warehouse(error)
            }
        }
        for request in dueReports(months: months.sorted(), asOf: options.asOf) {
            // Rendered when its inputs on record changed, or a new file brings data for the months it reads.
            var current = false
            if !options.force, let warehouse {
                current = isCurrent(
                    request, fingerprint: try fingerprint(request, warehouse: warehouse), recorded: recorded)
            }
            let touched =
                monthsRead(by: request).map { range in newMonths.contains { $0 >= range.first && $0 <= range.last } }
                ?? !newMonths.isEmpty
            if !current || touched { result.wouldRender.append(request) }
        }
        result.manifest.reports = result.wouldRender.map {
            RunManifest.Report(request: $0.description, outcome: "would-render", files: [])
        }
        return result
    }
}
