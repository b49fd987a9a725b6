extension SourceDefinition {
    /// The `[[source]]` entries.
    static func loadAll(from builder: ConfigBuilder, measures: [Measure]) -> [SourceDefinition] {
        var seen: Set<String> = []
        var result: [SourceDefinition] = []
        // A wide volume source may map the staff measures without declaring them, as formulas may use them.
        let measureIDs = Set(measures.map(\.id)).union(StaffMeasures.all.map(\.id))
        for node in builder.root.children("source") {
            let id = node.string("id")
            builder.checkIdentifier(id, in: node, seen: &seen)
            let kindText = node.string("kind")
            let kind = kindText.flatMap(SourceKind.init(rawValue:))
            let descriptor = kind?.descriptor
            if let kindText, kind == nil {
                let known = SourceKind.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")
                node.report("kind", "expected one of \(known), found '\(kindText)'")
            }
            let inbox = node.string("inbox").map(builder.resolve)
            var encoding: TextEncoding?
            if let text = node.string("encoding", required: false), text != "auto" {
                encoding = TextEncoding(configValue: text)
                if encoding == nil {
                    node.report(
                        "encoding",
                        "expected 'auto', 'utf-8', 'windows-1252', 'iso-8859-15' or 'iso-8859-1', found '\(text)'")
                }
            }
            var delimiter: UInt8?
            if let text = node.string("delimiter", required: false), text != "auto" {
                switch text {
                case ";": delimiter = UInt8(ascii: ";")
                case ",": delimiter = UInt8(ascii: ",")
                case "\t", "tab": delimiter = 0x09
                default: node.report("delimiter", "expected 'auto', ';', ',' or 'tab', found '\(text)'")
                }
            }
            let unitKeyText =
                node.string("unit_key", required: false) ?? (descriptor?.defaultUnitKey ?? .id).rawValue
            let unitKey = SourceDefinition.UnitKey(rawValue: unitKeyText)
            if unitKey == nil {
                node.report("unit_key", "expected 'id', 'ledger', 'hr' or 'other', found '\(unitKeyText)'")
            }
            let layoutText = node.string("layout", required: false) ?? SourceDefinition.defaultLayout.rawValue
            let layout = SourceDefinition.Layout(rawValue: layoutText)
            if layout == nil { node.report("layout", "expected 'long' or 'wide', found '\(layoutText)'") }
            var columns: [String: String] = [:]
            let allowed = descriptor.map { $0.columns(layout ?? SourceDefinition.defaultLayout) } ?? .none
            if let columnsNode = node.child("columns", required: descriptor?.columnsRequired ?? false),
                kind != nil || kindText == nil
            {
                for key in allowed.required + allowed.optional {
                    if let header = columnsNode.string(key, required: false) { columns[key] = header }
                }
                for key in allowed.required where columns[key] == nil {
                    columnsNode.report(key, .requiredColumn(kind: kindText ?? ""))
                }
                for group in allowed.oneOf where !group.contains(where: { columns[$0] != nil }) {
                    let names = group.map { "'\(columnsNode.keyPath($0))'" }.joined(separator: " or ")
                    columnsNode.report(nil, rule: "config-missing", "one of \(names) is required")
                }
                columnsNode.reportUnknownKeys()
            }
            var measureColumns: [String: String] = [:]
            if let measuresNode = node.child("measures") {
                for key in measuresNode.table.keys.sorted() {
                    guard let header = measuresNode.string(key) else { continue }
                    if !measureIDs.contains(key) {
                        measuresNode.report(key, rule: "config-reference", "no [[measure]] has id '\(key)'")
                    }
                    measureColumns[key] = header
                }
            }
            let selfReported = node.bool("self_reported") ?? false
            let snapshotText =
                node.string("snapshot", required: false)
                ?? (selfReported ? Snapshot.unitMonths.rawValue : SourceDefinition.defaultSnapshot.rawValue)
            let snapshot = SourceDefinition.Snapshot(rawValue: snapshotText)
            if snapshot == nil {
                node.report("snapshot", "expected 'months' or 'unit-months', found '\(snapshotText)'")
            }
            let unitDimension = node.int("unit_dimension").map(String.init) ?? SourceDefinition.defaultUnitDimension
            var timeCodes: [String: String] = [:]
            if let codesNode = node.child("time_codes") {
                for code in codesNode.table.keys.sorted() { timeCodes[code] = codesNode.string(code) ?? "" }
            }
            let mapsTypes = descriptor?.mapsComplaintTypes ?? false
            let staleAfter =
                node.int("stale_after_months")
                ?? descriptor?.defaultStaleAfterMonths ?? SourceDefinition.defaultStaleAfterMonths
            if staleAfter < 0 { node.report("stale_after_months", "expected 0 or more, found \(staleAfter)") }
            let prefix = node.string("measure_prefix", required: false) ?? descriptor?.defaultMeasurePrefix ?? ""
            let record = node.string("record", required: descriptor?.recordRequired ?? false) ?? ""
            var complaintTypes: [String: ComplaintType] = [:]
            if let typesNode = node.child("types", required: mapsTypes) {
                for code in typesNode.table.keys.sorted() {
                    guard let text = typesNode.string(code) else { continue }
                    if let type = ComplaintType(rawValue: text) {
                        complaintTypes[code] = type
                    } else {
                        let known = ComplaintType.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")
                        typesNode.report(code, "expected one of \(known), found '\(text)'")
                    }
                }
            }
            var questions: [String: String] = [:]
            if let questionsNode = node.child("questions") {
                for id in questionsNode.table.keys.sorted() {
                    guard let text = questionsNode.string(id) else { continue }
                    if !Config.isIdentifier(id) {
                        questionsNode.report(
                            id,
                            Diagnostic.unexpectedValue(
                                expected: "a question id of \(Diagnostic.identifierCharacters)", found: id
                            ).message)
                    }
                    questions[text] = id
                }
            }
            let service = descriptor?.deliversServices == true ? node.string("service", required: false) : nil
            if descriptor?.deliversServices == true, service == nil, columns["service"] == nil,
                node.child("columns") != nil
            {
                node.report(
                    nil, rule: "config-missing",
                    "one of 'service' (the service of every row) or 'columns.service' is required")
            }
            let eventLog = descriptor?.mayBeEventLog == true ? (node.bool("event_log") ?? false) : false
            if allowed.measuresRequired && measureColumns.isEmpty {
                node.report(
                    "measures", rule: "config-missing",
                    "a wide volume source needs a [measures] table (measure id = column header)")
            }
            node.reportUnknownKeys()
            if let id, let kind, let inbox, let unitKey, let layout {
                var source = SourceDefinition(
                    id: id, kind: kind, inbox: inbox, encoding: encoding, delimiter: delimiter, columns: columns,
                    unitKey: unitKey, layout: layout, measureColumns: measureColumns)
                source.selfReported = selfReported
                source.snapshot = snapshot ?? SourceDefinition.defaultSnapshot
                source.measurePrefix = prefix
                source.complaintTypes = complaintTypes
                source.questions = questions
                source.record = record
                source.unitDimension = unitDimension
                source.timeCodes = timeCodes
                source.staleAfterMonths = staleAfter
                source.service = service
                source.eventLog = eventLog
                result.append(source)
            }
        }
        return result
    }
}
