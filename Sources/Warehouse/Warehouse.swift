import Domain
import Foundation
import GRDB
import GRDBSQLite

/// A file on record in the warehouse.
package struct LoadedFile: Sendable, Hashable {
    package let id: Int64
    package let path: String
    package let sha256: String
    package let sourceId: String
    package let kind: String
    package let encoding: String
    package let months: [Month]
    package let rowsRead: Int
    package let rowsAccepted: Int
    package let rowsRejected: Int
    /// Control totals as decimal strings, keyed as the reader named them.
    package let controlTotals: [String: String]
    package let loadedAt: String
    package let supersededBy: Int64?
    /// The facts were reported by the provider itself.
    package let selfReported: Bool
}

/// A fact as stored, with the file it came from: the analyst's raw extract.
package struct StoredFact: Sendable, Hashable {
    package let fact: Fact
    package let sourcePath: String
}

/// What storing a file did.
package struct StoreOutcome: Sendable, Hashable {
    package let fileID: Int64
    /// Facts of older files of the same source that the new file replaced (same months).
    package let replacedFacts: Int
    /// Older files now fully superseded.
    package let supersededFiles: [String]
}

/// The warehouse facade: the only place that talks SQL.
///
/// One SQLite file in WAL mode with foreign keys on. Loading a file is one transaction: the file's record,
/// its facts, its rejected rows and the replacement of older facts commit together or not at all.
package final class Warehouse: Sendable {
    let writer: any DatabaseWriter
    package let path: String

    /// Opens (creating if needed) and migrates the warehouse at `path`.
    package init(path: String) throws(WarehouseError) {
        self.path = path
        do {
            let directory = (path as NSString).deletingLastPathComponent
            if !directory.isEmpty {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            }
            var configuration = Configuration()
            configuration.foreignKeysEnabled = true
            configuration.busyMode = .timeout(10)
            writer = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw .cannotOpen(path: path, reason: Self.reason(error))
        }
        try migrate()
    }

    /// Opens an existing warehouse read-only, without migrating: for `--dry-run`, which writes nothing.
    ///
    /// A plain read-only connection to a WAL database still creates the `-shm` and `-wal` files. When no
    /// `-wal` file exists (the last writer checkpointed and closed), every committed transaction is in the
    /// main file, so it is opened as an immutable URI and nothing at all is created beside it.
    package init(readOnlyPath path: String) throws(WarehouseError) {
        self.path = path
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(10)
        let encoded = path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? path
        if !FileManager.default.fileExists(atPath: path + "-wal"),
            let queue = try? DatabaseQueue(path: "file:\(encoded)?immutable=1", configuration: configuration),
            (try? queue.read({ try $0.tableExists("sourceFile") })) == true
        {
            writer = queue
            return
        }
        do {
            writer = try DatabaseQueue(path: path, configuration: configuration)
        } catch {
            throw .cannotOpen(path: path, reason: Self.reason(error))
        }
    }

    /// An in-memory warehouse for tests.
    package init(inMemory: Void = ()) throws(WarehouseError) {
        path = ":memory:"
        do {
            writer = try DatabaseQueue()
        } catch {
            throw .cannotOpen(path: path, reason: Self.reason(error))
        }
        try migrate()
    }

    private func migrate() throws(WarehouseError) {
        do {
            try Schema.migrator.migrate(writer)
        } catch {
            throw .migration(path: path, reason: Self.reason(error))
        }
    }

    static func reason(_ error: any Error) -> String {
        if let error = error as? DatabaseError { return error.message ?? error.description }
        return String(describing: error)
    }

    func read<T>(_ what: String, _ body: (Database) throws -> T) throws(WarehouseError) -> T {
        do {
            return try writer.read(body)
        } catch {
            throw .query(what: what, reason: Self.reason(error))
        }
    }

    /// SQLite's own check of the file: `ok` or the problems found.
    package func integrityCheck() throws(WarehouseError) -> [String] {
        try read("checking integrity") { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
    }

    /// Counts per table, for the run summary and tests.
    package func counts() throws(WarehouseError) -> (files: Int, facts: Int, rejectedRows: Int) {
        try read("counting rows") { db in
            (
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sourceFile") ?? 0,
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM fact") ?? 0,
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM rejectedRow") ?? 0
            )
        }
    }
}
