import Domain
import Foundation
import Ingest

/// `uppfoljning inspect`: what IT asks first about an export, without a config.
package enum ExportInspection {
    /// Inspects a file.
    ///
    /// - Throws: `PipelineError.usage` when the file cannot be read or is not a recognised export.
    package static func run(path: String) throws(PipelineError) -> Inspection {
        do {
            return try FileInspector.inspect(path: Config.absolute(path), displayPath: path)
        } catch {
            throw .source(error)
        }
    }

    /// The inspection as JSON with sorted keys: the stable interface for scripts.
    package static func json(_ inspection: Inspection) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(inspection)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// The inspection as text for a person.
    package static func text(_ inspection: Inspection) -> String {
        var lines: [String] = []
        func add(_ label: String, _ value: String?) {
            if let value, !value.isEmpty {
                lines.append(label.padding(toLength: 24, withPad: " ", startingAt: 0) + value)
            }
        }
        add("file", inspection.file)
        add("format", inspection.format)
        add("encoding", inspection.encoding)
        add("size", "\(inspection.bytes) bytes" + (inspection.lines.map { ", \($0) lines" } ?? ""))
        add("SIE type", inspection.sieType)
        add("program", inspection.program)
        add("company", inspection.company)
        for year in inspection.fiscalYears ?? [] { add("fiscal year \(year.index)", "\(year.start)–\(year.end)") }
        if let dimensions = inspection.dimensions, !dimensions.isEmpty {
            add(
                "dimensions",
                dimensions.sorted { (Int($0.key) ?? 0) < (Int($1.key) ?? 0) }.map { "\($0.key) \($0.value)" }.joined(
                    separator: ", "))
        }
        if let objects = inspection.objects, !objects.isEmpty {
            add(
                "objects",
                objects.sorted { (Int($0.key) ?? 0) < (Int($1.key) ?? 0) }.map { "dim \($0.key): \($0.value)" }.joined(
                    separator: ", "))
        }
        add("vouchers", inspection.vouchers.map(String.init))
        add("transactions", inspection.transactions.map(String.init))
        add("budget rows", inspection.budgetRows.map(String.init))
        add("unbalanced vouchers", inspection.unbalancedVouchers.map { String($0.count) })
        add("#KSUMMA", inspection.ksumma)
        add("delimiter", inspection.delimiter)
        if let columns = inspection.columns {
            add(
                "columns",
                columns.sorted { $0.key < $1.key }.map { "\($0.key) = '\($0.value)'" }.joined(separator: ", "))
        }
        add("rows", inspection.rows.map(String.init))
        add("unit codes", inspection.units.map(String.init))
        add("PAXml version", inspection.version)
        add("persons", inspection.persons.map(String.init))
        add("scheduled hours", inspection.scheduledHours)
        for (title, values) in [
            ("records", inspection.records?.mapValues(String.init)), ("hours by time code", inspection.hoursByCode),
            ("hours by month", inspection.hoursByMonth), ("totals by account class", inspection.totalsByAccountClass),
            ("totals by month", inspection.totalsByMonth),
        ] {
            guard let values else { continue }
            lines.append(title)
            for (key, value) in values.sorted(by: { $0.key < $1.key }) {
                lines.append("  \(key)".padding(toLength: 24, withPad: " ", startingAt: 0) + value)
            }
        }
        lines.append("problems                \(inspection.problems.count)")
        return lines.joined(separator: "\n") + "\n"
    }
}
