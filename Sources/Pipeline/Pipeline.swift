import Domain
import Foundation
import Ingest
import Logging
import Reports
import Rules
import Warehouse

/// The Pipeline facade: every CLI command is one call here.
package struct Pipeline {
    package let config: Config
    var logger: Logger

    /// Files at least this large (bytes) are hashed beside their reading rather than before it.
    var hashBesideThreshold = 8 << 20

    /// How many rejected rows per file are printed; all are stored.
    package static let rejectsShownPerFile = 20

    /// Loads the config, applying command-line overrides of the warehouse and output paths.
    ///
    /// - Throws: `PipelineError.config` with every problem in the one message format.
    package init(configPath: String, warehouse: String? = nil, output: String? = nil, logger: Logger)
        throws(PipelineError)
    {
        var config: Config
        do {
            config = try Config.load(path: configPath)
        } catch {
            throw .config(error)
        }
        if let warehouse { config.paths.warehouse = Config.absolute(warehouse) }
        if let output { config.paths.output = Config.absolute(output) }
        self.config = config
        self.logger = logger
    }

    /// The same pipeline logging to the console and to `file` (the run log, always at info level).
    package func logging(to file: FileLogHandler, verbose: Bool) -> Pipeline {
        var console = StreamLogHandler.standardError(label: "uppfoljning")
        console.logLevel = verbose ? .info : .warning
        var copy = self
        copy.logger = Logger(label: "uppfoljning") { _ in SafeLogHandler(MultiplexLogHandler([console, file])) }
        return copy
    }

    package func openWarehouse() throws(PipelineError) -> Warehouse {
        do {
            return try Warehouse(path: config.paths.warehouse)
        } catch {
            throw .warehouse(error)
        }
    }

    /// Checks that the templates folder (`paths.templates`) holds every report template and that each parses:
    /// `check`, `run` and `report` call it before they touch the warehouse.
    ///
    /// - Throws: `PipelineError.config` naming the key, or the template's line and column.
    package func checkTemplates() throws(PipelineError) {
        let folder = config.paths.templates
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw .config(
                templatesFinding(
                    "expected a folder with the report templates, found no folder '\(Config.displayPath(folder))'"))
        }
        do {
            _ = try ReportRenderer(config: config)
        } catch {
            switch error {
            case .templateMissing(let path):
                throw .config(
                    templatesFinding(
                        "expected the template '\((path as NSString).lastPathComponent)' in '\(Config.displayPath(folder))', not found"
                    ))
            case .templateSyntax(let path, let line, let column, let reason):
                throw .config(
                    .invalid([
                        Finding(
                            SourceLocation(file: Config.displayPath(path), line: line, column: column),
                            rule: "template-syntax", message: reason)
                    ]))
            case .writeFailed, .unexpected:
                throw .report(error)
            }
        }

        func templatesFinding(_ message: String) -> ConfigError {
            .invalid([
                Finding(
                    SourceLocation(file: config.file, key: "paths.templates"), rule: "config-value",
                    message: "key 'paths.templates': " + message)
            ])
        }
    }

    /// The sources whose inbox glob matches no file, each with a warning: a nightly export that stopped
    /// arriving must not go unseen.
    package func emptyInboxes() -> [(source: SourceDefinition, warning: Finding)] {
        config.sources.filter { Inbox.files(matching: $0.inbox).isEmpty }.map { source in
            (
                source,
                Finding(
                    SourceLocation(file: Config.displayPath(source.inbox)), rule: "empty-inbox", severity: .warning,
                    message:
                        "source '\(source.id)': no file matches the inbox glob; has the export stopped arriving?")
            )
        }
    }

    /// The files to consider: the given paths (each matched to the source whose inbox glob it fits), or
    /// every file in every inbox.
    func plannedFiles(_ paths: [String]?) throws(PipelineError) -> [(path: String, source: SourceDefinition)] {
        guard let paths, !paths.isEmpty else {
            return config.sources.flatMap { source in Inbox.files(matching: source.inbox).map { ($0, source) } }
        }
        var planned: [(String, SourceDefinition)] = []
        for given in paths {
            let path = Config.absolute(given)
            guard FileManager.default.fileExists(atPath: path) else {
                throw .usage(Finding(SourceLocation(file: given), .noSuchFile).description)
            }
            guard let source = config.sources.first(where: { Inbox.matches(path, pattern: $0.inbox) }) else {
                let inboxes = config.sources.map { Config.displayPath($0.inbox) }
                throw .usage(Finding(SourceLocation(file: given), .noSource(inboxes: inboxes)).description)
            }
            planned.append((path, source))
        }
        return planned
    }

    /// Ingests new files: a file whose content hash is on record is skipped; every other file is read and
    /// stored in one transaction, or rejected whole with the reason.
    ///
    /// Files are hashed and read on the machine's cores a few files ahead of the store, which takes them one
    /// at a time in the planned order: the warehouse sees exactly the sequence a one-file-at-a-time run would
    /// write.
    ///
    /// - Parameters:
    ///   - paths: specific files, or `nil` for every inbox.
    ///   - warehouse: where files are stored and looked up by hash; `nil` reads and checks only (`check`).
    ///   - store: `false` looks files up but stores nothing (`--dry-run`).
    ///   - asOf: the run's date; a file with data for a later month (a later year for surveys) is refused.
    package func ingest(
        paths: [String]? = nil, into warehouse: Warehouse?, store: Bool = true, asOf: Day = RunOptions.today
    ) throws(PipelineError) -> IngestSummary {
        let reader = SourceReader(config: config)
        let planned = try plannedFiles(paths)
        let ahead = ReadAhead(count: planned.count, workers: readAheadWorkers) {
            index -> Result<Prepared, PipelineError> in
            let started = Date()
            return Result { () throws(PipelineError) -> Prepared in
                var prepared = try prepare(
                    path: planned[index].path, source: planned[index].source, reader: reader, warehouse: warehouse,
                    store: store, asOf: asOf)
                prepared.outcome.seconds = Date().timeIntervalSince(started)
                return prepared
            }
        }
        defer { ahead.stop() }
        var summary = IngestSummary()
        if paths?.isEmpty ?? true { summary.warnings = emptyInboxes().map(\.warning) }
        for index in planned.indices {
            var prepared = try ahead.value(at: index).get()
            guard let result = prepared.result, let warehouse, store else {
                summary.files.append(prepared.outcome)
                continue
            }
            let started = Date()
            let display = prepared.outcome.path
            let loadedAt = ISO8601DateFormatter().string(from: Date())
            if let pending = prepared.pending {
                // The facts are written while the hash finishes, in a transaction that commits only once the
                // hash is known, the file unchanged and its content new.
                var settled: Result<String, Finding>?
                let stored: (outcome: StoreOutcome, sha256: String)?
                do {
                    stored = try warehouse.store(
                        path: display,
                        pendingHash: {
                            settled = pending.settled(path: planned[index].path, display: display)
                            return try? settled?.get()
                        },
                        source: planned[index].source, result: result, loadedAt: loadedAt)
                } catch {
                    throw .warehouse(error)
                }
                switch settled {
                case .failure(let finding)?:
                    summary.files.append(Self.failed(prepared.outcome, sha256: pending.sha256 ?? "", finding))
                    continue
                case .success(let sha256)?:
                    try remember(sha256, of: planned[index].path, identity: pending.identity, in: warehouse)
                    prepared.outcome.sha256 = sha256
                    // Not stored with a hash that settled: its content is on record (checked in the transaction).
                    guard let stored else {
                        guard let existing = try Self.loadedFile(sha256: sha256, in: warehouse) else {
                            throw .warehouse(
                                .query(
                                    what: "storing '\(display)'", reason: "its content was on record, and is no longer")
                            )
                        }
                        summary.files.append(Self.alreadyLoaded(prepared.outcome, existing: existing))
                        continue
                    }
                    prepared.outcome.supersededFiles = stored.outcome.supersededFiles
                    prepared.outcome.replacedFacts = stored.outcome.replacedFacts
                case nil:
                    // The store asks for the hash before it returns; it cannot have returned without.
                    throw .warehouse(
                        .query(what: "storing '\(display)'", reason: "the transaction ended without its file's hash"))
                }
            } else {
                let sha256 = prepared.outcome.sha256
                // A file with the same content may have been stored since this one was looked up.
                if let existing = try Self.loadedFile(sha256: sha256, in: warehouse) {
                    summary.files.append(Self.alreadyLoaded(prepared.outcome, existing: existing))
                    continue
                }
                do {
                    let stored = try warehouse.store(
                        path: display, sha256: sha256, source: planned[index].source, result: result,
                        loadedAt: loadedAt)
                    prepared.outcome.supersededFiles = stored.supersededFiles
                    prepared.outcome.replacedFacts = stored.replacedFacts
                } catch {
                    throw .warehouse(error)
                }
            }
            logger.info(
                "loaded \(display): \(result.rowsRead) rows, \(result.facts.count) facts, \(result.rejects.total) rejected"
            )
            prepared.outcome.seconds += Date().timeIntervalSince(started)
            summary.files.append(prepared.outcome)
        }
        return summary
    }

    /// One file after the work that runs beside the other files: its outcome so far and, when it was read
    /// and passed every check, what is to be stored.
    struct Prepared: Sendable {
        var outcome: FileOutcome
        var result: ReadResult?
        /// The hash of a large new file, still being computed when its read passed every check: the store
        /// waits for it (`outcome.sha256` is empty until then).
        var pending: PendingHash?
    }

    /// A file's SHA-256 being computed on a thread beside its read.
    struct PendingHash: @unchecked Sendable {
        let hashing: Beside<Result<String, InputFileError>>
        /// The file's size, times and inode when it was first looked at.
        let identity: [Int]

        /// The hash once computed; `nil` when hashing failed.
        var sha256: String? { try? hashing.wait().get() }

        /// Waits for the hash: the hash, or why the file cannot be stored (hashing failed, or the file changed
        /// since it was first looked at).
        func settled(path: String, display: String) -> Result<String, Finding> {
            switch hashing.wait() {
            case .failure(let error):
                return .failure(Finding.unreadable(display, error))
            case .success(let sha256):
                if let changed = Pipeline.changed(path: path, display: display, since: identity) {
                    return .failure(changed)
                }
                return .success(sha256)
            }
        }
    }

    /// A failed outcome of `outcome`'s file.
    static func failed(_ outcome: FileOutcome, sha256: String, _ finding: Finding) -> FileOutcome {
        var failed = FileOutcome(path: outcome.path, source: outcome.source, kind: .failed, sha256: sha256)
        failed.failure = finding
        failed.seconds = outcome.seconds
        return failed
    }

    /// Records the hash of a file under its identity, so that an unchanged file is not hashed again.
    func remember(_ sha256: String, of path: String, identity: [Int], in warehouse: Warehouse) throws(PipelineError) {
        guard !identity.isEmpty, Self.identity(of: path) == identity else { return }
        do {
            try warehouse.rememberHash(path: path, identity: identity, sha256: sha256)
        } catch {
            throw .warehouse(error)
        }
    }

    /// Hashes (or recalls the hash of) one file, skips it when its content is on record, reads it and runs
    /// the whole-file checks. Touches the warehouse only to read, and to remember a file's hash.
    func prepare(
        path: String, source: SourceDefinition, reader: SourceReader, warehouse: Warehouse?, store: Bool, asOf: Day
    ) throws(PipelineError) -> Prepared {
        let display = Config.displayPath(path)
        func failed(_ sha256: String, _ finding: Finding, rejects: [Finding] = []) -> Prepared {
            var outcome = FileOutcome(path: display, source: source.id, kind: .failed, sha256: sha256)
            outcome.failure = finding
            outcome.rejects = rejects
            return Prepared(outcome: outcome)
        }
        // Nothing of a link or a file outside its inbox is read: not even to hash it.
        if let refusal = Inbox.refusal(path, pattern: source.inbox, display: display) { return failed("", refusal) }
        let identity = Self.identity(of: path)
        // A file whose size, times and inode are as when it was hashed is not read again.
        var known: String?
        do {
            if let warehouse, !identity.isEmpty {
                known = try warehouse.knownHash(path: path, identity: identity)
            }
        } catch {
            throw .warehouse(error)
        }
        // A large file new to us is hashed on a thread of its own while it is read, and stored while the
        // hash finishes; the store is rolled back if the hash shows the content is on record: a duplicate
        // costs a read and a store, every new file is on record a whole hash sooner.
        let hashing: Beside<Result<String, InputFileError>>? =
            known == nil && (identity.first ?? 0) >= hashBesideThreshold
            ? Beside { Result { () throws(InputFileError) in try SHA256.file(at: path) } } : nil
        func readFile() -> Result<ReadResult, FileRejection> {
            Result { () throws(FileRejection) in try reader.read(path: path, displayPath: display, source: source) }
        }
        let read = hashing != nil ? readFile() : nil
        // A read that passed the whole-file checks while its hash is still being computed goes to the store
        // with the hash pending: writing the facts overlaps the end of the hash.
        if let hashing, warehouse != nil, store, case .success(let result)? = read,
            identity.first != 0,
            Self.changed(path: path, display: display, since: identity)
                ?? MonthRangeCheck(config: config).finding(result, source: source, display: display, asOf: asOf)
                == nil
        {
            return Prepared(
                outcome: accepted(result, display: display, source: source, sha256: "", stored: true), result: result,
                pending: PendingHash(hashing: hashing, identity: identity))
        }
        let sha256: String
        do {
            sha256 = try known ?? hashing?.wait().get() ?? SHA256.file(at: path)
        } catch {
            return failed("", Finding.unreadable(display, error))
        }
        if known == nil, let warehouse, store { try remember(sha256, of: path, identity: identity, in: warehouse) }
        if let warehouse, let existing = try Self.loadedFile(sha256: sha256, in: warehouse) {
            return Prepared(
                outcome: Self.alreadyLoaded(
                    FileOutcome(path: display, source: source.id, kind: .loaded, sha256: sha256), existing: existing))
        }
        if identity.first == 0 {
            return failed(
                sha256,
                Finding(SourceLocation(file: display), rule: "empty-file", message: "the file is empty (0 bytes)"))
        }
        let result: ReadResult
        do {
            result = try (read ?? readFile()).get()
        } catch {
            return failed(sha256, error.finding, rejects: error.findings)
        }
        if let problem = Self.changed(path: path, display: display, since: identity)
            ?? MonthRangeCheck(config: config).finding(result, source: source, display: display, asOf: asOf)
        {
            return failed(sha256, problem)
        }
        return Prepared(
            outcome: accepted(
                result, display: display, source: source, sha256: sha256, stored: warehouse != nil && store),
            result: result)
    }

    /// The outcome of a file read that passed every check.
    func accepted(_ result: ReadResult, display: String, source: SourceDefinition, sha256: String, stored: Bool)
        -> FileOutcome
    {
        var outcome = FileOutcome(path: display, source: source.id, kind: stored ? .loaded : .checked, sha256: sha256)
        outcome.months = result.months
        outcome.rowsRead = result.rowsRead
        outcome.rowsAccepted = result.rowsAccepted
        outcome.facts = result.facts.count
        outcome.rejectedCount = result.rejects.total
        outcome.rejects = Array(result.rejects.prefix(Self.rejectsShownPerFile))
        outcome.controlTotals = result.controlTotals
        outcome.unmapped = result.unmapped
        return outcome
    }

    static func loadedFile(sha256: String, in warehouse: Warehouse) throws(PipelineError) -> LoadedFile? {
        do { return try warehouse.loadedFile(sha256: sha256) } catch { throw .warehouse(error) }
    }

    /// The outcome of a file whose content is already on record.
    static func alreadyLoaded(_ outcome: FileOutcome, existing: LoadedFile) -> FileOutcome {
        var skipped = FileOutcome(path: outcome.path, source: outcome.source, kind: .skipped, sha256: outcome.sha256)
        skipped.failure = Finding(
            SourceLocation(file: outcome.path), rule: "already-loaded", severity: .warning,
            message: "same content as '\(existing.path)', loaded \(existing.loadedAt)")
        skipped.seconds = outcome.seconds
        return skipped
    }

    /// Size, modification time and inode of a file: what must not change between hashing and reading.
    static func identity(of path: String) -> [Int] {
        var info = stat()
        guard stat(path, &info) == 0 else { return [] }
        return [
            Int(info.st_size), Int(info.st_mtim.tv_sec), Int(info.st_mtim.tv_nsec), Int(info.st_ino),
            Int(info.st_ctim.tv_sec), Int(info.st_ctim.tv_nsec),
        ]
    }

    /// A finding when the file changed (was written to or replaced) while it was hashed and read: what was
    /// read may not be what the hash says, so nothing of it is stored; the next run reads it whole.
    static func changed(path: String, display: String, since before: [Int]) -> Finding? {
        guard identity(of: path) != before else { return nil }
        return Finding(
            SourceLocation(file: display), rule: "file-changed",
            message:
                "the file changed while it was read (still being written?): not loaded; the next run reads it again")
    }

    /// Checks that a report asked for by year lies in the years reports are made for: from `[report]
    /// earliest_year` through the year of `asOf`.
    ///
    /// - Throws: `PipelineError.usage` naming the option and the range.
    package func checkReportYear(_ year: Int, option: String, asOf: Day) throws(PipelineError) {
        let earliest = config.limits.earliestYear
        guard (earliest...max(earliest, asOf.year)).contains(year) else {
            throw .usage(
                "\(option): expected a year from \(earliest) ([report] earliest_year) to \(asOf.year) (this year), found \(year)"
            )
        }
    }

    /// The stored facts as CSV: the analyst's raw extract.
    package func factsCSV(warehouse: Warehouse, year: Int?, enhet: String?) throws(PipelineError) -> String {
        let facts: [StoredFact]
        do { facts = try warehouse.storedFacts(year: year, enhet: enhet) } catch { throw .warehouse(error) }
        var writer = CSVWriter()
        writer.row(
            [
                "enhet", "month", "measure", "category", "observed", "counterparty", "service", "gender", "value", "n",
                "source_file",
            ].map(CSVWriter.Cell.text))
        for stored in facts {
            let fact = stored.fact
            writer.row([
                .text(fact.enhet), .text(fact.month.description), .text(fact.measure), .text(fact.category),
                .number(fact.observed), .text(fact.counterparty), .text(fact.service),
                .text(fact.gender?.rawValue ?? ""), .number(fact.value.description),
                .number(fact.n.map(String.init) ?? ""),
                .text(stored.sourcePath),
            ])
        }
        return writer.output
    }
}
