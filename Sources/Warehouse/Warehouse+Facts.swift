import Domain
import Foundation
import GRDB

/// Reading the stored facts back.
extension Warehouse {
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
            return try rows.map { StoredFact(fact: try Self.fact($0), sourcePath: $0["path"]) }
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
            ).map { try Self.factByPosition($0) }
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
            while let row = try rows.next() { body(try Self.factByPosition(row)) }
        }
    }

    /// A fact from a row of (enhetId, month, measure, category, gender, valueE4, n, observed, counterparty,
    /// service), by position: looking
    /// columns up by name costs more than the rest of the decoding.
    private static func factByPosition(_ row: Row) throws(DamagedValue) -> Fact {
        let monthText: String = row[1]
        let genderText: String = row[4]
        return Fact(
            enhet: row[0], month: try DamagedValue.month(monthText), measure: row[2], category: row[3],
            gender: Gender(rawValue: genderText), observed: row[7], counterparty: row[8], service: row[9],
            value: FixedDecimal(raw: row[5]), n: row[6])
    }

    /// The months that have at least one fact, ascending.
    package func monthsWithFacts() throws(WarehouseError) -> [Month] {
        try read("listing months") { db in
            try String.fetchAll(db, sql: "SELECT DISTINCT month FROM fact ORDER BY month").map(DamagedValue.month)
        }
    }

    private static func fact(_ row: Row) throws(DamagedValue) -> Fact {
        let monthText: String = row["month"]
        let genderText: String = row["gender"]
        return Fact(
            enhet: row["enhetId"], month: try DamagedValue.month(monthText), measure: row["measure"],
            category: row["category"], gender: Gender(rawValue: genderText), observed: row["observed"],
            counterparty: row["counterparty"], service: row["service"], value: FixedDecimal(raw: row["valueE4"]),
            n: row["n"])
    }
}
