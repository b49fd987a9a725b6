import Domain
import Foundation
import Mustache
import Rules

/// A rendered output: its file name in the output folder and its content.
package struct RenderedFile: Sendable, Hashable {
    package let name: String
    package let title: String
    package let content: String

    package init(name: String, title: String, content: String) {
        self.name = name
        self.title = title
        self.content = content
    }
}

/// The Reports facade: renders evaluations through the Mustache templates and writes them atomically.
///
/// Output is a pure function of the evaluation and the templates: no clock, no random ids, so the same
/// warehouse gives byte-identical reports.
package struct ReportRenderer: Sendable {
    let config: Config
    let library: MustacheLibrary

    /// The templates the renderer needs in the templates folder.
    static let templateNames = ["annual", "tertial", "index", "head", "methodology"]

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

    /// The published annual comparison of `evaluation` (a year) as HTML and open-data CSV.
    package func annual(_ evaluation: Evaluation) -> [RenderedFile] {
        let model = ReportModel(config: config)
        let year = evaluation.period.year
        let title = "\(config.report.title) \(year)"
        var page = model.page(title: title, periodLabel: evaluation.period.label)
        page["year"] = year
        page["omraden"] = model.omraden([evaluation], changeLabel: "Förändring från \(year - 1)")
        page["csvName"] = "arsjamforelse-\(year).csv"
        return [
            RenderedFile(name: "arsjamforelse-\(year).html", title: title, content: render(page, template: "annual")),
            RenderedFile(
                name: "arsjamforelse-\(year).csv", title: "\(title) (öppna data, CSV)",
                content: OpenDataCSV(config: config).render([evaluation])),
        ]
    }

    /// The tertial report: the tertial, the year to date, and the same tertial last year.
    package func tertial(_ tertial: Evaluation, yearToDate: Evaluation) -> [RenderedFile] {
        let model = ReportModel(config: config)
        var title = "Tertialrapport \(tertial.period.label)"
        if case .tertial(let year, let number) = tertial.period { title = "Tertialrapport \(number) \(year)" }
        var page = model.page(title: title, periodLabel: tertial.period.label)
        page["tertialLabel"] = tertial.period.label
        page["ytdLabel"] = yearToDate.period.label
        page["omraden"] = model.omraden(
            [tertial, yearToDate], changeLabel: "Förändring från samma tertial \(tertial.period.year - 1)")
        return [
            RenderedFile(
                name: "tertialrapport-\(tertial.period).html", title: title, content: render(page, template: "tertial"))
        ]
    }

    /// The index page linking every report written.
    package func index(_ files: [RenderedFile]) -> RenderedFile {
        var page = ReportModel(config: config).page(title: "Uppföljning av utförarenheter", periodLabel: "")
        page["reports"] = files.map { ["name": $0.name, "title": $0.title] }
        return RenderedFile(name: "index.html", title: "Index", content: render(page, template: "index"))
    }

    /// Writes files into the output folder, each to a temporary name first.
    ///
    /// - Returns: the absolute paths written.
    package func write(_ files: [RenderedFile]) throws(ReportError) -> [String] {
        var written: [String] = []
        for file in files {
            let path = (config.paths.output as NSString).appendingPathComponent(file.name)
            do {
                try AtomicFile.write(file.content, to: path)
            } catch {
                throw .writeFailed(path: path, reason: "\(error)")
            }
            written.append(path)
        }
        return written
    }
}
