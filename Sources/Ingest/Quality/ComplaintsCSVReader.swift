import Domain

/// Reads a complaints register export: one row per synpunkt, klagomål, beröm, lex Sarah, lex Maria or
/// avvikelse, with the date it came in, its unit, the register's type code and the date it was closed.
///
/// Only the mapped columns are read: free text and names in the export never enter the program. Facts
/// (category = type): `<prefix>_antal` per month received; `<prefix>_oppna` at every month end from the
/// month received to the month closed (or the file's last month), zero where none is open; and
/// `<prefix>_handlaggningsdagar`, the days from received to closed counted per month closed (category =
/// the number of days), whose period value is the median.
package struct ComplaintsCSVReader {
    let definition: SourceDefinition
    let units: UnitIndex

    package init(definition: SourceDefinition, units: UnitIndex) {
        self.definition = definition
        self.units = units
    }

    struct Open {
        let enhet: String
        let type: ComplaintType
        let received: Month
        let closed: Month?
    }

    package func read(path: String, displayPath: String) throws(FileRejection) -> ReadResult {
        var csv = try CSVSource(
            path: path, displayPath: displayPath, definition: definition, wanted: definition.columns)
        var result = ReadResult()
        result.encoding = csv.reader.encoding
        var accumulator = FactAccumulator()
        var entries: [Open] = []
        let prefix = definition.measurePrefix
        var horizon: Month?
        while true {
            do {
                guard try csv.reader.next() else { break }
            } catch {
                throw FileRejection(
                    Finding(
                        SourceLocation(file: displayPath, line: csv.reader.line + 1), rule: "unreadable",
                        message: "\(error)"))
            }
            result.rowsRead += 1
            if let finding = csv.fieldCountFinding() {
                result.rejects.append(finding)
                continue
            }
            let receivedText = csv.string("received") ?? ""
            guard let received = Day(receivedText) else {
                result.rejects.append(
                    csv.reject(
                        "received", rule: "date-format", "expected YYYY-MM-DD or YYYYMMDD, found '\(receivedText)'"))
                continue
            }
            let enhet: Enhet
            switch csv.enhet(
                code: csv.string("unit") ?? "", month: received.monthValue, units: units, key: definition.unitKey)
            {
            case .success(let value): enhet = value
            case .failure(let finding):
                result.rejects.append(finding)
                continue
            }
            let code = csv.string("type") ?? ""
            guard let type = definition.complaintTypes[code] ?? definition.complaintTypes[code.lowercased()] else {
                let known = definition.complaintTypes.keys.sorted().map { "'\($0)'" }.joined(separator: ", ")
                result.rejects.append(
                    csv.reject(
                        "type", rule: "unknown-type", "type code '\(code)' is not mapped; mapped codes: \(known)"))
                continue
            }
            var closed: Day?
            if let closedText = csv.string("closed"), !closedText.isEmpty {
                guard let day = Day(closedText) else {
                    result.rejects.append(
                        csv.reject(
                            "closed", rule: "date-format", "expected YYYY-MM-DD or YYYYMMDD, found '\(closedText)'"))
                    continue
                }
                guard day >= received else {
                    result.rejects.append(
                        csv.reject(
                            "closed", rule: "closed-before-received", "closed '\(day)' is before received '\(received)'"
                        ))
                    continue
                }
                closed = day
            }
            accumulator.add(
                FactAccumulator.Key(
                    enhet: enhet.id, month: received.monthValue, measure: prefix + "_antal", category: type.rawValue,
                    gender: nil),
                FixedDecimal(1))
            if let closed {
                accumulator.add(
                    FactAccumulator.Key(
                        enhet: enhet.id, month: closed.monthValue, measure: prefix + "_handlaggningsdagar",
                        category: String(closed.ordinal - received.ordinal), gender: nil),
                    FixedDecimal(1))
            }
            let last = max(received.monthValue, closed?.monthValue ?? received.monthValue)
            horizon = max(horizon ?? last, last)
            entries.append(Open(enhet: enhet.id, type: type, received: received.monthValue, closed: closed?.monthValue))
        }
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
        result.facts = accumulator.facts(withN: false)
        result.months = accumulator.months
        result.controlTotals["rows.accepted"] = FixedDecimal(entries.count)
        result.controlTotals["rows.closed"] = FixedDecimal(entries.filter { $0.closed != nil }.count)
        return result
    }
}
