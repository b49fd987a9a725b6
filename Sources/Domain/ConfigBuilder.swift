import Foundation

/// Walks the TOML document into a `Config`, reporting into the sink.
///
/// Each section with entries of its own is read by its type's `+TOML` extension (`SourceDefinition+TOML.swift`, …).
struct ConfigBuilder {
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

        let namnder = Namnd.loadAll(from: self)
        let omraden = Omrade.loadAll(from: self, namnder: namnder)
        let measures = Measure.loadAll(from: self)
        let ledger = LedgerMapping.load(from: self, measures: measures)
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
        let minN = reportNode?.int("min_n") ?? Config.ReportSettings.defaultMinN
        if minN < 1 { reportNode?.report("min_n", "expected 1 or more, found \(minN)") }
        let title = reportNode?.string("title", required: false) ?? Config.ReportSettings.defaultTitle
        let lagDays = reportNode?.int("lag_days") ?? Config.ReportSettings.defaultLagDays
        if lagDays < 0 { reportNode?.report("lag_days", "expected 0 or more, found \(lagDays)") }
        var suppression = Config.ReportSettings.defaultSuppression
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
        let sources = SourceDefinition.loadAll(from: self, measures: allMeasures).map { source in
            var source = source
            source.limits = limits
            return source
        }
        for source in sources {
            for measure in source.producedMeasures
            where !allMeasures.contains(where: { $0.id == measure.id }) {
                allMeasures.append(measure)
            }
        }
        // A complaints source's measures have one category per mapped type: a formula naming another is a typo.
        var closedCategories: [String: Set<String>] = [:]
        for source in sources where source.descriptor.mapsComplaintTypes {
            let types = Set(source.complaintTypes.values.map(\.rawValue))
            for measure in source.producedMeasures {
                closedCategories[measure.id, default: []].formUnion(types)
            }
        }
        let indicators = IndicatorDefinition.loadAll(
            from: self, measures: allMeasures, closedCategories: closedCategories, omraden: omraden, defaultMinN: minN)
        let economics = EconomicsSettings.load(from: self, ledger: ledger, measures: allMeasures)
        let actionRules = ActionRule.loadAll(from: self, indicators: indicators)
        let services = ServiceCatalogue.load(from: self, namnder: namnder, measures: allMeasures)
        for source in sources {
            guard let service = source.service, !services.services.contains(where: { $0.id == service }) else {
                continue
            }
            let key = "source[\(source.id)].service"
            sink.findings.append(
                Finding(
                    SourceLocation(file: file, key: key), rule: "config-reference",
                    message: "key '\(key)': no [[service]] has id '\(service)'"))
        }
        let inDepthNode = root.child("fordjupad_uppfoljning")
        let interval = inDepthNode?.int("interval_years") ?? InDepthSettings.defaultIntervalYears
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
            sink.findings += services.ownerFindings(enheter: enheter, file: file)
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
        config.services = services
        return config
    }

    func resolve(_ path: String) -> String { Config.absolute(path, relativeTo: base) }

    func checkIdentifier(_ id: String?, in node: TOMLNode, seen: inout Set<String>) {
        guard let id else { return }
        if !Config.isIdentifier(id) {
            node.report("id", .unexpectedValue(expected: Diagnostic.identifierCharacters, found: id))
        }
        if !seen.insert(id).inserted { node.report("id", rule: "config-duplicate", "'\(id)' is defined twice") }
    }
}
