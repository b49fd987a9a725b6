import Domain
import Foundation
import Reports
import Rules
import Warehouse

/// What rendering did with each due report.
package struct RenderOutcome: Sendable {
    /// Reports rendered in this run, with the files written (absolute paths).
    package var written: [(request: ReportRequest, files: [String])] = []
    /// Reports whose inputs had not changed since they were written; left as they are.
    package var unchanged: [ReportRequest] = []
    /// Reports the disclosure audit stopped: not written, the previous files left in place.
    package var withheld: [(request: ReportRequest, disclosures: [Disclosure])] = []
    package var indexWritten = false
    /// Time spent evaluating rules for the reports rendered (reading facts included).
    package var rulesSeconds = 0.0

    package var writtenPaths: [String] { written.flatMap(\.files) }
}

extension Pipeline {
    /// The reports that are due on `asOf`: each tertial and year that has ended `report.lag_days` days
    /// before and whose last month has data (a year with any data), plus the data-quality report.
    package func dueReports(warehouse: Warehouse, asOf: Day) throws(PipelineError) -> [ReportRequest] {
        let months: [Month]
        do { months = try warehouse.monthsWithFacts() } catch { throw .warehouse(error) }
        return dueReports(months: months, asOf: asOf)
    }

    /// The reports due on `asOf` given the months that have data.
    func dueReports(months: [Month], asOf: Day) -> [ReportRequest] {
        func closed(_ month: Month) -> Bool {
            let lastDay = Day(
                year: month.year, month: month.month, day: Day.daysIn(month: month.month, year: month.year))
            return (lastDay?.ordinal ?? Int.max) + config.report.lagDays <= asOf.ordinal
        }
        // Years outside the plausible range (before `[report] earliest_year`, after the run's year) are never
        // due, even when an older warehouse holds facts for them.
        let years = Set(months.map(\.year)).filter { $0 >= config.limits.earliestYear && $0 <= asOf.year }
        return ReportRequest.due(
            ReportCalendar(years: years.sorted(), monthsWithData: Set(months), isClosed: closed))
    }

    /// Refuses to render a report whose period has no data at all: every cell of it would be `-`, and the
    /// index would link it.
    ///
    /// - Parameter option: the command-line option that named the period (`--year`, `--period`).
    /// - Throws: `PipelineError.usage` (exit 2) naming the period and the months the warehouse has data for.
    package func checkReportData(_ request: ReportRequest, option: String, warehouse: Warehouse) throws(PipelineError) {
        guard let period = request.period else { return }
        let months: [Month]
        do { months = try warehouse.monthsWithFacts() } catch { throw .warehouse(error) }
        let wanted = Set(period.months)
        guard !months.contains(where: wanted.contains) else { return }
        let held = months.min().map { first in "\(first) to \(months.max() ?? first)" } ?? "none"
        let (kind, found) =
            period == .year(period.year) ? ("year", String(period.year)) : ("tertial", period.description)
        throw .usage(
            "\(option): expected a \(kind) with data in the warehouse (months with data: \(held)), found \(found), which has none; nothing was rendered"
        )
    }

    /// The months whose facts a report is computed from.
    func monthsRead(by request: ReportRequest) -> (first: Month, last: Month)? {
        let periods = request.kind.periodsRead
        let engine = RuleEngine(config: config)
        guard let first = periods.map(engine.firstMonthNeeded).min(),
            let last = periods.map(engine.lastMonthNeeded).max()
        else { return nil }
        return (first, last)
    }

    /// Whether a report on record was made from inputs with this fingerprint and all its files are on disk.
    func isCurrent(
        _ request: ReportRequest, fingerprint: String,
        recorded: [String: (fingerprint: String, publications: [Publication])]
    )
        -> Bool
    {
        guard let previous = recorded[request.description], previous.fingerprint == fingerprint else { return false }
        return previous.publications.allSatisfy { FileManager.default.fileExists(atPath: path(of: $0)) }
    }

    /// A digest of everything a report is made from: the tool version, the config, the unit register, the
    /// templates, the period's commentary, and the content hashes of the files whose months it reads (all
    /// files for the data-quality report). Same fingerprint, same bytes.
    package func fingerprint(_ request: ReportRequest, warehouse: Warehouse) throws(PipelineError) -> String {
        var parts: [String] = ["tool \(ToolVersion.current)", "request \(request)"]
        func add(file path: String) {
            if let data = FileManager.default.contents(atPath: path) {
                parts.append("file \(path) \(Self.sha256(data))")
            }
        }
        add(file: Config.absolute(config.file))
        add(file: config.paths.register)
        for name in Self.sortedFiles(in: config.paths.templates) { add(file: name) }
        parts += request.kind.fingerprintParts(self)
        do {
            if let months = monthsRead(by: request) {
                parts += try warehouse.fileHashes(from: months.first, through: months.last)
            } else {
                parts += try warehouse.fileHashes(from: Month(ordinal: 0), through: Month(ordinal: 3000 * 12))
            }
        } catch {
            throw .warehouse(error)
        }
        return Self.sha256(Data(parts.joined(separator: "\n").utf8))
    }

    /// An inbox glob as the data-quality page shows it: relative to the config's folder when it lies below it,
    /// so the page does not depend on the folder the run was started in.
    func inboxLabel(_ glob: String) -> String {
        let folder = (Config.absolute(config.file) as NSString).deletingLastPathComponent + "/"
        return glob.hasPrefix(folder) ? String(glob.dropFirst(folder.count)) : glob
    }

    static func sortedFiles(in folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
            .map { (folder as NSString).appendingPathComponent($0) }
    }

    static func sha256(_ data: Data) -> String { SHA256.hex(of: data) }

    /// Renders the requested reports whose inputs changed since they were last written (or whose files are
    /// missing), or all of them with `force`; records each report's fingerprint; rewrites the index when
    /// anything was written.
    package func render(_ requests: [ReportRequest], warehouse: Warehouse, force: Bool = false)
        throws(PipelineError) -> RenderOutcome
    {
        let renderer: ReportRenderer
        do { renderer = try ReportRenderer(config: config) } catch { throw .report(error) }
        var outcome = RenderOutcome()
        for name in AtomicFile.removeStale(in: config.paths.output) {
            logger.notice("removed \(name), left in \(config.paths.output) by an interrupted run")
        }
        let recorded: [String: (fingerprint: String, publications: [Publication])]
        do { recorded = try warehouse.renderedReports() } catch { throw .warehouse(error) }
        var stale: [(request: ReportRequest, fingerprint: String)] = []
        for request in requests {
            let fingerprint = try self.fingerprint(request, warehouse: warehouse)
            if !force, isCurrent(request, fingerprint: fingerprint, recorded: recorded) {
                outcome.unchanged.append(request)
            } else {
                stale.append((request, fingerprint))
            }
        }
        guard !stale.isEmpty else { return try finish(outcome, renderer: renderer, warehouse: warehouse) }
        let quality: DataQuality
        let table: MeasureTable?
        do {
            var read = try DataQuality.read(config: config, warehouse: warehouse)
            read.emptyInboxes = emptyInboxes().map { ($0.source.id, inboxLabel($0.source.inbox)) }
            quality = read
            // The facts of every report due, read once.
            let started = Date()
            table = try RuleEngine(config: config).table(
                for: stale.flatMap(\.request.kind.periodsRead), warehouse: warehouse)
            outcome.rulesSeconds += Date().timeIntervalSince(started)
        } catch {
            throw Self.pipelineError(error)
        }
        // Reports are evaluated and rendered on the machine's cores, and written and recorded one at a time
        // in the requested order.
        let ahead = ReadAhead(count: stale.count, workers: readAheadWorkers) {
            index -> Result<(files: [RenderedFile], rulesSeconds: Double), PipelineError> in
            var rulesSeconds = 0.0
            let files = render(
                stale[index].request, renderer: renderer, table: table, quality: quality, rulesSeconds: &rulesSeconds)
            return .success((files, rulesSeconds))
        }
        defer { ahead.stop() }
        let audit = DisclosureAudit(config: config)
        /// Open data published in this run, by file name, for next year's previous-value check.
        var openData: [String: String] = [:]
        for (index, (request, fingerprint)) in stale.enumerated() {
            var (files, rulesSeconds) = try ahead.value(at: index).get()
            outcome.rulesSeconds += rulesSeconds
            if request.kind.audit != .none {
                let lastYear = request.kind.previousOpenDataName.flatMap { name in
                    openData[name]
                        ?? FileManager.default.contents(atPath: outputPath(name)).map {
                            String(decoding: $0, as: UTF8.self)
                        }
                }
                let disclosures = audit.audit(files, lastYear: lastYear)
                if !disclosures.isEmpty {
                    for disclosure in disclosures { logger.error("\(disclosure)") }
                    outcome.withheld.append((request, disclosures))
                    // The request is not recorded, so the next run audits it again.
                    guard request.kind.audit == .withholdEachFile else { continue }
                    let clean = files.filter { file in !disclosures.contains { $0.file == file.name } }
                    do { outcome.written.append((request, try renderer.write(clean))) } catch {
                        throw Self.pipelineError(error)
                    }
                    continue
                }
                if let name = request.kind.openDataName, let file = files.first(where: { $0.name == name }) {
                    openData[name] = file.text
                }
            }
            if let again = request.kind.rerender(
                withheld: outcome.withheld.map(Self.withheldModel), renderer: renderer, quality: quality)
            {
                files = again
            }
            do {
                let written = try renderer.write(files)
                let time = ISO8601DateFormatter().string(from: Date())
                try warehouse.recordRendered(
                    request: request.description, fingerprint: fingerprint,
                    publications: files.map { publication($0, of: request, at: time) }, at: time)
                outcome.written.append((request, written))
            } catch {
                throw Self.pipelineError(error)
            }
        }
        return try finish(outcome, renderer: renderer, warehouse: warehouse)
    }

    /// What the data-quality page says of a report the audit stopped.
    static func withheldModel(_ entry: (request: ReportRequest, disclosures: [Disclosure])) -> WithheldReport {
        WithheldReport(
            report: entry.request.description,
            findings: entry.disclosures.map { "\($0.file): \($0.cell) (\($0.route.rawValue))" })
    }

    /// A report or warehouse error in the pipeline's terms.
    static func pipelineError(_ error: any Error) -> PipelineError {
        switch error {
        case let error as ReportError: .report(error)
        case let error as WarehouseError: .warehouse(error)
        default: .report(.unexpected(reason: "\(error)"))
        }
    }

    /// Writes the index when a report was written or the index is missing.
    private func finish(_ outcome: RenderOutcome, renderer: ReportRenderer, warehouse: Warehouse)
        throws(PipelineError) -> RenderOutcome
    {
        var outcome = outcome
        // The index lists the files on disk: it is rewritten whenever that list changed, also when nothing was
        // rendered (a report's files deleted by hand, or one no longer due), so it never keeps a dead link.
        let index = try self.index(renderer: renderer, warehouse: warehouse)
        let onDisk = FileManager.default.contents(atPath: outputPath(index.name))
        if !outcome.written.isEmpty || onDisk != Data(index.bytes) {
            do { _ = try renderer.write([index]) } catch { throw .report(error) }
            outcome.indexWritten = true
        }
        return outcome
    }

    func render(
        _ request: ReportRequest, renderer: ReportRenderer, table: MeasureTable?, quality: DataQuality,
        rulesSeconds: inout Double
    ) -> [RenderedFile] {
        // No table when no report due reads facts (only the data-quality page): an empty one serves it.
        request.kind.files(
            table: table ?? MeasureTable(measures: config.measures), engine: RuleEngine(config: config),
            renderer: renderer, quality: quality, rulesSeconds: &rulesSeconds)
    }

    /// The index of every report on record whose files are on disk, newest year first within each section.
    func index(renderer: ReportRenderer, warehouse: Warehouse) throws(PipelineError) -> RenderedFile {
        let recorded: [String: (fingerprint: String, publications: [Publication])]
        do { recorded = try warehouse.renderedReports() } catch { throw .warehouse(error) }
        let entries = recorded.values.flatMap(\.publications).compactMap { publication -> IndexSection.Entry? in
            guard let section = publication.section.flatMap(IndexSection.init(rawValue:)),
                FileManager.default.fileExists(atPath: path(of: publication))
            else { return nil }
            return (
                section, publication.period.flatMap(Period.init)?.year ?? 0, publication.fileName, publication.title
            )
        }
        return renderer.index(entries)
    }

    /// The warehouse's record of a file a report wrote.
    func publication(_ file: RenderedFile, of request: ReportRequest, at time: String) -> Publication {
        Publication(
            request: request.description, kind: request.kindID, period: request.period?.description,
            namnd: file.namnd, format: file.format.rawValue, mediaType: file.mediaType, fileName: file.name,
            folder: file.folder.rawValue, title: file.title, section: file.section?.rawValue,
            bytes: file.bytes.count, sha256: Self.sha256(Data(file.bytes)), renderedAt: time)
    }

    /// Where a recorded file is on disk.
    func path(of publication: Publication) -> String {
        publication.folder == RenderedFile.Folder.quality.rawValue
            ? (config.paths.qualityFolder as NSString).appendingPathComponent(publication.fileName)
            : outputPath(publication.fileName)
    }

    func outputPath(_ name: String) -> String { (config.paths.output as NSString).appendingPathComponent(name) }
}
