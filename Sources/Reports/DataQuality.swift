import Domain
import Rules
import Warehouse

/// The data-quality account of the warehouse: per source its freshness, per file what was read, accepted
/// and rejected (grouped by reason, with the first lines), unmapped codes and the reconciled control totals.
package struct DataQuality: Sendable {
    package struct FileRecord: Sendable {
        let file: LoadedFile
        /// The first rejected rows of each rule, as examples.
        let rejected: [(line: Int?, column: Int?, rule: String, message: String)]
        /// Every rejected row, per rule.
        let rejectedCounts: [String: Int]
        let unmapped: [(code: String, amount: FixedDecimal, rows: Int)]
        /// Unmapped codes on record that the config now ignores (`[ledger] ignore_units`, added after the file
        /// was loaded): shown as excluded by config, not as unmapped.
        let ignoredCodes: [(code: String, amount: FixedDecimal, rows: Int)]
        let supersededBy: String?
    }

    package let sources: [SourceStatus]
    let files: [String: [FileRecord]]
    /// The sources whose inbox glob matches no file now, with the glob as the page shows it (relative to
    /// the config's folder). The default is none.
    package var emptyInboxes: [(source: String, inbox: String)] = []

    /// Rejected rows shown per reason and file; the rest are counted.
    static let examplesPerReason = 3

    /// Reads every file on record and works out each source's latest month and whether it is stale.
    package static func read(config: Config, warehouse: Warehouse) throws(WarehouseError) -> DataQuality {
        let loaded = try warehouse.loadedFiles()
        let paths = Dictionary(uniqueKeysWithValues: loaded.map { ($0.id, $0.path) })
        var files: [String: [FileRecord]] = [:]
        for file in loaded.sorted(by: { $0.path < $1.path }) {
            let unmapped = try warehouse.unmappedCodes(fileID: file.id)
            files[file.sourceId, default: []].append(
                FileRecord(
                    file: file, rejected: try warehouse.rejectedRows(fileID: file.id, perRule: examplesPerReason),
                    rejectedCounts: try warehouse.rejectedRowCounts(fileID: file.id),
                    unmapped: unmapped.filter { !config.ledger.ignores($0.code) },
                    ignoredCodes: unmapped.filter { config.ledger.ignores($0.code) },
                    supersededBy: file.supersededBy.flatMap { paths[$0] }))
        }
        let latest = config.sources.map { source in
            (files[source.id] ?? []).filter { $0.file.supersededBy == nil }.flatMap(\.file.months).max()
        }
        let newest = latest.compactMap { $0 }.max()
        let sources = zip(config.sources, latest).map { source, month in
            let inForce = (files[source.id] ?? []).filter { $0.file.supersededBy == nil }.count
            var stale = false
            if let newest {
                stale = month.map { $0.ordinal < newest.ordinal - source.staleAfterMonths } ?? true
            }
            return SourceStatus(source: source, files: inForce, latestMonth: month, stale: stale)
        }
        return DataQuality(sources: sources, files: files)
    }

    func model() -> [[String: Any]] {
        sources.map { status in
            var model = status.model
            let records = files[status.source.id] ?? []
            model["fileList"] = records.map(fileModel)
            if let empty = emptyInboxes.first(where: { $0.source == status.source.id }) {
                model["emptyInbox"] = "Inkorgen är tom: ingen fil matchar \(MessageText.safe(empty.inbox))."
            }
            model["rowsRead"] = SwedishFormat.number(Double(records.map(\.file.rowsRead).reduce(0, +)), decimals: 0)
            model["rowsRejected"] = SwedishFormat.number(
                Double(records.map(\.file.rowsRejected).reduce(0, +)), decimals: 0)
            return model
        }
    }

    /// The ledger readers' control totals reconciled: every amount read is accounted for as facts, excluded
    /// (accounts outside the mapping), unmapped (unknown unit codes), ignored (codes the config ignores; a
    /// file without any has no such total) or rejected.
    static func reconcile(_ totals: [String: String]) -> [String: Any]? {
        let parts = ["amount.facts", "amount.excluded", "amount.unmapped", "amount.rejected"]
        guard let read = totals["amount.read"].flatMap(FixedDecimal.init) else { return nil }
        var sum = FixedDecimal.zero
        for key in parts {
            guard let value = totals[key].flatMap(FixedDecimal.init) else { return nil }
            sum += value
        }
        sum += totals["amount.ignored"].flatMap(FixedDecimal.init) ?? .zero
        return sum == read
            ? ["label": "Stämmer", "class": "green", "mark": Status.Level.green.mark]
            : [
                "label": "Stämmer inte: skillnad \((read - sum).description)", "class": "red",
                "mark": Status.Level.red.mark,
            ]
    }

    func fileModel(_ record: FileRecord) -> [String: Any] {
        let file = record.file
        var model: [String: Any] = [
            "path": MessageText.safe(file.path),
            "sha": String(file.sha256.prefix(12)),
            "encoding": file.encoding,
            "months": file.months.isEmpty
                ? "-"
                : file.months.count == 1
                    ? file.months[0].description : "\(file.months[0])–\(file.months[file.months.count - 1])",
            "rowsRead": SwedishFormat.number(Double(file.rowsRead), decimals: 0),
            "rowsAccepted": SwedishFormat.number(Double(file.rowsAccepted), decimals: 0),
            "rowsRejected": SwedishFormat.number(Double(file.rowsRejected), decimals: 0),
            "controlTotals": file.controlTotals.sorted { $0.key < $1.key }.map { ["key": $0.key, "value": $0.value] },
            "selfReported": file.selfReported,
        ]
        if let superseded = record.supersededBy { model["supersededBy"] = MessageText.safe(superseded) }
        if let reconciliation = Self.reconcile(file.controlTotals) { model["reconciliation"] = reconciliation }
        var byRule: [String: [(line: Int?, column: Int?, rule: String, message: String)]] = [:]
        for rule in record.rejectedCounts.keys { byRule[rule] = [] }
        for row in record.rejected { byRule[row.rule, default: []].append(row) }
        model["rejects"] = byRule.sorted { $0.key < $1.key }.map { rule, rows -> [String: Any] in
            let count = max(record.rejectedCounts[rule] ?? 0, rows.count)
            var group: [String: Any] = [
                "rule": rule,
                "count": count,
                "examples": rows.prefix(Self.examplesPerReason).map { row in
                    var place = row.line.map { "rad \($0)" } ?? "filen"
                    if let column = row.column { place += ", kolumn \(column)" }
                    // Rows stored before messages lost their values are published without them too.
                    return ["place": place, "message": MessageText.withoutValues(row.message)]
                },
            ]
            let shown = min(rows.count, Self.examplesPerReason)
            if count > shown {
                group["more"] = "och \(count - shown) rader till av samma slag"
            }
            return group
        }
        if let amount = file.controlTotals["amount.ignored"].flatMap(FixedDecimal.init) {
            model["ignored"] = [
                "amount": SwedishFormat.value(amount.doubleValue, decimals: 2, unit: "kr"),
                "rows": file.controlTotals["rows.ignored"].flatMap(FixedDecimal.init).map {
                    SwedishFormat.number($0.doubleValue, decimals: 0)
                } ?? "",
            ]
        }
        model["ignoredCodes"] = record.ignoredCodes.map {
            [
                "code": $0.code, "amount": SwedishFormat.value($0.amount.doubleValue, decimals: 2, unit: "kr"),
                "rows": $0.rows,
            ]
        }
        model["unmapped"] = record.unmapped.map {
            [
                "code": $0.code, "amount": SwedishFormat.value($0.amount.doubleValue, decimals: 2, unit: "kr"),
                "rows": $0.rows,
            ]
        }
        return model
    }
}
