import Domain
import Foundation
import GRDB

/// What the runs so far rendered, from which inputs.
extension Warehouse {
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
}
