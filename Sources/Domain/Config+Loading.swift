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

    /// What `isIdentifier(_:)` accepts, in the words of a finding.
    package static let identifierExpectation = "expected letters, digits, '_' or '-'"

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

/// Walks the TOML document into a `Config`, reporting into the sink.
private struct ConfigBuilder {
    let root: TOMLNode
    let file: String
    let base: String
    let sink: FindingSink

    func build() -> Config? {
        let kommunNode = root.child("kommun", required: true)
        let kommunName = kommunNode?.string("name")
        let kommunCode = kommunNode?.string("code")
        if let code = kommunCode, code.count != 4 || !code.allSatisfy(\.isASCII) || Int(code) == nil {
            kommunNode?.report("code", "expected a four-digit kommunkod, found '\(code)'")
        }
        kommunNode?.reportUnknownKeys()

        let pathsNode = root.child("paths", required: true)
        let register = pathsNode?.string("register").map(resolve)
        let templates = pathsNode?.string("templates").map(resolve)
        let warehouse = pathsNode?.string("warehouse").map(resolve)
        let output = pathsNode?.string("output").map(resolve)
        let commentary = resolve(pathsNode?.string("commentary", required: false) ?? "commentary")
        let runs = pathsNode?.string("runs", required: false).map(resolve)
        let log = pathsNode?.string("log", required: false).map(resolve)
        let quality = pathsNode?.string("quality", required: false).map(resolve)
        if let quality, let output,
            quality == output || quality.hasPrefix(output.hasSuffix("/") ? output : output + "/")
        {
            // The page prints each file's control totals, which with the published units' figures would give a
            // suppressed unit's away.
            pathsNode?.report(
                "quality",
                "expected a folder outside 'paths.output': the data-quality page prints control totals that the published figures would turn into suppressed values, found '\(quality)'"
            )
        }
        pathsNode?.reportUnknownKeys()

        let namnder = buildNamnder()
        let omraden = buildOmraden(namnder: namnder)
        let measures = buildMeasures()
        let ledger = buildLedger(measures: measures)
        var allMeasures =
            measures + LedgerMapping.kommunBasMeasures.filter { d in !measures.contains { $0.id == d.id } }
        // Every ledger measure has a budget twin, filled from #PBUDGET.
        for id in Set(ledger.accounts.map(\.measure)).sorted() {
            let base = allMeasures.first { $0.id == id }
            allMeasures.append(
                Measure(
                    id: LedgerMapping.budgetMeasure(id), name: "Budget: \(base?.name ?? id)", unit: base?.unit ?? "kr",
                    aggregation: .sum, description: "Budget från #PBUDGET"))
        }
        let reportNode = root.child("report")
        let minN = reportNode?.int("min_n") ?? 5
        if minN < 1 { reportNode?.report("min_n", "expected 1 or more, found \(minN)") }
        let title = reportNode?.string("title", required: false) ?? "Jämförelse av utförarenheter"
        let lagDays = reportNode?.int("lag_days") ?? 10
        if lagDays < 0 { reportNode?.report("lag_days", "expected 0 or more, found \(lagDays)") }
        var suppression = SuppressionMethod.complementary
        if let text = reportNode?.string("suppression", required: false) {
            if let method = SuppressionMethod(rawValue: text) {
                suppression = method
            } else {
                let expected = SuppressionMethod.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")
                reportNode?.report("suppression", "expected one of \(expected), found '\(text)'")
            }
        }
        let publicCounts = reportNode?.strings("public_counts") ?? []
        for category in publicCounts where ComplaintType(rawValue: category) == nil {
            let expected = ComplaintType.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")
            reportNode?.report("public_counts", "expected complaint types from \(expected), found '\(category)'")
        }
        var limits = IngestLimits.standard
        limits.earliestYear = reportNode?.int("earliest_year") ?? limits.earliestYear
        if !(1900...9999).contains(limits.earliestYear) {
            reportNode?.report("earliest_year", "expected a year from 1900 to 9999, found \(limits.earliestYear)")
        }
        reportNode?.reportUnknownKeys()
        let limitsNode = root.child("limits")
        let decompressedMiB = limitsNode?.int("max_decompressed_mb") ?? limits.maxDecompressedBytes >> 20
        if !(1...(1 << 30)).contains(decompressedMiB) {
            limitsNode?.report("max_decompressed_mb", "expected 1 or more (MiB), found \(decompressedMiB)")
        } else {
            limits.maxDecompressedBytes = decompressedMiB << 20
        }
        limits.rejectedRowsKept = limitsNode?.int("rejected_rows_kept") ?? limits.rejectedRowsKept
        if limits.rejectedRowsKept < 0 {
            limitsNode?.report("rejected_rows_kept", "expected 0 or more, found \(limits.rejectedRowsKept)")
        }
        limitsNode?.reportUnknownKeys()
        let sources = buildSources(measures: allMeasures).map { source in
            var source = source
            source.limits = limits
            return source
        }
        for source in sources {
            for measure in SourceDefinition.producedMeasures(source)
            where !allMeasures.contains(where: { $0.id == measure.id }) {
                allMeasures.append(measure)
            }
        }
        // A complaints source's measures have one category per mapped type: a formula naming another is a typo.
        var closedCategories: [String: Set<String>] = [:]
        for source in sources where source.kind == .complaintsCSV || source.kind == .complaintsXML {
            let types = Set(source.complaintTypes.values.map(\.rawValue))
            for measure in SourceDefinition.producedMeasures(source) {
                closedCategories[measure.id, default: []].formUnion(types)
            }
        }
        let indicators = buildIndicators(
            measures: allMeasures, closedCategories: closedCategories, omraden: omraden, defaultMinN: minN)
        let economics = buildEconomics(ledger: ledger, measures: allMeasures)
        let actionRules = buildActionRules(indicators: indicators)
        let inDepthNode = root.child("fordjupad_uppfoljning")
        let interval = inDepthNode?.int("interval_years") ?? 3
        if interval < 1 { inDepthNode?.report("interval_years", "expected 1 or more, found \(interval)") }
        inDepthNode?.reportUnknownKeys()
        root.reportUnknownKeys()

        guard let kommunName, let kommunCode, let register, let templates, let warehouse, let output else {
            return nil
        }
        var enheter: [Enhet] = []
        if sink.findings.isEmpty {
            enheter = UnitRegister.load(
                path: register, displayPath: Config.displayPath(register), omraden: omraden, sink: sink)
            // A unit's own code is never ignored: the register wins, and the config must not say otherwise.
            for enhet in enheter {
                for code in enhet.ledgerCodes where ledger.ignores(code) {
                    sink.findings.append(
                        Finding(
                            SourceLocation(file: file, key: "ledger.ignore_units"), rule: "config-value",
                            message:
                                "key 'ledger.ignore_units': '\(code)' is the ledger code of unit '\(enhet.id)' in the register; a unit's code cannot be ignored"
                        ))
                }
            }
        }
        var config = Config(
            file: file, kommun: .init(name: kommunName, code: kommunCode),
            paths: .init(
                register: register, templates: templates, warehouse: warehouse, output: output,
                commentary: commentary, runs: runs, log: log,
                quality: quality),
            namnder: namnder, omraden: omraden, enheter: enheter, measures: allMeasures, ledger: ledger,
            sources: sources, indicators: indicators,
            report: .init(
                title: title, minN: minN, lagDays: lagDays, suppression: suppression, publicCounts: publicCounts),
            economics: economics, actionRules: actionRules,
            inDepth: InDepthSettings(intervalYears: interval))
        config.limits = limits
        return config
    }

    func resolve(_ path: String) -> String { Config.absolute(path, relativeTo: base) }

    func checkIdentifier(_ id: String?, in node: TOMLNode, seen: inout Set<String>) {
        guard let id else { return }
        if !Config.isIdentifier(id) {
            node.report("id", "\(Config.identifierExpectation), found '\(id)'")
        }
        if !seen.insert(id).inserted { node.report("id", rule: "config-duplicate", "'\(id)' is defined twice") }
    }

    func buildNamnder() -> [Namnd] {
        var seen: Set<String> = []
        var result: [Namnd] = []
        for node in root.children("namnd") {
            let id = node.string("id")
            checkIdentifier(id, in: node, seen: &seen)
            let name = node.string("name")
            node.reportUnknownKeys()
            if let id, let name { result.append(Namnd(id: id, name: name)) }
        }
        if result.isEmpty && !root.has("namnd") {
            root.report("namnd", rule: "config-missing", "at least one [[namnd]] is required")
        }
        return result
    }

    func buildOmraden(namnder: [Namnd]) -> [Omrade] {
        var seen: Set<String> = []
        var result: [Omrade] = []
        for node in root.children("omrade") {
            let id = node.string("id")
            checkIdentifier(id, in: node, seen: &seen)
            let name = node.string("name")
            let namnd = node.string("namnd")
            if let namnd, !namnder.isEmpty, !namnder.contains(where: { $0.id == namnd }) {
                node.report("namnd", rule: "config-reference", "no [[namnd]] has id '\(namnd)'")
            }
            node.reportUnknownKeys()
            if let id, let name, let namnd { result.append(Omrade(id: id, name: name, namnd: namnd)) }
        }
        if result.isEmpty && !root.has("omrade") {
            root.report("omrade", rule: "config-missing", "at least one [[omrade]] is required")
        }
        return result
    }

    func buildMeasures() -> [Measure] {
        var seen: Set<String> = []
        var result: [Measure] = []
        for node in root.children("measure") {
            let id = node.string("id")
            checkIdentifier(id, in: node, seen: &seen)
            let name = node.string("name")
            let unit = node.string("unit")
            let aggregationText = node.string("aggregation")
            let aggregation = aggregationText.flatMap(Aggregation.init(rawValue:))
            if let aggregationText, aggregation == nil {
                node.report("aggregation", "expected 'sum', 'mean', 'last' or 'median', found '\(aggregationText)'")
            }
            let description = node.string("description", required: false) ?? ""
            node.reportUnknownKeys()
            // A measure with a bad field is still declared, so references to it do not cascade into more errors.
            if let id {
                result.append(
                    Measure(
                        id: id, name: name ?? id, unit: unit ?? "", aggregation: aggregation ?? .sum,
                        description: description))
            }
        }
        return result
    }

    func buildLedger(measures: [Measure]) -> LedgerMapping {
        guard let node = root.child("ledger") else {
            return LedgerMapping(unitDimension: 1, accounts: LedgerMapping.kommunBasAccounts)
        }
        let dimension = node.int("unit_dimension") ?? 1
        if dimension < 1 {
            node.report("unit_dimension", "expected a SIE dimension number (1 or more), found \(dimension)")
        }
        var accounts: [LedgerMapping.AccountRange] = []
        let known = Set(measures.map(\.id)).union(LedgerMapping.kommunBasMeasures.map(\.id))
        for child in node.children("account") {
            let from = child.string("from")
            let to = child.string("to")
            let measure = child.string("measure")
            let sign = child.int("sign") ?? 1
            for (key, value) in [("from", from), ("to", to)] {
                if let value, value.isEmpty || !value.allSatisfy(\.isASCII) || !value.allSatisfy(\.isNumber) {
                    child.report(key, "expected account digits, found '\(value)'")
                }
            }
            if let from, let to, from.count != to.count {
                child.report("to", "expected as many digits as 'from' ('\(from)'), found '\(to)'")
            } else if let from, let to, from > to {
                child.report("to", "expected a value not below 'from' ('\(from)'), found '\(to)'")
            }
            if sign != 1 && sign != -1 { child.report("sign", "expected 1 or -1, found \(sign)") }
            if let measure, !known.contains(measure) {
                child.report("measure", rule: "config-reference", "no [[measure]] has id '\(measure)'")
            }
            child.reportUnknownKeys()
            if let from, let to, let measure {
                accounts.append(.init(from: from, to: to, measure: measure, sign: sign))
            }
        }
        var ignored: [LedgerMapping.IgnoredUnits] = []
        for entry in node.strings("ignore_units") ?? [] {
            switch LedgerMapping.IgnoredUnits.parse(entry) {
            case .success(let codes): ignored.append(codes)
            case .failure(let error):
                let expected: String
                switch error {
                case .empty: expected = "expected a code or a range FROM-TO of digits"
                case .lengths: expected = "expected a code or a range FROM-TO of digits as long as each other"
                case .order: expected = "expected a code or a range FROM-TO of digits with FROM not above TO"
                }
                node.report("ignore_units", "\(expected), found '\(entry)'")
            }
        }
        node.reportUnknownKeys()
        var mapping = LedgerMapping(
            unitDimension: dimension, accounts: node.has("account") ? accounts : LedgerMapping.kommunBasAccounts)
        mapping.ignoredUnits = ignored
        return mapping
    }

    func buildSources(measures: [Measure]) -> [SourceDefinition] {
        var seen: Set<String> = []
        var result: [SourceDefinition] = []
        // A wide volume source may map the staff measures without declaring them, as formulas may use them.
        let measureIDs = Set(measures.map(\.id)).union(SourceDefinition.staffMeasures.map(\.id))
        for node in root.children("source") {
            let id = node.string("id")
            checkIdentifier(id, in: node, seen: &seen)
            let kindText = node.string("kind")
            let kind = kindText.flatMap(SourceKind.init(rawValue:))
            if let kindText, kind == nil {
                let known = SourceKind.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")
                node.report("kind", "expected one of \(known), found '\(kindText)'")
            }
            let inbox = node.string("inbox").map(resolve)
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
                node.string("unit_key", required: false) ?? (kind == .paxml || kind == .hrCSV ? "hr" : nil)
                ?? (kind == .ledgerCSV || kind == .ledgerSIE ? "ledger" : "id")
            let unitKey = SourceDefinition.UnitKey(rawValue: unitKeyText)
            if unitKey == nil {
                node.report("unit_key", "expected 'id', 'ledger', 'hr' or 'other', found '\(unitKeyText)'")
            }
            let layoutText = node.string("layout", required: false) ?? "long"
            let layout = SourceDefinition.Layout(rawValue: layoutText)
            if layout == nil { node.report("layout", "expected 'long' or 'wide', found '\(layoutText)'") }
            var columns: [String: String] = [:]
            if let columnsNode = node.child("columns", required: kind != .ledgerSIE && kind != .paxml),
                kind != nil || kindText == nil
            {
                let allowed = Self.columnKeys(kind: kind, layout: layout)
                for key in allowed.required + allowed.optional {
                    if let header = columnsNode.string(key, required: false) { columns[key] = header }
                }
                for key in allowed.required where columns[key] == nil {
                    columnsNode.report(
                        key, rule: "config-missing", "required for a \(kindText ?? "") source, not found")
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
            let snapshotText = node.string("snapshot", required: false) ?? (selfReported ? "unit-months" : "months")
            let snapshot = SourceDefinition.Snapshot(rawValue: snapshotText)
            if snapshot == nil {
                node.report("snapshot", "expected 'months' or 'unit-months', found '\(snapshotText)'")
            }
            let unitDimension = node.int("unit_dimension").map(String.init) ?? "1"
            var timeCodes: [String: String] = [:]
            if let codesNode = node.child("time_codes") {
                for code in codesNode.table.keys.sorted() { timeCodes[code] = codesNode.string(code) ?? "" }
            }
            let isComplaints = kind == .complaintsCSV || kind == .complaintsXML
            let staleAfter = node.int("stale_after_months") ?? (kind == .surveyCSV ? 12 : 2)
            if staleAfter < 0 { node.report("stale_after_months", "expected 0 or more, found \(staleAfter)") }
            let prefix = node.string("measure_prefix", required: false) ?? (isComplaints ? "klagomal" : "enkat")
            let record = node.string("record", required: kind == .complaintsXML) ?? ""
            var complaintTypes: [String: ComplaintType] = [:]
            if let typesNode = node.child("types", required: isComplaints) {
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
                            id, "expected a question id of \(Config.identifierExpectation), found '\(id)'")
                    }
                    questions[text] = id
                }
            }
            if kind == .volumeCSV && layout == .wide && measureColumns.isEmpty {
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
                source.snapshot = snapshot ?? .months
                source.measurePrefix = prefix
                source.complaintTypes = complaintTypes
                source.questions = questions
                source.record = record
                source.unitDimension = unitDimension
                source.timeCodes = timeCodes
                source.staleAfterMonths = staleAfter
                result.append(source)
            }
        }
        return result
    }

    /// The logical columns each kind of source reads.
    static func columnKeys(kind: SourceKind?, layout: SourceDefinition.Layout?)
        -> (required: [String], optional: [String], oneOf: [[String]])
    {
        switch kind {
        case .ledgerCSV:
            return (["unit", "account", "amount"], ["date", "period", "text"], [["date", "period"]])
        case .ledgerSIE, .paxml:
            return ([], [], [])
        case .hrCSV:
            return (
                ["employee", "unit"],
                ["month", "date", "category", "degree", "form", "gender", "worked", "sick", "scheduled", "overtime"],
                [["month", "date"]]
            )
        case .volumeCSV:
            if layout == .wide { return (["unit"], ["month", "date", "category"], [["month", "date"]]) }
            return (["unit", "measure", "value"], ["month", "date", "category"], [["month", "date"]])
        case .surveyCSV:
            return (
                ["unit", "period", "question", "respondents"],
                ["positive", "share", "dont_know", "gender", "response_rate"], [["positive", "share"]]
            )
        case .complaintsCSV, .complaintsXML:
            return (["unit", "received", "type"], ["closed", "id"], [])
        case nil:
            return ([], [], [])
        }
    }

    /// - Parameter closedCategories: the only categories some measures have (a complaints source's types).
    func buildIndicators(
        measures: [Measure], closedCategories: [String: Set<String>], omraden: [Omrade], defaultMinN: Int
    ) -> [IndicatorDefinition] {
        var seen: Set<String> = []
        var result: [IndicatorDefinition] = []
        let measureIDs = Set(measures.map(\.id))
        for node in root.children("indicator") {
            let id = node.string("id")
            checkIdentifier(id, in: node, seen: &seen)
            let name = node.string("name")
            let description = node.string("description", required: false) ?? ""
            let familyText = node.string("family")
            let family = familyText.flatMap(Family.init(rawValue:))
            if let familyText, family == nil {
                let known = Family.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")
                node.report("family", "expected one of \(known), found '\(familyText)'")
            }
            let formulaText = node.string("formula")
            var formula: Formula?
            if let formulaText {
                do {
                    let parsed = try Formula.parse(formulaText)
                    formula = parsed
                    for reference in parsed.references where !measureIDs.contains(reference.measure) {
                        node.report("formula", rule: "config-reference", "no [[measure]] has id '\(reference.measure)'")
                    }
                    for reference in parsed.references {
                        guard let known = closedCategories[reference.measure] else { continue }
                        for category in reference.categories where !known.contains(category) {
                            let expected = known.sorted().map { "'\($0)'" }.joined(separator: ", ")
                            node.report(
                                "formula", rule: "config-reference",
                                "'\(reference.measure)' has no category '\(category)'; its categories are \(expected)")
                        }
                    }
                } catch {
                    node.report("formula", rule: "formula-syntax", "\(error) in '\(formulaText)'")
                }
            }
            let unit = node.string("unit")
            let decimals = node.int("decimals") ?? 0
            if !(0...4).contains(decimals) { node.report("decimals", "expected 0 to 4, found \(decimals)") }
            let directionText = node.string("direction", required: false) ?? "none"
            let direction = Direction(rawValue: directionText)
            if direction == nil {
                node.report("direction", "expected 'higher', 'lower' or 'none', found '\(directionText)'")
            }
            let target = node.double("target")
            let redLimit = node.double("red_limit")
            let statusText = node.string("status", required: false) ?? (target == nil ? "none" : "target")
            var statusRule = StatusRule.none
            switch statusText {
            case "none": break
            case "quartile": statusRule = .quartile
            case "target":
                if let target {
                    statusRule = .target(target, redLimit: redLimit)
                } else {
                    node.report("status", "status 'target' needs a 'target' value")
                }
            default: node.report("status", "expected 'target', 'quartile' or 'none', found '\(statusText)'")
            }
            if statusRule != .none, direction == Direction.none {
                node.report("direction", "a judged indicator (status '\(statusText)') needs 'higher' or 'lower'")
            }
            if let target, let redLimit, let direction {
                if (direction == .higher && redLimit > target) || (direction == .lower && redLimit < target) {
                    node.report(
                        "red_limit",
                        "must be on the worse side of the target (\(SwedishFormat.message(target))) for direction '\(direction.rawValue)', found \(SwedishFormat.message(redLimit))"
                    )
                }
            }
            if redLimit != nil, target == nil { node.report("red_limit", "a red limit needs a 'target'") }
            let byGender = node.bool("by_gender") ?? false
            let indicatorOmraden = node.strings("omraden") ?? []
            for omrade in indicatorOmraden where !omraden.contains(where: { $0.id == omrade }) {
                node.report("omraden", rule: "config-reference", "no [[omrade]] has id '\(omrade)'")
            }
            let regiTexts = node.strings("regi") ?? Regi.allCases.map(\.rawValue)
            var regi: [Regi] = []
            for text in regiTexts {
                if let value = Regi(rawValue: text) {
                    regi.append(value)
                } else {
                    node.report("regi", "expected 'egen' or 'extern', found '\(text)'")
                }
            }
            var nMeasure: MeasureReference?
            if let text = node.string("n_measure", required: false) {
                switch try? Formula.parse(text) {
                case .measure(let reference)?:
                    nMeasure = reference
                    if !measureIDs.contains(reference.measure) {
                        node.report(
                            "n_measure", rule: "config-reference", "no [[measure]] has id '\(reference.measure)'")
                    }
                default:
                    node.report(
                        "n_measure",
                        "expected one measure, e.g. 'brukare' or 'enkat_svarande[category=q1]', found '\(text)'")
                }
            }
            let minN = node.int("min_n") ?? defaultMinN
            node.reportUnknownKeys()
            if let id, let name, let family, let formulaText, let formula, let unit, let direction {
                result.append(
                    IndicatorDefinition(
                        id: id, name: name, description: description, family: family, formulaText: formulaText,
                        formula: formula, unit: unit, decimals: decimals, direction: direction,
                        statusRule: statusRule, byGender: byGender, omraden: indicatorOmraden, regi: regi,
                        nMeasure: nMeasure, minN: minN))
            }
        }
        return result
    }

    func buildEconomics(ledger: LedgerMapping, measures: [Measure]) -> EconomicsSettings {
        let node = root.child("economics")
        let measureIDs = Set(measures.map(\.id))
        func list(_ key: String, default fallback: [String]) -> [String] {
            let ids = node?.strings(key) ?? fallback
            for id in ids where !measureIDs.contains(id) {
                node?.report(key, rule: "config-reference", "no [[measure]] has id '\(id)'")
            }
            return ids
        }
        var seen: Set<String> = []
        let ledgerRevenues = ledger.accounts.filter { $0.sign < 0 }.map(\.measure).filter { seen.insert($0).inserted }
        let ledgerCosts = ledger.accounts.filter { $0.sign > 0 }.map(\.measure).filter { seen.insert($0).inserted }
        let revenues = list("revenues", default: ledgerRevenues)
        let costs = list("costs", default: ledgerCosts)
        var krav: [Int: Double] = [:]
        if let table = node?.child("resultatkrav") {
            for key in table.table.keys.sorted() {
                guard let year = Int(key), (1900...2999).contains(year) else {
                    table.report(key, "expected a year such as 2025 as the key")
                    _ = table.double(key)
                    continue
                }
                if let percent = table.double(key) { krav[year] = percent }
            }
            table.reportUnknownKeys()
        }
        let forecastText = node?.string("forecast", required: false) ?? "linear"
        let forecast = ForecastMethod(rawValue: forecastText)
        if forecast == nil { node?.report("forecast", "expected 'linear' or 'budget', found '\(forecastText)'") }
        let equityYear = node?.int("equity_year")
        node?.reportUnknownKeys()
        return EconomicsSettings(
            revenues: revenues, costs: costs, resultatkrav: krav, forecast: forecast ?? .linear,
            equityYear: equityYear)
    }

    func buildActionRules(indicators: [IndicatorDefinition]) -> [ActionRule] {
        var seen: Set<String> = []
        var rules: [ActionRule] = []
        for node in root.children("atgardsplan") {
            let id = node.string("id")
            checkIdentifier(id, in: node, seen: &seen)
            let reason = node.string("reason")
            let when = node.string("when")
            let indicator = node.string("indicator", required: false)
            if let indicator, !indicators.contains(where: { $0.id == indicator }) {
                node.report("indicator", rule: "config-reference", "no [[indicator]] has id '\(indicator)'")
            }
            var family: Family?
            if let text = node.string("family", required: false) {
                family = Family(rawValue: text)
                if family == nil { node.report("family", "expected an indicator family, found '\(text)'") }
            }
            let limit = node.double("limit")
            var condition: ActionRule.Condition?
            switch when {
            case "red": condition = .red(indicator: indicator, family: family)
            case "resultatkrav": condition = .resultatkravMissed
            case "above", "below":
                guard let indicator, let limit else {
                    node.report(nil, "when '\(when ?? "")' needs 'indicator' and 'limit'")
                    break
                }
                condition =
                    when == "above"
                    ? .above(indicator: indicator, limit: limit) : .below(indicator: indicator, limit: limit)
            case nil: break
            default: node.report("when", "expected 'red', 'resultatkrav', 'above' or 'below', found '\(when ?? "")'")
            }
            node.reportUnknownKeys()
            if let id, let reason, let condition {
                rules.append(ActionRule(id: id, reason: reason, condition: condition))
            }
        }
        return rules
    }
}
