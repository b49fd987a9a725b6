import Domain
import Foundation
import Mustache
import Rules

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

    private func render<Model>(_ model: Model, template: String) -> String {
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
        let frame = base.page(title: title, periodLabel: year.period.label, sources: quality.sources)
        let page = AnnualModel.Content(
            year: number, omraden: model.omraden(), csvName: "arsjamforelse-\(number).csv",
            excelName: "arsjamforelse-\(number)-excel.csv", actionPlanCount: year.actionPlans.count)
        var files = [
            RenderedFile(
                name: "arsjamforelse-\(number).html", title: title, format: .html,
                text: render(Page(frame: frame, content: page), template: "annual"), section: .comparison),
            RenderedFile(
                name: "arsjamforelse-\(number).csv", title: "\(title) (öppna data, CSV)", format: .csv,
                text: OpenDataCSV(config: config).render([year]), section: .comparison),
            RenderedFile(
                name: "arsjamforelse-\(number)-excel.csv", title: "\(title) (CSV för Excel)", format: .excelCSV,
                text: OpenDataCSV(config: config).render([year], dialect: .excel), section: .comparison),
        ]
        for (enhet, unit) in model.unitPages() {
            let unitFrame = base.page(
                title: "\(enhet.name) \(number)", periodLabel: year.period.label, omraden: [enhet.omrade])
            files.append(
                RenderedFile(
                    name: ReportModel.unitPage(enhet, year: number), title: "\(enhet.name) \(number)",
                    format: .html, text: render(Page(frame: unitFrame, content: unit), template: "unit")))
        }
        let previous = history.last { $0.period.year == number - 1 }
        for namnd in config.namnder where year.omraden.contains(where: { $0.omrade.namnd == namnd.id }) {
            let vb = VerksamhetsberattelseModel(base: base, namnd: namnd, year: year, previous: previous)
            let name = "verksamhetsberattelse-\(number)-\(namnd.id)"
            files.append(
                RenderedFile(
                    name: "\(name).csv", title: "Underlag till verksamhetsberättelse \(number), \(namnd.name) (CSV)",
                    format: .csv, text: vb.csv(), namnd: namnd.id, section: .verksamhetsberattelse))
            files.append(
                RenderedFile(
                    name: "\(name)-fragment.html",
                    title: "Underlag till verksamhetsberättelse \(number), \(namnd.name) (HTML-utdrag)",
                    format: .htmlFragment, text: render(vb.model(), template: "verksamhetsberattelse"),
                    namnd: namnd.id, section: .verksamhetsberattelse))
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
            let frame = base.page(
                title: title, periodLabel: tertial.period.label, sources: quality.sources,
                omraden: config.omraden.filter { $0.namnd == namnd.id }.map(\.id))
            return RenderedFile(
                name: "tertialrapport-\(tertial.period)-\(namnd.id).html", title: title, format: .html,
                text: render(Page(frame: frame, content: model.model()), template: "tertial"), namnd: namnd.id,
                section: .tertial)
        }
    }

    /// The data-quality report of every file on record.
    ///
    /// - Parameter withheld: reports the disclosure audit stopped in this run, with what each would reveal.
    package func dataQuality(_ quality: DataQuality, withheld: [WithheldReport] = []) -> RenderedFile {
        let frame = ReportModel(config: config).page(title: "Datakvalitet", periodLabel: "", sources: quality.sources)
        let page = DataQualityPage(quality, withheld: withheld)
        return RenderedFile(
            name: "datakvalitet.html", title: "Datakvalitet", format: .html,
            text: render(Page(frame: frame, content: page), template: "datakvalitet"), folder: .quality)
    }

    /// The index page linking every listed report, by section, newest year first.
    package func index(_ entries: [IndexSection.Entry]) -> RenderedFile {
        let frame = ReportModel(config: config).page(title: "Uppföljning av utförarenheter", periodLabel: "")
        return RenderedFile(
            name: "index.html", title: "Index", format: .html,
            text: render(Page(frame: frame, content: IndexPage(entries)), template: "index"))
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
                try AtomicFile.write(bytes: file.bytes, named: file.name, in: folder, syncFolder: false)
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
