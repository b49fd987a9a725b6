import ArgumentParser
import Domain
import Foundation
import Ingest
import Logging
import Pipeline

@main
struct Uppfoljning: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "uppfoljning",
        abstract: "Follow-up of provider units (utförarenheter) for Swedish municipalities.",
        discussion: """
            Ingests the exports of the ledger (SIE 4, CSV), HR and payroll (PAXml, CSV), volumes, surveys \
            and complaints, evaluates the indicators of the config and renders the annual comparison and \
            the tertial reports as HTML and CSV.

            Exit codes (the table in README.md): 0 success; 1 success with rejected rows or unmapped \
            ledger codes; 2 configuration or usage error; 3 a source file failed its checks, or a report was \
            withheld; 4 locked; 70 internal error.
            """,
        version: ToolVersion.current,
        subcommands: [Run.self, IngestCommand.self, Report.self, Check.self, Facts.self, Inspect.self]
    )

    /// Parses and runs the command; a usage error exits 2 (the README's table), not argument-parser's 64.
    static func main() {
        let arguments = Report.subcommandFirst(Array(CommandLine.arguments.dropFirst()))
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
                Console.error(fullMessage(for: error))
                Foundation.exit(ExitStatus.configError.rawValue)
            }
            exit(withError: error)
        }
    }
}

/// Options every command shares.
struct CommonOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The municipality's config file (TOML).", valueName: "file"))
    var config: String

    @Option(
        name: .long,
        help: ArgumentHelp("Use this warehouse file instead of the config's paths.warehouse.", valueName: "file"))
    var warehouse: String?

    @Option(
        name: .long, help: ArgumentHelp("Write reports here instead of the config's paths.output.", valueName: "dir"))
    var output: String?

    @Flag(name: .long, help: "Log each loaded file to stderr.")
    var verbose = false

    func pipeline() throws -> Pipeline {
        let level: Logger.Level = verbose ? .info : .warning
        var logger = Logger(label: "uppfoljning") { SafeLogHandler(StreamLogHandler.standardError(label: $0)) }
        logger.logLevel = level
        do {
            return try Pipeline(configPath: config, warehouse: warehouse, output: output, logger: logger)
        } catch {
            throw Console.fail(error)
        }
    }
}

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The nightly job: ingest what is new, re-render the due reports whose inputs changed.",
        discussion: """
            Takes the warehouse lock (a second run exits 4 at once), loads every new inbox file (by \
            content hash), renders each tertial report report.lag_days after the tertial's end and the \
            annual comparison once the year is closed, when its inputs changed, and writes a run manifest \
            (JSON) and the run log beside the warehouse (paths.runs, paths.log).

            Examples:
              uppfoljning run --config /etc/uppfoljning/kommun.toml
              uppfoljning run --config kommun.toml --dry-run
              uppfoljning run --config kommun.toml --as-of 2025-09-15 --force
            """
    )

    @OptionGroup var options: CommonOptions

    @Flag(name: .long, help: "Say what would be loaded, rejected and rendered; write nothing at all.")
    var dryRun = false

    @Flag(name: .long, help: "Render every due report even when its inputs are unchanged.")
    var force = false

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Judge which reports are due as on this date (YYYY-MM-DD); default today.", valueName: "date"))
    var asOf: String?

    func validate() throws {
        if let asOf, Day(asOf) == nil { throw ValidationError("--as-of: expected YYYY-MM-DD, found '\(asOf)'") }
    }

    func run() throws {
        var pipeline = try options.pipeline()
        // Refused before the log, the lock and the warehouse are touched.
        do { try pipeline.checkTemplates() } catch { throw Console.fail(error) }
        if !dryRun, let file = FileLogHandler(path: pipeline.logPath) {
            pipeline = pipeline.logging(to: file, verbose: options.verbose)
        }
        let runOptions = RunOptions(asOf: asOf.flatMap(Day.init) ?? RunOptions.today, dryRun: dryRun, force: force)
        do {
            let result = try pipeline.nightly(runOptions)
            Console.print(result.summary)
            if dryRun {
                Console.printPlan(result.wouldRender)
            } else {
                Console.printReports(result.render)
                if let path = result.manifestPath { Console.out("manifest: \(path)") }
            }
            try Console.exit(result.exitStatus)
        } catch let error as PipelineError {
            throw Console.fail(error)
        }
    }
}

/// `uppfoljning ingest`; not named `Ingest`, which would hide the module of that name.
struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Load new files into the warehouse without rendering.",
        discussion: """
            Without paths, every inbox of the config is read. A given path must match a source's inbox \
            glob.

            Example: uppfoljning ingest --config kommun.toml inbox/ekonomi/huvudbok-2025-03.csv
            """
    )

    @OptionGroup var options: CommonOptions

    @Argument(help: ArgumentHelp("Files to load (default: every inbox).", valueName: "path"))
    var paths: [String] = []

    func run() throws {
        let pipeline = try options.pipeline()
        do {
            let lock = try RunLock(warehouse: pipeline.config.paths.warehouse)
            defer { lock.release() }
            let summary = try pipeline.ingest(paths: paths, into: try pipeline.openWarehouse())
            Console.print(summary)
            try Console.exit(summary.exitStatus)
        } catch let error as PipelineError {
            throw Console.fail(error)
        }
    }
}

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Render one report from the warehouse.",
        discussion: """
            The options may come before or after the report's name.

            Examples:
              uppfoljning report --config kommun.toml annual --year 2025
              uppfoljning report --config kommun.toml tertial --period 2025-T2
              uppfoljning report tertial --period 2025-T2 --config kommun.toml
            """,
        subcommands: [Annual.self, Tertial.self]
    )

    /// The options that take a value, of `CommonOptions`.
    static let valueOptions: Set<String> = ["--config", "--warehouse", "--output"]

    /// The command line with the report's name moved right after `report`: `report --config FILE annual
    /// --year Y` (the documented form) as `report annual --config FILE --year Y`, which is how
    /// argument-parser reads a subcommand's options. Any other command line is returned as it is.
    static func subcommandFirst(_ arguments: [String]) -> [String] {
        guard arguments.first == "report" else { return arguments }
        let names: Set<String> = ["annual", "tertial"]
        var index = 1
        while index < arguments.count, arguments[index] != "--" {
            let word = arguments[index]
            if names.contains(word) {
                var moved = arguments
                moved.remove(at: index)
                moved.insert(word, at: 1)
                return moved
            }
            // A value of an option (a folder may be called `annual`) is not the report's name.
            index += valueOptions.contains(word) ? 2 : 1
        }
        return arguments
    }

    struct Annual: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The published annual comparison of all units (HTML and open-data CSV).",
            discussion: "Example: uppfoljning report --config kommun.toml annual --year 2025")

        @OptionGroup var options: CommonOptions
        @Option(help: ArgumentHelp("The year, e.g. 2025.", valueName: "year")) var year: Int

        func run() throws {
            try Report.render(options: options, request: .annual(year: year), option: "--year")
        }
    }

    struct Tertial: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The tertial report to the committee (HTML).",
            discussion: "Example: uppfoljning report --config kommun.toml tertial --period 2025-T2")

        @OptionGroup var options: CommonOptions
        @Option(
            help: ArgumentHelp(
                "The tertial, written YYYY-Tn (T1 = Jan–Apr, T2 = May–Aug, T3 = Sep–Dec).", valueName: "period"))
        var period: String

        func validate() throws {
            guard case .tertial? = Period(period) else {
                throw ValidationError("--period: expected YYYY-T1, YYYY-T2 or YYYY-T3, found '\(period)'")
            }
        }

        func run() throws {
            guard case .tertial(let year, let number)? = Period(period) else { return }
            try Report.render(options: options, request: .tertial(year: year, number: number), option: "--period")
        }
    }

    static func render(options: CommonOptions, request: ReportRequest, option: String) throws {
        let pipeline = try options.pipeline()
        let outcome: RenderOutcome
        do {
            if let year = request.period?.year {
                try pipeline.checkReportYear(year, option: option, asOf: RunOptions.today)
            }
            try pipeline.checkTemplates()
            let lock = try RunLock(warehouse: pipeline.config.paths.warehouse)
            defer { lock.release() }
            let warehouse = try pipeline.openWarehouse()
            // A period without any data is not rendered (exit 2, like a year out of range).
            try pipeline.checkReportData(request, option: option, warehouse: warehouse)
            outcome = try pipeline.render([request], warehouse: warehouse, force: true)
            Console.printReports(outcome)
        } catch {
            throw Console.fail(error)
        }
        // A report that would reveal a hidden value is not written: exit 3, as in `run`.
        guard outcome.withheld.isEmpty else {
            for disclosure in outcome.withheld.flatMap(\.disclosures) { Console.error(disclosure.description) }
            try Console.exit(.sourceFailed)
            return
        }
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Validate the config, the unit register and the inbox files; write nothing.",
        discussion: """
            Reads every inbox file (or the given ones) as a load would, and reports what would be \
            rejected. The warehouse is not opened.

            Example: uppfoljning check --config kommun.toml
            """
    )

    @OptionGroup var options: CommonOptions

    @Argument(help: ArgumentHelp("Files to check (default: every inbox).", valueName: "path"))
    var paths: [String] = []

    func run() throws {
        let pipeline = try options.pipeline()
        do { try pipeline.checkTemplates() } catch { throw Console.fail(error) }
        Swift.print(
            "config ok: \(pipeline.config.enheter.count) units, \(pipeline.config.sources.count) sources, \(pipeline.config.indicators.count) indicators"
        )
        do {
            let summary = try pipeline.ingest(paths: paths, into: nil)
            Console.print(summary)
            try Console.exit(summary.exitStatus)
        } catch let error as PipelineError {
            throw Console.fail(error)
        }
    }
}

struct Facts: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "Print the stored monthly facts as CSV (enhet, month, measure, category, gender, value, n, source_file).",
        discussion: "Example: uppfoljning facts --config kommun.toml --year 2025 --enhet HT01 > facts.csv"
    )

    @OptionGroup var options: CommonOptions
    @Option(help: ArgumentHelp("Only this year.", valueName: "year")) var year: Int?
    @Option(help: ArgumentHelp("Only this unit id.", valueName: "id")) var enhet: String?

    func run() throws {
        let pipeline = try options.pipeline()
        do {
            let text = try pipeline.factsCSV(warehouse: try pipeline.openWarehouse(), year: year, enhet: enhet)
            FileHandle.standardOutput.write(Data(text.utf8))
        } catch {
            throw Console.fail(error)
        }
    }
}

struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Describe an export file without a config: format, encoding, counts, checks and totals.",
        discussion: """
            SIE 4 files: program, company, fiscal years, dimensions and objects, vouchers and \
            transactions, unbalanced vouchers, the #KSUMMA result, totals per account class and month. \
            Ledger CSV files are recognised by their header names (datum/bokföringsdatum/period/date, \
            konto/account, belopp/amount, ansvar/kostnadsställe/resultatenhet); PAXml files too. Other \
            exports (volume, HR CSV, survey, complaints) are not described: the check command reads them \
            as a load would. Every problem is listed; exit code 1 when there is any.

            Example: uppfoljning inspect --json inbox/budget/budget-2025.se
            """
    )

    @Argument(help: ArgumentHelp("The export file.", valueName: "file")) var file: String
    @Flag(help: "Print JSON (a stable interface for scripts) instead of text.") var json = false

    func run() throws {
        let inspection: Inspection
        do {
            inspection = try ExportInspection.run(path: file)
        } catch {
            throw Console.fail(error)
        }
        Swift.print(
            json ? ExportInspection.json(inspection) : MessageText.escaped(ExportInspection.text(inspection)),
            terminator: "")
        for problem in inspection.problems where !json { Console.error(problem) }
        if !inspection.problems.isEmpty { throw ExitCode(ExitStatus.rejectedRows.rawValue) }
    }
}
