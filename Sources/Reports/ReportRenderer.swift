import Domain
import Foundation
import Mustache
import Rules

/// A rendered output: its file name in the output folder and its content.
package struct RenderedFile: Sendable, Hashable {
    package let name: String
    package let title: String
    package let content: String
    /// Whether the index page links it (unit pages are linked from their comparison instead).
    package var listed = true
    /// Where it goes: the published output, or the operator's data-quality folder.
    package var folder: Folder = .output

    package enum Folder: String, Sendable, Hashable {
        case output
        /// `paths.quality`: the data-quality page, outside the published output.
        case quality
    }

    package init(name: String, title: String, content: String, listed: Bool = true, folder: Folder = .output) {
        self.name = name
        self.title = title
        self.content = content
        self.listed = listed
        self.folder = folder
    }
}

/// The Reports facade: renders evaluations through the Mustache templates and writes them atomically.
///
/// Output is a pure function of the evaluations, the data-quality account, the commentary files and the
/// templates: no clock, no random ids, so the same warehouse gives byte-identical reports.
package struct ReportRenderer: Sendable {
    let config: Config
    let library: MustacheLibrary

    /// The templates the renderer needs in the templates folder.
    static let templateNames = [
        "annual", "unit", "tertial", "verksamhetsberattelse", "datakvalitet", "index", "head", "methodology",
        "symbols",
    ]

    /// Loads the templates from `config.paths.templates`.
    ///
    /// - Throws: `ReportError` naming the template file and, for a syntax error, its line and column.
    package init(config: Config) throws(ReportError) {
        self.config = config
        var library = MustacheLibrary()
        for name in Self.templateNames {
            let path = (config.paths.templates as NSString).appendingPathComponent("\(name).mustache")
            guard let data = FileManager.default.contents(atPath: path) else { throw .templateMissing(path: path) }
            do {
                try library.register(String(decoding: data, as: UTF8.self), named: name)
            } catch let error as MustacheTemplate.ParserError {
                throw .templateSyntax(
                    path: path, line: error.context.lineNumber, column: error.context.columnNumber,
                    reason: String(describing: error.error))
            } catch {
                throw .templateSyntax(path: path, line: 1, column: 1, reason: String(describing: error))
            }
        }
        self.library = library
    }

    private func render(_ model: [String: Any], template: String) -> String {
        library.render(model, withTemplate: template) ?? ""
    }

    /// The published annual comparison of a year: HTML, open-data CSV in both dialects, a page per unit, and
    /// each nämnd's verksamhetsberättelse inputs.
    ///
    /// - Parameters:
    ///   - history: earlier years' evaluations, oldest first, for the unit pages' trend and the changes.
    package func annual(_ year: Evaluation, history: [Evaluation], quality: DataQuality) -> [RenderedFile] {
        let base = ReportModel(config: config)
        let model = AnnualModel(base: base, year: year, history: history)
        let number = year.period.year
        let title = "\(config.report.title) \(number)"
        var page = base.page(title: title, periodLabel: year.period.label, sources: quality.sources)
        page["year"] = number
        page["omraden"] = model.omraden()
        page["csvName"] = "arsjamforelse-\(number).csv"
        page["excelName"] = "arsjamforelse-\(number)-excel.csv"
        page["actionPlanCount"] = year.actionPlans.count
        var files = [
            RenderedFile(name: "arsjamforelse-\(number).html", title: title, content: render(page, template: "annual")),
            RenderedFile(
                name: "arsjamforelse-\(number).csv", title: "\(title) (öppna data, CSV)",
                content: OpenDataCSV(config: config).render([year])),
            RenderedFile(
                name: "arsjamforelse-\(number)-excel.csv", title: "\(title) (CSV för Excel)",
                content: OpenDataCSV(config: config).render([year], dialect: .excel)),
        ]
        for (enhet, unit) in model.unitPages() {
            var unitPage = base.page(
                title: "\(enhet.name) \(number)", periodLabel: year.period.label, omraden: [enhet.omrade])
            unitPage.merge(unit) { _, new in new }
            unitPage["year"] = number
            files.append(
                RenderedFile(
                    name: ReportModel.unitPage(enhet, year: number), title: "\(enhet.name) \(number)",
                    content: render(unitPage, template: "unit"), listed: false))
        }
        let previous = history.last { $0.period.year == number - 1 }
        for namnd in config.namnder where year.omraden.contains(where: { $0.omrade.namnd == namnd.id }) {
            let vb = VerksamhetsberattelseModel(base: base, namnd: namnd, year: year, previous: previous)
            let name = "verksamhetsberattelse-\(number)-\(namnd.id)"
            files.append(
                RenderedFile(
                    name: "\(name).csv", title: "Underlag till verksamhetsberättelse \(number), \(namnd.name) (CSV)",
                    content: vb.csv()))
            files.append(
                RenderedFile(
                    name: "\(name)-fragment.html",
                    title: "Underlag till verksamhetsberättelse \(number), \(namnd.name) (HTML-utdrag)",
                    content: render(vb.model(), template: "verksamhetsberattelse")))
        }
        return files
    }

    /// The tertial report of each nämnd: the tertial, the year to date, last year's, and the months.
    package func tertial(
        _ tertial: Evaluation, yearToDate: Evaluation, lastYearToDate: Evaluation, lastYearTertial: Evaluation,
        months: [Evaluation], quality: DataQuality
    ) -> [RenderedFile] {
        let base = ReportModel(config: config)
        let commentary = Commentary.load(directory: config.paths.commentary, period: tertial.period)
        let label = tertial.period.label
        return config.namnder.compactMap { namnd in
            guard tertial.omraden.contains(where: { $0.omrade.namnd == namnd.id }) else { return nil }
            let model = TertialModel(
                base: base, namnd: namnd, tertial: tertial, yearToDate: yearToDate, lastYearToDate: lastYearToDate,
                lastYearTertial: lastYearTertial, months: months, commentary: commentary)
            let title = "Tertialrapport \(label), \(namnd.name)"
            var page = base.page(
                title: title, periodLabel: tertial.period.label, sources: quality.sources,
                omraden: config.omraden.filter { $0.namnd == namnd.id }.map(\.id))
            page.merge(model.model()) { _, new in new }
            page["tertialLabel"] = tertial.period.label
            page["ytdLabel"] = yearToDate.period.label
            page["lastYear"] = tertial.period.year - 1
            page["commentaryFolder"] = "\((config.paths.commentary as NSString).lastPathComponent)/\(tertial.period)"
            return RenderedFile(
                name: "tertialrapport-\(tertial.period)-\(namnd.id).html", title: title,
                content: render(page, template: "tertial"))
        }
    }

    /// The data-quality report of every file on record.
    ///
    /// - Parameter withheld: reports the disclosure audit stopped in this run, with what each would reveal.
    package func dataQuality(_ quality: DataQuality, withheld: [WithheldReport] = []) -> RenderedFile {
        var page = ReportModel(config: config).page(title: "Datakvalitet", periodLabel: "", sources: quality.sources)
        page["sourceList"] = quality.model()
        page["withheld"] = withheld.map { ["report": $0.report, "findings": $0.findings.map { ["text": $0] }] }
        page["hasWithheld"] = !withheld.isEmpty
        page["emptyInboxes"] = quality.emptyInboxes.map { ["id": $0.source, "inbox": MessageText.safe($0.inbox)] }
        let stale = quality.sources.filter(\.stale).count
        if stale > 0 { page["stale"] = stale == 1 ? "1 källa är inaktuell." : "\(stale) källor är inaktuella." }
        return RenderedFile(
            name: "datakvalitet.html", title: "Datakvalitet", content: render(page, template: "datakvalitet"),
            listed: false, folder: .quality)
    }

    /// The index page linking every listed report, grouped by kind, newest year first.
    package func index(_ files: [RenderedFile]) -> RenderedFile {
        var page = ReportModel(config: config).page(title: "Uppföljning av utförarenheter", periodLabel: "")
        let groups: [(prefix: String, heading: String)] = [
            ("arsjamforelse-", "Jämförelse av utförarenheter"), ("tertialrapport-", "Tertialrapporter"),
            ("verksamhetsberattelse-", "Underlag till verksamhetsberättelsen"),
        ]
        func year(_ name: String) -> Int {
            Int(name.split(whereSeparator: { !$0.isNumber }).first { $0.count == 4 } ?? "") ?? 0
        }
        let listed = files.filter(\.listed)
        page["groups"] = groups.compactMap { group -> [String: Any]? in
            let members = listed.filter { $0.name.hasPrefix(group.prefix) }
                .sorted { (year($0.name), $1.name) > (year($1.name), $0.name) }
            guard !members.isEmpty else { return nil }
            return [
                "heading": group.heading,
                "reports": members.map { ["name": $0.name, "title": $0.title] },
            ]
        }
        return RenderedFile(name: "index.html", title: "Index", content: render(page, template: "index"))
    }

    /// Writes files into the output folder, each to a temporary name first.
    ///
    /// - Returns: the absolute paths written.
    package func write(_ files: [RenderedFile]) throws(ReportError) -> [String] {
        var written: [String] = []
        for file in files {
            let folder = self.folder(file.folder)
            if file.folder == .quality {
                try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            }
            let path = (folder as NSString).appendingPathComponent(file.name)
            do {
                try AtomicFile.write(file.content, named: file.name, in: folder, syncFolder: false)
            } catch {
                throw .writeFailed(path: path, reason: "\(error)")
            }
            written.append(path)
        }
        for folder in Set(files.map(\.folder)) { AtomicFile.syncFolder(self.folder(folder)) }
        return written
    }

    /// The absolute path of a folder files are written to.
    package func folder(_ folder: RenderedFile.Folder) -> String {
        folder == .output ? config.paths.output : config.paths.qualityFolder
    }
}

/// A report the disclosure audit stopped, as the data-quality page lists it.
package struct WithheldReport: Sendable {
    package let report: String
    /// Each cell that could be derived, with the route.
    package let findings: [String]

    package init(report: String, findings: [String]) {
        self.report = report
        self.findings = findings
    }
}

/// The analysts' commentary for a period: `<folder>/<period>/<enhet>.md`, rendered to HTML.
///
/// Only regular files inside the commentary folder are read (`RegularFile`): a symbolic link, or a file
/// reached through a linked folder, is skipped, so no system file is ever published. The pipeline warns
/// about each skipped file when it fingerprints the report.
enum Commentary {
    static func load(directory: String, period: Period) -> [String: String] {
        let folder = (directory as NSString).appendingPathComponent(period.description)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        var result: [String: String] = [:]
        for name in names.sorted() where name.hasSuffix(".md") {
            let path = (folder as NSString).appendingPathComponent(name)
            guard case .success(let bytes) = RegularFile.contents(of: path, inside: directory) else { continue }
            result[String(name.dropLast(3))] = Markdown.html(String(decoding: bytes, as: UTF8.self))
        }
        return result
    }
}
