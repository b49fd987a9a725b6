import Domain

/// Reads a complaints register export: one row per synpunkt, klagomål, beröm, lex Sarah, lex Maria or
/// avvikelse, with the date it came in, its unit, the register's type code and the date it was closed.
///
/// Only the mapped columns are read: free text and names in the export never enter the program. Facts
/// (category = type): `<prefix>_antal` per month received; `<prefix>_oppna` at every month end from the
/// month received to the month closed (or the file's last month), zero where none is open; and
/// `<prefix>_handlaggningsdagar`, the days from received to closed counted per month closed and type
/// (observed value = the number of days), whose period value is the median.
package struct ComplaintsCSVReader {
    let definition: SourceDefinition
    let units: UnitIndex

    package init(definition: SourceDefinition, units: UnitIndex) {
        self.definition = definition
        self.units = units
    }

    package func read(path: String, displayPath: String) throws(FileRejection) -> ReadResult {
        var csv = try CSVSource(
            path: path, displayPath: displayPath, definition: definition, wanted: definition.columns)
        var result = ReadResult(keepingRejects: definition.limits.rejectedRowsKept)
        let book = ComplaintsBook(definition: definition, units: units)
        try csv.forEachRow(into: &result) { csv in
            let field = ComplaintsBook.Field(
                text: { csv.string($0) }, reject: { column, rule, message in csv.reject(column, rule: rule, message) })
            return book.add(field, line: csv.reader.line)
        }
        book.finish(into: &result)
        return result
    }
}

/// Turns complaints register entries into facts, whatever file format they came in.
final class ComplaintsBook {
    let definition: SourceDefinition
    let units: UnitIndex
    private var accumulator = FactAccumulator()
    private var entries: [Entry] = []
    /// Closed entries counted per unit, month closed, type and handling days: the distribution behind the
    /// handling-time medians, kept apart from the summed facts because its grain has the observed value.
    private var handlingDays: [HandlingKey: Int] = [:]
    private var horizon: Month?
    /// Entry ids seen, with their line: only to refuse a duplicate entry; never stored or printed.
    private var seenIDs: [String: Int] = [:]

    struct HandlingKey: Hashable {
        let enhet: String
        let month: Month
        let type: ComplaintType
        let days: Int
    }

    struct Entry {
        let enhet: String
        let type: ComplaintType
        let received: Month
        let closed: Month?
    }

    /// How the book reads one entry's logical fields and words a rejection at the right place.
    struct Field {
        let text: (String) -> String?
        let reject: (String?, String, String) -> Finding

        /// A diagnostic of the catalogue in a logical column.
        func reject(_ logical: String?, _ diagnostic: Diagnostic) -> Finding {
            reject(logical, diagnostic.rule, diagnostic.message)
        }
    }

    init(definition: SourceDefinition, units: UnitIndex) {
        self.definition = definition
        self.units = units
    }

    /// Adds one entry, or returns why it is rejected.
    ///
    /// - Parameter line: the entry's line, to name the first occurrence of a duplicate.
    func add(_ field: Field, line: Int) -> Finding? {
        let prefix = definition.measurePrefix
        if let id = field.text("id"), !id.isEmpty {
            if let first = seenIDs[id] {
                return field.reject("id", "duplicate-row", "the same entry id as on line \(first)")
            }
            seenIDs[id] = line
        }
        let receivedText = field.text("received") ?? ""
        guard let received = Day(receivedText) else {
            return field.reject("received", .dateFormat(found: receivedText))
        }
        let code = field.text("unit") ?? ""
        guard let enhet = units.enhet(for: code, key: definition.unitKey) else {
            return field.reject("unit", .unknownUnit(key: definition.unitKey, code: code))
        }
        guard enhet.isValid(in: received.monthValue) else {
            return field.reject("unit", .unitNotValid(enhet, object: nil, period: received.monthValue.description))
        }
        let typeCode = field.text("type") ?? ""
        guard let type = definition.complaintTypes[typeCode] ?? definition.complaintTypes[typeCode.lowercased()] else {
            let known = definition.complaintTypes.keys.sorted().map { "'\($0)'" }.joined(separator: ", ")
            return field.reject("type", "unknown-type", "type code '\(typeCode)' is not mapped; mapped codes: \(known)")
        }
        var closed: Day?
        if let closedText = field.text("closed"), !closedText.isEmpty {
            guard let day = Day(closedText) else {
                return field.reject("closed", "date-format", "expected YYYY-MM-DD or YYYYMMDD, found '\(closedText)'")
            }
            guard day >= received else {
                return field.reject(
                    "closed", "closed-before-received", "closed '\(day)' is before received '\(received)'")
            }
            closed = day
        }
        accumulator.add(
            FactAccumulator.Key(
                enhet: enhet.id, month: received.monthValue, measure: prefix + "_antal", category: type.rawValue,
                gender: nil),
            FixedDecimal(1))
        if let closed {
            let key = HandlingKey(
                enhet: enhet.id, month: closed.monthValue, type: type, days: closed.ordinal - received.ordinal)
            handlingDays[key, default: 0] += 1
        }
        let last = max(received.monthValue, closed?.monthValue ?? received.monthValue)
        horizon = max(horizon ?? last, last)
        entries.append(Entry(enhet: enhet.id, type: type, received: received.monthValue, closed: closed?.monthValue))
        return nil
    }

    /// Adds the open-at-month-end facts and writes everything into `result`.
    func finish(into result: inout ReadResult) {
        let prefix = definition.measurePrefix
        if let horizon, let first = entries.map(\.received).min() {
            // Open at month end, with explicit zeros so a period's last month never shows a stale count.
            var open: [String: [Int]] = [:]
            let types = Set(definition.complaintTypes.values).sorted { $0.rawValue < $1.rawValue }
            let span = horizon.ordinal - first.ordinal + 1
            for entry in entries {
                let key = entry.enhet + "\u{1F}" + entry.type.rawValue
                if open[key] == nil { open[key] = [Int](repeating: 0, count: span) }
                let end = entry.closed.map { $0.ordinal - 1 } ?? horizon.ordinal
                guard end >= entry.received.ordinal else { continue }
                for ordinal in entry.received.ordinal...end { open[key]?[ordinal - first.ordinal] += 1 }
            }
            for enhet in Set(entries.map(\.enhet)) {
                for type in types {
                    let counts = open[enhet + "\u{1F}" + type.rawValue] ?? [Int](repeating: 0, count: span)
                    for (offset, count) in counts.enumerated() {
                        accumulator.add(
                            FactAccumulator.Key(
                                enhet: enhet, month: Month(ordinal: first.ordinal + offset), measure: prefix + "_oppna",
                                category: type.rawValue, gender: nil),
                            FixedDecimal(count))
                    }
                }
            }
        }
        accumulator.finish(into: &result)
        let measure = prefix + "_handlaggningsdagar"
        let observations = handlingDays.sorted {
            ($0.key.enhet, $0.key.month, $0.key.type.rawValue, $0.key.days)
                < ($1.key.enhet, $1.key.month, $1.key.type.rawValue, $1.key.days)
        }
        result.facts += observations.map { key, count in
            Fact(
                enhet: key.enhet, month: key.month, measure: measure, category: key.type.rawValue,
                observed: String(key.days), value: FixedDecimal(count))
        }
        result.controlTotals["rows.accepted"] = FixedDecimal(entries.count)
        result.controlTotals["rows.closed"] = FixedDecimal(entries.filter { $0.closed != nil }.count)
    }
}
