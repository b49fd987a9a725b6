import Foundation
import TOMLKit

extension Config {
    /// The data-quality folder when the config names none: `datakvalitet` beside the output folder.
    package static func defaultQualityFolder(output: String) -> String {
        ((output as NSString).deletingLastPathComponent as NSString).appendingPathComponent("datakvalitet")
    }

    /// Whether `id` is a valid id of a config entry or a register unit: one or more letters, digits, `_` or
    /// `-`. Ids become parts of file names (`enhet-2025-<id>.html`), so a `/` or `.` must never get through.
    package static func isIdentifier(_ id: String) -> Bool {
        !id.isEmpty && id.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }
    }

    /// Reads and validates a config file and the unit register it names.
    ///
    /// Relative paths in the file are resolved against the config file's folder.
    ///
    /// - Throws: `ConfigError` listing every problem found, each with the file and the key path or line.
    package static func load(path: String) throws(ConfigError) -> Config {
        let file = Self.absolute(path)
        guard let data = FileManager.default.contents(atPath: file) else {
            throw .unreadable(path: path, reason: "cannot read the config file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .unreadable(path: path, reason: "the config file is not UTF-8")
        }
        return try parse(text, file: path, baseDirectory: (file as NSString).deletingLastPathComponent)
    }

    /// Parses config text; `file` is used in messages, `baseDirectory` to resolve relative paths.
    package static func parse(_ text: String, file: String, baseDirectory: String) throws(ConfigError) -> Config {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw .syntax(
                path: file, line: error.source.begin.line, column: error.source.begin.column,
                reason: error.description)
        } catch {
            throw .syntax(path: file, line: 1, column: 1, reason: String(describing: error))
        }
        let sink = FindingSink()
        let root = TOMLNode(table: table, path: "", file: file, sink: sink)
        let config = ConfigBuilder(root: root, file: file, base: baseDirectory, sink: sink).build()
        if let config, sink.findings.isEmpty { return config }
        throw .invalid(sink.findings)
    }

    /// `path` made absolute against `base` (by default the current directory) and standardized.
    package static func absolute(
        _ path: String, relativeTo base: String = FileManager.default.currentDirectoryPath
    ) -> String {
        let joined = path.hasPrefix("/") ? path : (base as NSString).appendingPathComponent(path)
        return (joined as NSString).standardizingPath
    }

    /// A path relative to the current directory when it lies below it, for messages.
    package static func displayPath(_ path: String) -> String {
        let cwd = FileManager.default.currentDirectoryPath
        return path.hasPrefix(cwd + "/") ? String(path.dropFirst(cwd.count + 1)) : path
    }
}
