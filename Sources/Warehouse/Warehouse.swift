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
    private let writer: any DatabaseWriter
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

    private func read<T>(_ what: String, _ body: (Database) throws -> T) throws(WarehouseError) -> T {
        do {
            return try writer.read(body)
        } catch {
            throw .query(what: what, reason: Self.reason(error))
        }
    }

    /// The file already loaded with this content hash, if any.
    package func loadedFile(sha256: String) throws(WarehouseError) -> LoadedFile? {
        try read("looking up a file hash") { db in
            try Row.fetchOne(db, sql: "SELECT * FROM sourceFile WHERE sha256 = ?", arguments: [sha256]).map(
                Self.loadedFile)
        }
    }

    /// Every file on record, in load order.
    package func loadedFiles() throws(WarehouseError) -> [LoadedFile] {
        try read("listing files") { db in
            try Row.fetchAll(db, sql: "SELECT * FROM sourceFile ORDER BY id").map(Self.loadedFile)
        }
    }

    private static func loadedFile(_ row: Row) -> LoadedFile {
        let monthsText: String = row["months"]
        let totalsText: String = row["controlTotals"]
        let totals = (try? JSONDecoder().decode([String: String].self, from: Data(totalsText.utf8))) ?? [:]
        return LoadedFile(
            id: row["id"], path: row["path"], sha256: row["sha256"], sourceId: row["sourceId"], kind: row["kind"],
            encoding: row["encoding"],
            months: monthsText.split(separator: ",").compactMap { Month(String($0)) },
            rowsRead: row["rowsRead"], rowsAccepted: row["rowsAccepted"], rowsRejected: row["rowsRejected"],
            controlTotals: totals, loadedAt: row["loadedAt"], supersededBy: row["supersededBy"],
            selfReported: row["selfReported"])
    }

    /// SQLite's "copy the bytes now" destructor, which the C header spells as a cast of -1.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    /// Inserts facts through SQLite's own binding calls: a month of payroll is 90,000 facts, and building
    /// GRDB's argument values for each one cost as much as SQLite's insert itself.
    private static func insert(
        _ facts: [Fact], fileID: Int64, with statement: Statement, in db: Database
    ) throws {
        let handle = statement.sqliteStatement
        func text(_ index: Int32, _ value: String) {
            var value = value
            value.withUTF8 { bytes in
                bytes.withMemoryRebound(to: CChar.self) { chars in
                    // A null pointer would bind SQL NULL, not the empty string.
                    if let base = chars.baseAddress, !chars.isEmpty {
                        _ = sqlite3_bind_text(handle, index, base, Int32(chars.count), transient)
                    } else {
                        _ = sqlite3_bind_text(handle, index, "", 0, transient)
                    }
                }
            }
        }
        // A file has facts for a few months: each month's text is made once.
        var monthTexts: [Month: String] = [:]
        for fact in facts {
            sqlite3_reset(handle)
            sqlite3_bind_int64(handle, 1, fileID)
            text(2, fact.enhet)
            if let known = monthTexts[fact.month] {
                text(3, known)
            } else {
                let made = fact.month.description
                monthTexts[fact.month] = made
                text(3, made)
            }
            text(4, fact.measure)
            text(5, fact.category)
            text(6, fact.gender?.rawValue ?? "")
            sqlite3_bind_int64(handle, 7, fact.value.raw)
            if let n = fact.n { sqlite3_bind_int64(handle, 8, Int64(n)) } else { sqlite3_bind_null(handle, 8) }
            text(9, fact.observed)
            text(10, fact.counterparty)
            text(11, fact.service)
            let code = sqlite3_step(handle)
            guard code == SQLITE_DONE else {
                let message = String(cString: sqlite3_errmsg(db.sqliteConnection))
                sqlite3_reset(handle)
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql)
            }
        }
        sqlite3_reset(handle)
    }

    /// Stores one read file in a single transaction.
    ///
    /// Facts of earlier files of the same source in the months this file covers are deleted (a newer export
    /// is a full snapshot of its months); an earlier file left with no facts is marked superseded by this
    /// one. Both files stay on record.
    package func store(
        path: String, sha256: String, source: SourceDefinition, result: ReadResult, loadedAt: String
    ) throws(WarehouseError) -> StoreOutcome {
        guard
            let stored = try store(path: path, hash: .known(sha256), source: source, result: result, loadedAt: loadedAt)
        else {
            // Only a pending hash discards a store.
            throw .query(what: "storing '\(path)'", reason: "the transaction was rolled back")
        }
        return stored.outcome
    }

    /// Stores a file whose SHA-256 is still being computed beside its read, so that writing its facts
    /// overlaps the end of the hash: the file's record is written under a placeholder, and `hash` is asked
    /// for the real one just before the transaction commits.
    ///
    /// - Parameter hash: waits for the hash; `nil` when the file must not be stored after all (the hash
    ///   failed, or the file changed) — the caller knows why.
    /// - Returns: the outcome and the hash; `nil`, with nothing stored, when `hash` gave `nil` or a hash
    ///   already on record (the content was loaded before: the caller looks the earlier file up).
    package func store(
        path: String, pendingHash hash: () -> String?, source: SourceDefinition, result: ReadResult,
        loadedAt: String
    ) throws(WarehouseError) -> (outcome: StoreOutcome, sha256: String)? {
        try withoutActuallyEscaping(hash) { hash throws(WarehouseError) in
            try store(path: path, hash: .pending(hash), source: source, result: result, loadedAt: loadedAt)
        }
    }

    private enum FileHash {
        case known(String)
        case pending(() -> String?)
    }

    /// Thrown inside a store transaction to roll it back: the pending hash said not to keep the file.
    private struct Discard: Error {}

    private func store(
        path: String, hash: FileHash, source: SourceDefinition, result: ReadResult, loadedAt: String
    ) throws(WarehouseError) -> (outcome: StoreOutcome, sha256: String)? {
        let recorded: String
        switch hash {
        case .known(let sha256): recorded = sha256
        // Unique, and never a hex digest.
        case .pending: recorded = "pending:" + UUID().uuidString
        }
        do {
            return try writer.write { db in
                let totals = result.controlTotals.mapValues { $0.formatted(decimals: 2) }
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys]
                let totalsJSON = String(decoding: try encoder.encode(totals), as: UTF8.self)
                try db.execute(
                    sql: """
                        INSERT INTO sourceFile (path, sha256, sourceId, kind, encoding, months, firstMonth, lastMonth,
                            rowsRead, rowsAccepted, rowsRejected, controlTotals, loadedAt, selfReported)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        path, recorded, source.id, source.kind.rawValue, result.encoding.rawValue,
                        result.months.map(\.description).joined(separator: ","), result.months.first?.description,
                        result.months.last?.description, result.rowsRead, result.rowsAccepted, result.rejects.total,
                        totalsJSON, loadedAt, source.selfReported,
                    ])
                let fileID = db.lastInsertedRowID
                var replaced = 0
                switch source.snapshot {
                case .months:
                    let delete = try db.cachedStatement(
                        sql: """
                            DELETE FROM fact WHERE month = ? AND sourceFileId IN
                                (SELECT id FROM sourceFile WHERE sourceId = ? AND id <> ?)
                            """)
                    for month in result.months {
                        try delete.execute(arguments: [month.description, source.id, fileID])
                        replaced += db.changesCount
                    }
                case .unitMonths:
                    struct UnitMonth: Hashable, Comparable {
                        let enhet: String
                        let month: Month
                        static func < (a: Self, b: Self) -> Bool { (a.enhet, a.month) < (b.enhet, b.month) }
                    }
                    let delete = try db.cachedStatement(
                        sql: """
                            DELETE FROM fact WHERE enhetId = ? AND month = ? AND sourceFileId IN
                                (SELECT id FROM sourceFile WHERE sourceId = ? AND id <> ?)
                            """)
                    for pair in Set(result.facts.map { UnitMonth(enhet: $0.enhet, month: $0.month) }).sorted() {
                        try delete.execute(arguments: [pair.enhet, pair.month.description, source.id, fileID])
                        replaced += db.changesCount
                    }
                }
                var superseded: [String] = []
                if replaced > 0 {
                    let emptied = try Row.fetchAll(
                        db,
                        sql: """
                            SELECT id, path FROM sourceFile s WHERE sourceId = ? AND id <> ? AND supersededBy IS NULL
                                AND NOT EXISTS (SELECT 1 FROM fact f WHERE f.sourceFileId = s.id)
                            """,
                        arguments: [source.id, fileID])
                    for row in emptied {
                        let id: Int64 = row["id"]
                        try db.execute(
                            sql: "UPDATE sourceFile SET supersededBy = ? WHERE id = ?", arguments: [fileID, id])
                        superseded.append(row["path"])
                    }
                }
                let insertFact = try db.cachedStatement(
                    sql: """
                        INSERT INTO fact (sourceFileId, enhetId, month, measure, category, gender, valueE4, n, observed,
                            counterparty, service)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """)
                try Self.insert(result.facts, fileID: fileID, with: insertFact, in: db)
                let insertUnmapped = try db.cachedStatement(
                    sql: """
                        INSERT INTO unmappedAmount (sourceFileId, code, month, measure, amountE4, "rows")
                        VALUES (?, ?, ?, ?, ?, ?)
                        """)
                for amount in result.unmapped {
                    try insertUnmapped.execute(arguments: [
                        fileID, amount.code, amount.month.description, amount.measure, amount.amount.raw, amount.rows,
                    ])
                }
                let insertReject = try db.cachedStatement(
                    sql:
                        "INSERT INTO rejectedRow (sourceFileId, line, \"column\", rule, message) VALUES (?, ?, ?, ?, ?)"
                )
                for finding in result.rejects {
                    try insertReject.execute(arguments: [
                        fileID, finding.location.line, finding.location.column, finding.rule, finding.storedMessage,
                    ])
                }
                let insertCount = try db.cachedStatement(
                    sql: "INSERT INTO rejectedRowCount (sourceFileId, rule, \"rows\") VALUES (?, ?, ?)")
                for (rule, count) in result.rejects.countByRule.sorted(by: { $0.key < $1.key }) {
                    try insertCount.execute(arguments: [fileID, rule, count])
                }
                var sha256 = recorded
                if case .pending(let wait) = hash {
                    guard let computed = wait(),
                        try
                            !(Bool.fetchOne(
                                db, sql: "SELECT EXISTS (SELECT 1 FROM sourceFile WHERE sha256 = ?)",
                                arguments: [computed])
                            ?? false)
                    else { throw Discard() }
                    try db.execute(
                        sql: "UPDATE sourceFile SET sha256 = ? WHERE id = ?", arguments: [computed, fileID])
                    sha256 = computed
                }
                return (StoreOutcome(fileID: fileID, replacedFacts: replaced, supersededFiles: superseded), sha256)
            }
        } catch is Discard {
            return nil
        } catch {
            throw .query(what: "storing '\(path)'", reason: Self.reason(error))
        }
    }

    /// Stored facts with their source file, optionally for one year and/or one unit, in a stable order.
    package func storedFacts(year: Int? = nil, enhet: String? = nil) throws(WarehouseError) -> [StoredFact] {
        try read("listing facts") { db in
            var conditions: [String] = []
            var arguments: StatementArguments = []
            if let year {
                conditions.append("f.month BETWEEN ? AND ?")
                _ = arguments.append(contentsOf: ["\(year)-01", "\(year)-12"])
            }
            if let enhet {
                conditions.append("f.enhetId = ?")
                _ = arguments.append(contentsOf: [enhet])
            }
            let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT f.*, s.path FROM fact f JOIN sourceFile s ON s.id = f.sourceFileId \(whereClause)
                    ORDER BY f.enhetId, f.month, f.measure, f.category, f.gender, f.observed, f.counterparty, f.service, s.id
                    """,
                arguments: arguments)
            return rows.map { StoredFact(fact: Self.fact($0), sourcePath: $0["path"]) }
        }
    }

    /// Facts per unit, month, measure, category, gender, observed value, counterparty and service in
    /// `first...last`, summed over sources.
    package func monthlyFacts(from first: Month, through last: Month) throws(WarehouseError) -> [Fact] {
        try read("reading facts") { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT enhetId, month, measure, category, gender, SUM(valueE4) AS valueE4, SUM(n) AS n, observed,
                        counterparty, service
                    FROM fact WHERE month BETWEEN ? AND ?
                    GROUP BY enhetId, month, measure, category, gender, observed, counterparty, service
                    ORDER BY enhetId, month, measure, category, gender, observed, counterparty, service
                    """,
                arguments: [first.description, last.description]
            ).map(Self.factByPosition)
        }
    }

    /// Every stored fact in `first...last` as it was loaded, one at a time from a cursor and in no particular
    /// order: for a caller that sums them itself (the rules' measure table), which costs a fraction of
    /// letting SQLite sort a year of facts to group them.
    package func forEachFact(from first: Month, through last: Month, _ body: (Fact) -> Void) throws(WarehouseError) {
        try read("reading facts") { db in
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT enhetId, month, measure, category, gender, valueE4, n, observed, counterparty, service
                    FROM fact WHERE month BETWEEN ? AND ?
                    """,
                arguments: [first.description, last.description])
            while let row = try rows.next() { body(Self.factByPosition(row)) }
        }
    }

    /// A fact from a row of (enhetId, month, measure, category, gender, valueE4, n, observed, counterparty,
    /// service), by position: looking
    /// columns up by name costs more than the rest of the decoding.
    private static func factByPosition(_ row: Row) -> Fact {
        let monthText: String = row[1]
        let genderText: String = row[4]
        return Fact(
            enhet: row[0], month: Month(monthText) ?? Month(ordinal: 0), measure: row[2], category: row[3],
            gender: Gender(rawValue: genderText), observed: row[7], counterparty: row[8], service: row[9],
            value: FixedDecimal(raw: row[5]), n: row[6])
    }

    /// The months that have at least one fact, ascending.
    package func monthsWithFacts() throws(WarehouseError) -> [Month] {
        try read("listing months") { db in
            try String.fetchAll(db, sql: "SELECT DISTINCT month FROM fact ORDER BY month").compactMap(Month.init)
        }
    }

    /// The rejected rows of a file kept on record, in line order; with `perRule`, only the first that many
    /// of each rule (a file loaded before the rows were bounded may hold millions).
    package func rejectedRows(fileID: Int64, perRule: Int? = nil) throws(WarehouseError) -> [(
        line: Int?, column: Int?, rule: String, message: String
    )] {
        try read("listing rejected rows") { db in
            guard let perRule else {
                return try Row.fetchAll(
                    db, sql: "SELECT * FROM rejectedRow WHERE sourceFileId = ? ORDER BY line, id", arguments: [fileID]
                ).map { ($0["line"], $0["column"], $0["rule"], $0["message"]) }
            }
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM (
                        SELECT *, ROW_NUMBER() OVER (PARTITION BY rule ORDER BY line, id) AS place
                        FROM rejectedRow WHERE sourceFileId = ?)
                    WHERE place <= ? ORDER BY line, id
                    """, arguments: [fileID, perRule]
            ).map { ($0["line"], $0["column"], $0["rule"], $0["message"]) }
        }
    }

    /// The exact number of rejected rows of a file per rule, kept or not.
    package func rejectedRowCounts(fileID: Int64) throws(WarehouseError) -> [String: Int] {
        try read("counting rejected rows") { db in
            var counts: [String: Int] = [:]
            for row in try Row.fetchAll(
                db, sql: "SELECT rule, \"rows\" FROM rejectedRowCount WHERE sourceFileId = ?", arguments: [fileID])
            {
                counts[row["rule"]] = row["rows"]
            }
            return counts
        }
    }

    /// Unmapped ledger amounts of files still in force, summed per code: what the register is missing.
    package func unmappedCodes() throws(WarehouseError) -> [(code: String, amount: FixedDecimal, rows: Int, files: Int)]
    {
        try read("listing unmapped codes") { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT u.code, SUM(u.amountE4) AS amountE4, SUM(u."rows") AS "rows", COUNT(DISTINCT u.sourceFileId) AS files
                    FROM unmappedAmount u JOIN sourceFile s ON s.id = u.sourceFileId
                    WHERE s.supersededBy IS NULL GROUP BY u.code ORDER BY u.code
                    """
            ).map { ($0["code"], FixedDecimal(raw: $0["amountE4"]), $0["rows"], $0["files"]) }
        }
    }

    /// The unmapped ledger amounts of one file, per code.
    package func unmappedCodes(fileID: Int64) throws(WarehouseError) -> [(
        code: String, amount: FixedDecimal, rows: Int
    )] {
        try read("listing unmapped codes") { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT code, SUM(amountE4) AS amountE4, SUM("rows") AS "rows" FROM unmappedAmount
                    WHERE sourceFileId = ? GROUP BY code ORDER BY code
                    """,
                arguments: [fileID]
            ).map { ($0["code"], FixedDecimal(raw: $0["amountE4"]), $0["rows"]) }
        }
    }

    /// The content hashes of the files whose months overlap `first...last`, superseded ones marked: what a
    /// report over those months was computed from.
    package func fileHashes(from first: Month, through last: Month) throws(WarehouseError) -> [String] {
        try read("listing file hashes") { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT sha256, supersededBy IS NOT NULL AS superseded FROM sourceFile
                    WHERE firstMonth <= ? AND lastMonth >= ? ORDER BY sha256
                    """,
                arguments: [last.description, first.description]
            ).map { row in
                let sha: String = row["sha256"]
                let superseded: Bool = row["superseded"]
                return superseded ? sha + "-superseded" : sha
            }
        }
    }

    /// The reports rendered so far: request → the fingerprint of their inputs and the files they wrote, in the
    /// order written.
    ///
    /// A warehouse not yet migrated to v9 (a dry run opens it read-only, without migrating) gives its files as
    /// the migration will record them.
    package func renderedReports() throws(WarehouseError) -> [String: (
        fingerprint: String, publications: [Publication]
    )] {
        do {
            return try writer.read { db in
                guard try db.tableExists("renderedReport") else { return [:] }
                var result: [String: (fingerprint: String, publications: [Publication])] = [:]
                for row in try Row.fetchAll(db, sql: "SELECT request, fingerprint FROM renderedReport") {
                    result[row["request"]] = (row["fingerprint"], [])
                }
                if try db.tableExists("publication") {
                    for publication in try Publication.order(Column("id")).fetchAll(db) {
                        result[publication.request]?.publications.append(publication)
                    }
                } else {
                    for row in try Row.fetchAll(db, sql: "SELECT request, files, renderedAt FROM renderedReport") {
                        let request: String = row["request"]
                        let files: String = row["files"]
                        result[request]?.publications = files.split(separator: "\n").map {
                            LegacyFileLine(request: request, line: String($0), renderedAt: row["renderedAt"])
                                .publication
                        }
                    }
                }
                return result
            }
        } catch {
            throw .query(what: "listing rendered reports", reason: Self.reason(error))
        }
    }

    /// Records that a report was rendered from inputs with this fingerprint, and the files it wrote (replacing
    /// the files it wrote before).
    package func recordRendered(
        request: String, fingerprint: String, publications: [Publication], at time: String
    ) throws(WarehouseError) {
        do {
            try writer.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO renderedReport (request, fingerprint, renderedAt) VALUES (?, ?, ?)
                        ON CONFLICT(request) DO UPDATE SET fingerprint = excluded.fingerprint,
                            renderedAt = excluded.renderedAt
                        """,
                    arguments: [request, fingerprint, time])
                try Publication.filter(Publication.Columns.request == request).deleteAll(db)
                for publication in publications { try publication.insert(db, onConflict: .replace) }
            }
        } catch {
            throw .query(what: "recording a rendered report", reason: Self.reason(error))
        }
    }

    /// SQLite's own check of the file: `ok` or the problems found.
    package func integrityCheck() throws(WarehouseError) -> [String] {
        try read("checking integrity") { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
    }

    /// The content hash recorded for `path` when the file's identity (size, modification and change times,
    /// inode) is still the one recorded with it: the file has not been written to since it was hashed.
    package func knownHash(path: String, identity: [Int]) throws(WarehouseError) -> String? {
        do {
            return try writer.read { db in
                guard try db.tableExists("fileIdentity") else { return nil }
                return try String.fetchOne(
                    db, sql: "SELECT sha256 FROM fileIdentity WHERE path = ? AND identity = ?",
                    arguments: [path, FileIdentity.key(identity)])
            }
        } catch {
            throw .query(what: "looking up a file identity", reason: Self.reason(error))
        }
    }

    /// Records the hash of a file with its identity, so an unchanged file is not read again to be hashed.
    package func rememberHash(path: String, identity: [Int], sha256: String) throws(WarehouseError) {
        do {
            try writer.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO fileIdentity (path, identity, sha256) VALUES (?, ?, ?)
                        ON CONFLICT(path) DO UPDATE SET identity = excluded.identity, sha256 = excluded.sha256
                        """,
                    arguments: [path, FileIdentity.key(identity), sha256])
            }
        } catch {
            throw .query(what: "recording a file identity", reason: Self.reason(error))
        }
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

    private static func fact(_ row: Row) -> Fact {
        let monthText: String = row["month"]
        let genderText: String = row["gender"]
        return Fact(
            enhet: row["enhetId"], month: Month(monthText) ?? Month(ordinal: 0), measure: row["measure"],
            category: row["category"], gender: Gender(rawValue: genderText), observed: row["observed"],
            counterparty: row["counterparty"], service: row["service"], value: FixedDecimal(raw: row["valueE4"]),
            n: row["n"])
    }
}
