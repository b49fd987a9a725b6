import Domain
import Foundation
import GRDB

/// The files on record: what was loaded, what each rejected and left unmapped, and the hash cache.
extension Warehouse {
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

    static func loadedFile(_ row: Row) -> LoadedFile {
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
}
