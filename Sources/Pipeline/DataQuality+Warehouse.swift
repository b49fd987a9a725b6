import Domain
import Reports
import Rules
import Warehouse

extension DataQuality {
    /// Reads every file on record and works out each source's latest month and whether it is stale.
    ///
    /// The warehouse is asked here, and the freshness decided by `SourceStatus.statuses(of:filesInForce:)`
    /// (Rules), so the page gets plain values.
    static func read(config: Config, warehouse: Warehouse) throws(WarehouseError) -> DataQuality {
        let loaded = try warehouse.loadedFiles()
        let byID = Dictionary(uniqueKeysWithValues: loaded.map { ($0.id, $0) })
        var files: [String: [FileRecord]] = [:]
        var filesInForce: [String: [[Month]]] = [:]
        for file in loaded.sorted(by: { $0.path < $1.path }) {
            let unmapped = try warehouse.unmappedCodes(fileID: file.id).map {
                (code: $0.code, amount: $0.amount, rows: $0.rows)
            }
            let rejected = try warehouse.rejectedRows(fileID: file.id, perRule: examplesPerReason).map {
                (line: $0.line, column: $0.column, rule: $0.rule, message: $0.message)
            }
            files[file.sourceId, default: []].append(
                FileRecord(
                    file: File(file), rejected: rejected,
                    rejectedCounts: try warehouse.rejectedRowCounts(fileID: file.id),
                    unmapped: unmapped.filter { !config.ledger.ignores($0.code) },
                    ignoredCodes: unmapped.filter { config.ledger.ignores($0.code) },
                    supersededBy: file.supersededBy.flatMap { byID[$0] }.map(File.init)))
            if file.supersededBy == nil { filesInForce[file.sourceId, default: []].append(file.months) }
        }
        return DataQuality(
            sources: SourceStatus.statuses(of: config.sources, filesInForce: filesInForce), files: files,
            measures: config.measures)
    }
}

extension DataQuality.File {
    /// The page's view of a file on record.
    init(_ file: LoadedFile) {
        self.init(
            path: file.path, sha256: file.sha256, encoding: file.encoding, months: file.months,
            rowsRead: file.rowsRead, rowsAccepted: file.rowsAccepted, rowsRejected: file.rowsRejected,
            controlTotals: file.controlTotals, loadedAt: file.loadedAt, selfReported: file.selfReported)
    }
}
