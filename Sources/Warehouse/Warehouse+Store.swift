import Domain
import Foundation
import GRDB
import GRDBSQLite

/// Storing one read file: its record, facts, rejected rows and unmapped amounts, in one transaction.
extension Warehouse {
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
}
