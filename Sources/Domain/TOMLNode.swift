import TOMLKit

/// Reads one TOML table with its key path, collecting a finding for every missing, mistyped or unknown key.
///
/// The config loader walks the document through these nodes, so each message names the exact key path
/// (`source[ekonomi].columns.amount`) and no misspelt key passes unnoticed.
final class TOMLNode {
    let table: TOMLTable
    let path: String
    let file: String
    private let sink: FindingSink
    private var used: Set<String> = []

    init(table: TOMLTable, path: String, file: String, sink: FindingSink) {
        self.table = table
        self.path = path
        self.file = file
        self.sink = sink
    }

    func keyPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    func report(_ key: String?, rule: String = "config-value", _ message: String) {
        let keyPath = key.map { self.keyPath($0) } ?? path
        sink.findings.append(
            Finding(SourceLocation(file: file, key: keyPath), rule: rule, message: "key '\(keyPath)': \(message)"))
    }

    /// Reports a diagnostic of the catalogue at a key (`key` `nil` = the table itself).
    func report(_ key: String?, _ diagnostic: Diagnostic) {
        report(key, rule: diagnostic.rule, diagnostic.message)
    }

    private func value(_ key: String) -> TOMLValueConvertible? {
        used.insert(key)
        return table[key]
    }

    func has(_ key: String) -> Bool { table.keys.contains(key) }

    func string(_ key: String, required: Bool = true) -> String? {
        guard let raw = value(key) else {
            if required { report(key, rule: "config-missing", "required, not found") }
            return nil
        }
        guard let text = raw.string else {
            report(key, rule: "config-type", "expected a string, found \(raw.type)")
            return nil
        }
        return text
    }

    func int(_ key: String) -> Int? {
        guard let raw = value(key) else { return nil }
        guard let number = raw.int else {
            report(key, rule: "config-type", "expected an integer, found \(raw.type)")
            return nil
        }
        return number
    }

    func bool(_ key: String) -> Bool? {
        guard let raw = value(key) else { return nil }
        guard let flag = raw.bool else {
            report(key, rule: "config-type", "expected true or false, found \(raw.type)")
            return nil
        }
        return flag
    }

    func double(_ key: String) -> Double? {
        guard let raw = value(key) else { return nil }
        if let number = raw.double { return number }
        if let number = raw.int { return Double(number) }
        report(key, rule: "config-type", "expected a number, found \(raw.type)")
        return nil
    }

    /// An exact number: an integer, a float (as it is written: `8.5` is 17/2) or a decimal string (`"450.00"`).
    func rational(_ key: String) -> Rational? {
        guard let raw = value(key) else { return nil }
        if let number = raw.int { return Rational(number) }
        if let number = raw.double, let value = Rational(printed: number) { return value }
        if let text = raw.string, let value = Rational(decimalText: text) { return value }
        report(key, rule: "config-type", "expected a number, found \(raw.type)")
        return nil
    }

    func strings(_ key: String) -> [String]? {
        guard let raw = value(key) else { return nil }
        guard let array = raw.array else {
            report(key, rule: "config-type", "expected an array of strings, found \(raw.type)")
            return nil
        }
        var result: [String] = []
        for (index, element) in array.enumerated() {
            guard let text = element.string else {
                report("\(key)[\(index + 1)]", rule: "config-type", "expected a string, found \(element.type)")
                continue
            }
            result.append(text)
        }
        return result
    }

    func child(_ key: String, required: Bool = false) -> TOMLNode? {
        guard let raw = value(key) else {
            if required { report(key, rule: "config-missing", "required table, not found") }
            return nil
        }
        guard let inner = raw.table else {
            report(key, rule: "config-type", "expected a table, found \(raw.type)")
            return nil
        }
        return TOMLNode(table: inner, path: keyPath(key), file: file, sink: sink)
    }

    /// The tables of an array of tables (`[[key]]`), each named by its `id` where it has one.
    func children(_ key: String) -> [TOMLNode] {
        guard let raw = value(key) else { return [] }
        guard let array = raw.array else {
            report(key, rule: "config-type", "expected an array of tables ([[\(keyPath(key))]]), found \(raw.type)")
            return []
        }
        var nodes: [TOMLNode] = []
        for (index, element) in array.enumerated() {
            guard let inner = element.table else {
                report("\(key)[\(index + 1)]", rule: "config-type", "expected a table, found \(element.type)")
                continue
            }
            let name = inner["id"]?.string ?? "#\(index + 1)"
            nodes.append(TOMLNode(table: inner, path: "\(keyPath(key))[\(name)]", file: file, sink: sink))
        }
        return nodes
    }

    /// Reports every key of this table that was never asked for: a typo or a key this version does not know.
    func reportUnknownKeys() {
        for key in table.keys.sorted() where !used.contains(key) {
            report(key, rule: "config-unknown-key", "unknown key")
        }
    }
}

/// Collects findings across the nodes of one document.
final class FindingSink {
    var findings: [Finding] = []
}
