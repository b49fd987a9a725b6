import Foundation
import GRDB
import Testing

@testable import Domain
@testable import Warehouse

@Suite("Warehouse")
struct WarehouseTests {
    static let source = SourceDefinition(
        id: "ekonomi", kind: .ledgerCSV, inbox: "/inbox/*.csv", encoding: nil, delimiter: nil, columns: [:],
        unitKey: .ledger, layout: .long, measureColumns: [:])

    func result(_ facts: [(String, String, String, Int64)], rejects: [Finding] = []) -> ReadResult {
        var result = ReadResult()
        result.facts = facts.map {
            Fact(enhet: $0.0, month: Month($0.1) ?? Month(ordinal: 0), measure: $0.2, value: FixedDecimal(ore: $0.3))
        }
        result.months = Set(result.facts.map(\.month)).sorted()
        result.rowsRead = facts.count + rejects.count
        for reject in rejects { result.rejects.append(reject) }
        result.controlTotals = ["amount.read": FixedDecimal(ore: facts.reduce(0) { $0 + $1.3 })]
        return result
    }

    @Test("A stored file is found by its hash, with its counts and control totals")
    func storeAndFind() throws {
        let warehouse = try Warehouse()
        let reject = Finding(SourceLocation(file: "a.csv", line: 7, column: 2), rule: "unknown-unit", message: "x")
        _ = try warehouse.store(
            path: "a.csv", sha256: "aa", source: Self.source,
            result: result([("HT01", "2025-01", "personalkostnader", 12_345)], rejects: [reject]), loadedAt: "t")
        let file = try #require(try warehouse.loadedFile(sha256: "aa"))
        #expect(file.path == "a.csv")
        #expect(file.rowsRead == 2)
        #expect(file.rowsRejected == 1)
        #expect(file.months.map(\.description) == ["2025-01"])
        #expect(file.controlTotals == ["amount.read": "123.45"])
        #expect(try warehouse.loadedFile(sha256: "bb") == nil)
        let rejected = try warehouse.rejectedRows(fileID: file.id)
        #expect(rejected.count == 1)
        #expect(rejected.first?.line == 7)
        #expect(rejected.first?.rule == "unknown-unit")
    }

    @Test("A store with its hash pending commits under the hash, or rolls back whole for a hash on record or none")
    func pendingHash() throws {
        let warehouse = try Warehouse()
        _ = try warehouse.store(
            path: "a.csv", sha256: "aa", source: Self.source, result: result([("HT01", "2025-01", "m", 1)]),
            loadedAt: "t")
        // A newer export of January and a February: stored under the hash the closure gives at the end.
        var asked = 0
        let stored = try warehouse.store(
            path: "b.csv",
            pendingHash: {
                asked += 1; return "bb"
            }, source: Self.source,
            result: result([("HT01", "2025-01", "m", 2), ("HT01", "2025-02", "m", 3)]), loadedAt: "t")
        #expect(asked == 1)
        #expect(stored?.sha256 == "bb")
        #expect(stored?.outcome.replacedFacts == 1)
        #expect(try warehouse.loadedFile(sha256: "bb")?.path == "b.csv")
        // The same content again, and a hash that failed: nothing of either is kept, not even a placeholder,
        // and the January that b.csv replaced stays replaced.
        for hash in ["bb", "aa", nil] {
            let again = try warehouse.store(
                path: "c.csv", pendingHash: { hash }, source: Self.source,
                result: result([("HT01", "2025-01", "m", 4), ("HT01", "2025-03", "m", 5)]), loadedAt: "t")
            #expect(again == nil)
        }
        #expect(try warehouse.loadedFiles().map(\.path) == ["a.csv", "b.csv"])
        #expect(try warehouse.loadedFiles().map(\.sha256) == ["aa", "bb"])
        #expect(try warehouse.counts().facts == 2)
    }

    @Test("The same hash twice violates the unique key and stores nothing more")
    func duplicateHash() throws {
        let warehouse = try Warehouse()
        _ = try warehouse.store(
            path: "a.csv", sha256: "aa", source: Self.source, result: result([("HT01", "2025-01", "m", 1)]),
            loadedAt: "t")
        #expect(throws: WarehouseError.self) {
            _ = try warehouse.store(
                path: "b.csv", sha256: "aa", source: Self.source, result: result([("HT01", "2025-02", "m", 1)]),
                loadedAt: "t")
        }
        let counts = try warehouse.counts()
        #expect(counts.files == 1)
        #expect(counts.facts == 1)
    }

    @Test("A newer export of the same months replaces the older facts; both files stay on record")
    func supersede() throws {
        let warehouse = try Warehouse()
        _ = try warehouse.store(
            path: "jan-feb.csv", sha256: "1", source: Self.source,
            result: result([("HT01", "2025-01", "m", 100), ("HT01", "2025-02", "m", 200)]), loadedAt: "t1")
        let partial = try warehouse.store(
            path: "feb-v2.csv", sha256: "2", source: Self.source, result: result([("HT01", "2025-02", "m", 250)]),
            loadedAt: "t2")
        #expect(partial.replacedFacts == 1)
        #expect(partial.supersededFiles.isEmpty)
        let full = try warehouse.store(
            path: "jan-feb-v3.csv", sha256: "3", source: Self.source,
            result: result([("HT01", "2025-01", "m", 110), ("HT01", "2025-02", "m", 260)]), loadedAt: "t3")
        #expect(full.supersededFiles == ["jan-feb.csv", "feb-v2.csv"])
        let facts = try warehouse.storedFacts()
        #expect(
            facts.map { "\($0.fact.month) \($0.fact.value.ore) \($0.sourcePath)" } == [
                "2025-01 110 jan-feb-v3.csv", "2025-02 260 jan-feb-v3.csv",
            ])
        #expect(try warehouse.loadedFiles().count == 3)
    }

    @Test("A per-provider source replaces only its own units' months; the file is marked self-reported")
    func unitMonths() throws {
        let warehouse = try Warehouse()
        var source = Self.source
        source.snapshot = .unitMonths
        source.selfReported = true
        _ = try warehouse.store(
            path: "a.csv", sha256: "1", source: source, result: result([("HT11", "2025-01", "m", 100)]), loadedAt: "t")
        let other = try warehouse.store(
            path: "b.csv", sha256: "2", source: source, result: result([("HT12", "2025-01", "m", 7)]), loadedAt: "t")
        #expect(other.replacedFacts == 0)
        let again = try warehouse.store(
            path: "a2.csv", sha256: "3", source: source, result: result([("HT11", "2025-01", "m", 90)]), loadedAt: "t")
        #expect(again.replacedFacts == 1)
        #expect(again.supersededFiles == ["a.csv"])
        #expect(try warehouse.storedFacts().map { "\($0.fact.enhet) \($0.fact.value.ore)" } == ["HT11 90", "HT12 7"])
        #expect(try warehouse.loadedFiles().allSatisfy(\.selfReported))
    }

    @Test("Another source's facts for the same months are left alone and summed in monthly facts")
    func otherSource() throws {
        let warehouse = try Warehouse()
        let other = SourceDefinition(
            id: "ekonomi2", kind: .ledgerCSV, inbox: "/x/*.csv", encoding: nil, delimiter: nil, columns: [:],
            unitKey: .ledger, layout: .long, measureColumns: [:])
        _ = try warehouse.store(
            path: "a.csv", sha256: "1", source: Self.source, result: result([("HT01", "2025-01", "m", 100)]),
            loadedAt: "t")
        _ = try warehouse.store(
            path: "b.csv", sha256: "2", source: other, result: result([("HT01", "2025-01", "m", 5)]), loadedAt: "t")
        let monthly = try warehouse.monthlyFacts(from: Month("2025-01")!, through: Month("2025-12")!)
        #expect(monthly.map(\.value) == [FixedDecimal(ore: 105)])
    }

    @Test("The file on disk is WAL mode with foreign keys, and survives reopening")
    func fileOnDisk() throws {
        let directory = NSTemporaryDirectory() + "wh-" + UUID().uuidString
        let path = directory + "/warehouse.sqlite"
        do {
            let warehouse = try Warehouse(path: path)
            _ = try warehouse.store(
                path: "a.csv", sha256: "1", source: Self.source, result: result([("HT01", "2025-01", "m", 1)]),
                loadedAt: "t")
        }
        let reopened = try Warehouse(path: path)
        #expect(try reopened.counts().facts == 1)
        #expect(FileManager.default.fileExists(atPath: path + "-wal"))
    }

    /// A new warehouse file migrated up to `migration`, holding what `sql` inserts.
    static func warehouse(migratedUpTo migration: String, _ sql: String) throws -> String {
        let path = NSTemporaryDirectory() + "wh-" + UUID().uuidString + ".sqlite"
        let queue = try DatabaseQueue(path: path)
        try Schema.migrator.migrate(queue, upTo: migration)
        try queue.write { try $0.execute(sql: sql) }
        return path
    }

    @Test("A warehouse of schema v5 migrates to v6 with every fact kept and the gender rule still enforced")
    func migrationV6() throws {
        let path = try Self.warehouse(
            migratedUpTo: "v5-file-identity",
            """
                INSERT INTO sourceFile (id, path, sha256, sourceId, kind, encoding, months, rowsRead,
                    rowsAccepted, rowsRejected, controlTotals, loadedAt)
                VALUES (1, 'a.csv', 'x', 'hr', 'paxml', 'utf-8', '2025-01', 2, 2, 0, '{}', 't');
                INSERT INTO fact (sourceFileId, enhetId, month, measure, category, gender, valueE4)
                VALUES (1, 'HT01', '2025-01', 'sjuktimmar', 'usk', 'K', 80000),
                       (1, 'HT01', '2025-01', 'sjuktimmar', 'usk', '', 120000);
            """)
        let warehouse = try Warehouse(path: path)
        let facts = try warehouse.storedFacts(year: 2025, enhet: "HT01").map(\.fact)
        #expect(facts.map(\.value) == [FixedDecimal(12), FixedDecimal(8)])
        #expect(facts.map(\.gender) == [nil, .kvinnor])
        let queue = try DatabaseQueue(path: path)
        let sql = try queue.read { try String.fetchOne($0, sql: "SELECT sql FROM sqlite_master WHERE name = 'fact'") }
        #expect(sql?.contains("gender = '' OR gender = 'K' OR gender = 'M'") == true)
        #expect(throws: DatabaseError.self) {
            try queue.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO fact (sourceFileId, enhetId, month, measure, gender, valueE4)
                        VALUES (1, 'HT01', '2025-02', 'sjuktimmar', 'X', 1)
                        """)
            }
        }
    }

    @Test("A warehouse of schema v7 migrates to v8: handling days move from the category to the observed value")
    func migrationV8() throws {
        let path = try Self.warehouse(
            migratedUpTo: "v7-rejected-row-counts",
            """
                INSERT INTO sourceFile (id, path, sha256, sourceId, kind, encoding, months, rowsRead,
                    rowsAccepted, rowsRejected, controlTotals, loadedAt)
                VALUES (1, 'k.csv', 'x', 'klagomal', 'complaints-csv', 'utf-8', '2025-01', 3, 3, 0, '{}', 't');
                INSERT INTO fact (sourceFileId, enhetId, month, measure, category, gender, valueE4)
                VALUES (1, 'HT01', '2025-01', 'klagomal_handlaggningsdagar', '12', '', 20000),
                       (1, 'HT01', '2025-01', 'klagomal_antal', 'klagomal', '', 30000),
                       (1, 'HT01', '2025-01', 'klagomalxhandlaggningsdagar', '7', '', 10000);
            """)
        let warehouse = try Warehouse(path: path)
        let facts = try warehouse.storedFacts(year: 2025, enhet: "HT01").map(\.fact)
        #expect(
            facts.map { "\($0.measure) [\($0.category)] (\($0.observed)) \($0.value)" } == [
                "klagomal_antal [klagomal] () 3", "klagomal_handlaggningsdagar [] (12) 2",
                "klagomalxhandlaggningsdagar [7] () 1",
            ])
    }

    @Test("A fact's counterparty and service are stored, told apart in the unique key, and read back")
    func counterpartyAndService() throws {
        let warehouse = try Warehouse()
        let month = Month(year: 2025, month: 3) ?? Month(ordinal: 0)
        var result = ReadResult()
        result.months = [month]
        // One IT unit invoices two förvaltningar for the same service, and one of them for another service.
        result.facts = [
            Fact(
                enhet: "IT", month: month, measure: "intakt", counterparty: "von", service: "it-arbetsplats",
                value: FixedDecimal(1_000)),
            Fact(
                enhet: "IT", month: month, measure: "intakt", counterparty: "bun", service: "it-arbetsplats",
                value: FixedDecimal(2_000)),
            Fact(
                enhet: "IT", month: month, measure: "intakt", counterparty: "bun", service: "it-support",
                value: FixedDecimal(300)),
        ]
        _ = try warehouse.store(path: "fakturor.csv", sha256: "a", source: Self.source, result: result, loadedAt: "t")
        let stored = try warehouse.monthlyFacts(from: month, through: month)
        #expect(
            stored.map { "\($0.counterparty) \($0.service) \($0.value)" } == [
                "bun it-arbetsplats 2000", "bun it-support 300", "von it-arbetsplats 1000",
            ])
    }

    @Test("A stored month that does not read back fails the read with the value, never a fact in month zero")
    func damagedMonth() throws {
        let warehouse = try Warehouse()
        let month = Month(year: 2025, month: 3) ?? Month(ordinal: 0)
        var result = ReadResult()
        result.months = [month]
        result.facts = [Fact(enhet: "HT01", month: month, measure: "besok", value: FixedDecimal(4))]
        _ = try warehouse.store(path: "besok.csv", sha256: "a", source: Self.source, result: result, loadedAt: "t")
        try warehouse.writer.write { try $0.execute(sql: "UPDATE fact SET month = '2025-0x'") }
        for read in [
            { _ = try warehouse.storedFacts() },
            { _ = try warehouse.monthlyFacts(from: month, through: Month(year: 2025, month: 12) ?? month) },
            { _ = try warehouse.monthsWithFacts() },
        ] as [() throws -> Void] {
            #expect {
                try read()
            } throws: { error in
                "\(error)".contains("the stored month '2025-0x' is not a month (YYYY-MM)")
            }
        }
    }

    @Test("A warehouse of schema v8 migrates to v9: every remembered file identity still matches its file")
    func migrationV9() throws {
        // Size, modification time (s, ns), inode and change time (s, ns), as v5 to v8 stored them.
        let identity = [94_512, 1_764_000_000, 123_456_789, 5_242_881, 1_764_000_001, 0]
        let path = try Self.warehouse(
            migratedUpTo: "v8-observed-value",
            """
                INSERT INTO fileIdentity (path, identity, sha256)
                VALUES ('/inbox/a.csv', 'jefbc:bhgeaaaaaa:bcdefghij:fceciib:bhgeaaaaab:a', 'aa11'),
                       ('/inbox/b.csv', 'b:b:b:b:b:b', 'bb22');
            """)
        let warehouse = try Warehouse(path: path)
        #expect(try warehouse.knownHash(path: "/inbox/a.csv", identity: identity) == "aa11")
        #expect(try warehouse.knownHash(path: "/inbox/b.csv", identity: [1, 1, 1, 1, 1, 1]) == "bb22")
        #expect(try warehouse.knownHash(path: "/inbox/b.csv", identity: [1, 1, 1, 1, 1, 2]) == nil)
        // Stored as a 32-byte digest, not as the numbers.
        let queue = try DatabaseQueue(path: path)
        let stored = try queue.read { try Data.fetchAll($0, sql: "SELECT identity FROM fileIdentity") }
        #expect(stored.map(\.count) == [32, 32])
        try warehouse.rememberHash(path: "/inbox/c.csv", identity: identity, sha256: "cc33")
        #expect(try warehouse.knownHash(path: "/inbox/c.csv", identity: identity) == "cc33")
    }
}
