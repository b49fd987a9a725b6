import GRDB

/// The warehouse schema as named migrations. A shipped migration is never edited; changes get a new one.
///
/// Plain SQL on purpose: the tables are the interface a municipality's own data warehouse reads.
/// Money and other values are exact integers of ten-thousandths (`valueE4`); the `factValue` view shows
/// them as decimals.
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-files-facts-rejects") { db in
            try db.execute(
                sql: """
                    CREATE TABLE sourceFile (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        path TEXT NOT NULL,
                        sha256 TEXT NOT NULL UNIQUE,
                        sourceId TEXT NOT NULL,
                        kind TEXT NOT NULL,
                        encoding TEXT NOT NULL,
                        months TEXT NOT NULL,
                        firstMonth TEXT,
                        lastMonth TEXT,
                        rowsRead INTEGER NOT NULL,
                        rowsAccepted INTEGER NOT NULL,
                        rowsRejected INTEGER NOT NULL,
                        controlTotals TEXT NOT NULL,
                        loadedAt TEXT NOT NULL,
                        supersededBy INTEGER REFERENCES sourceFile(id)
                    );
                    CREATE INDEX sourceFile_source ON sourceFile(sourceId);
                    CREATE TABLE fact (
                        id INTEGER PRIMARY KEY,
                        sourceFileId INTEGER NOT NULL REFERENCES sourceFile(id) ON DELETE CASCADE,
                        enhetId TEXT NOT NULL,
                        month TEXT NOT NULL,
                        measure TEXT NOT NULL,
                        category TEXT NOT NULL DEFAULT '',
                        gender TEXT NOT NULL DEFAULT '' CHECK (gender IN ('', 'K', 'M')),
                        valueE4 INTEGER NOT NULL,
                        n INTEGER,
                        UNIQUE (sourceFileId, enhetId, month, measure, category, gender)
                    );
                    CREATE INDEX fact_month ON fact(month, measure);
                    CREATE INDEX fact_enhet ON fact(enhetId, month);
                    CREATE TABLE rejectedRow (
                        id INTEGER PRIMARY KEY,
                        sourceFileId INTEGER NOT NULL REFERENCES sourceFile(id) ON DELETE CASCADE,
                        line INTEGER,
                        "column" INTEGER,
                        rule TEXT NOT NULL,
                        message TEXT NOT NULL
                    );
                    CREATE INDEX rejectedRow_file ON rejectedRow(sourceFileId);
                    CREATE VIEW factValue AS
                        SELECT f.enhetId, f.month, f.measure, f.category, f.gender,
                               f.valueE4 / 10000.0 AS value, f.n, s.path AS sourcePath, s.sourceId
                        FROM fact f JOIN sourceFile s ON s.id = f.sourceFileId;
                    """)
        }
        migrator.registerMigration("v2-unmapped-amounts") { db in
            try db.execute(
                sql: """
                    CREATE TABLE unmappedAmount (
                        id INTEGER PRIMARY KEY,
                        sourceFileId INTEGER NOT NULL REFERENCES sourceFile(id) ON DELETE CASCADE,
                        code TEXT NOT NULL,
                        month TEXT NOT NULL,
                        measure TEXT NOT NULL,
                        amountE4 INTEGER NOT NULL,
                        "rows" INTEGER NOT NULL
                    );
                    CREATE INDEX unmappedAmount_file ON unmappedAmount(sourceFileId);
                    """)
        }
        migrator.registerMigration("v3-self-reported") { db in
            try db.execute(
                sql: """
                    ALTER TABLE sourceFile ADD COLUMN selfReported INTEGER NOT NULL DEFAULT 0;
                    DROP VIEW factValue;
                    CREATE VIEW factValue AS
                        SELECT f.enhetId, f.month, f.measure, f.category, f.gender,
                               f.valueE4 / 10000.0 AS value, f.n, s.path AS sourcePath, s.sourceId,
                               s.selfReported
                        FROM fact f JOIN sourceFile s ON s.id = f.sourceFileId;
                    """)
        }
        migrator.registerMigration("v4-rendered-reports") { db in
            try db.execute(
                sql: """
                    CREATE TABLE renderedReport (
                        request TEXT PRIMARY KEY,
                        fingerprint TEXT NOT NULL,
                        files TEXT NOT NULL,
                        renderedAt TEXT NOT NULL
                    );
                    """)
        }
        migrator.registerMigration("v5-file-identity") { db in
            try db.execute(
                sql: """
                    CREATE TABLE fileIdentity (
                        path TEXT PRIMARY KEY,
                        identity TEXT NOT NULL,
                        sha256 TEXT NOT NULL
                    );
                    """)
        }
        // Storing facts is the serial part of a nightly ingest, so each fact's cost counts: `CHECK (gender IN
        // (...))` cost SQLite about 2 µs per inserted fact, a third of storing a month of payroll, and the same
        // rule written with `OR` costs nothing measurable; the index on (enhetId, month) served only the
        // analyst's `facts --enhet` listing (replacing a unit's months uses the unique key), at a fifth of
        // the insert time; every query by month reads whole months, so its index needs no measure. SQLite
        // cannot alter a constraint, so the table is rebuilt with its view.
        migrator.registerMigration("v6-lighter-fact-table") { db in
            try db.execute(
                sql: """
                    CREATE TABLE fact_v6 (
                        id INTEGER PRIMARY KEY,
                        sourceFileId INTEGER NOT NULL REFERENCES sourceFile(id) ON DELETE CASCADE,
                        enhetId TEXT NOT NULL,
                        month TEXT NOT NULL,
                        measure TEXT NOT NULL,
                        category TEXT NOT NULL DEFAULT '',
                        gender TEXT NOT NULL DEFAULT '' CHECK (gender = '' OR gender = 'K' OR gender = 'M'),
                        valueE4 INTEGER NOT NULL,
                        n INTEGER,
                        UNIQUE (sourceFileId, enhetId, month, measure, category, gender)
                    );
                    INSERT INTO fact_v6 (id, sourceFileId, enhetId, month, measure, category, gender, valueE4, n)
                        SELECT id, sourceFileId, enhetId, month, measure, category, gender, valueE4, n FROM fact;
                    DROP VIEW factValue;
                    DROP TABLE fact;
                    ALTER TABLE fact_v6 RENAME TO fact;
                    CREATE INDEX fact_month ON fact(month);
                    CREATE VIEW factValue AS
                        SELECT f.enhetId, f.month, f.measure, f.category, f.gender,
                               f.valueE4 / 10000.0 AS value, f.n, s.path AS sourcePath, s.sourceId,
                               s.selfReported
                        FROM fact f JOIN sourceFile s ON s.id = f.sourceFileId;
                    """)
        }
        // A hostile file can hold millions of bad rows: only the first few per file and rule are kept in
        // `rejectedRow` (`[limits] rejected_rows_kept`), and the exact number per file and rule is here, which
        // the data-quality page reads instead of counting rows. Files loaded before kept every row, so
        // their counts are the rows on record.
        migrator.registerMigration("v7-rejected-row-counts") { db in
            try db.execute(
                sql: """
                    CREATE TABLE rejectedRowCount (
                        sourceFileId INTEGER NOT NULL REFERENCES sourceFile(id) ON DELETE CASCADE,
                        rule TEXT NOT NULL,
                        "rows" INTEGER NOT NULL,
                        PRIMARY KEY (sourceFileId, rule)
                    );
                    INSERT INTO rejectedRowCount (sourceFileId, rule, "rows")
                        SELECT sourceFileId, rule, COUNT(*) FROM rejectedRow GROUP BY sourceFileId, rule;
                    """)
        }
        // The grain of a fact, decided before the service organisation's readers exist (#21): a distribution
        // fact (handling days) counts cases per observed value, and until v8 kept that value in `category`,
        // where a complaint type (or a ticket's priority) belongs; an internal invoice has a buyer and a
        // service besides its seller (the unit). The observed value, the counterparty (the buying förvaltning
        // or unit) and the service (a servicekatalog id) get columns of their own in the unique key, empty
        // where they do not apply, and the complaints register's stored distributions move into `observed`.
        // Their type is not known for files loaded before v8 (category stays empty), so a type-restricted
        // handling time shows `-` for those months until the register is exported again (a newer export
        // replaces the older one for the months it covers).
        migrator.registerMigration("v8-observed-value") { db in
            try db.execute(
                sql: """
                    CREATE TABLE fact_v8 (
                        id INTEGER PRIMARY KEY,
                        sourceFileId INTEGER NOT NULL REFERENCES sourceFile(id) ON DELETE CASCADE,
                        enhetId TEXT NOT NULL,
                        month TEXT NOT NULL,
                        measure TEXT NOT NULL,
                        category TEXT NOT NULL DEFAULT '',
                        gender TEXT NOT NULL DEFAULT '' CHECK (gender = '' OR gender = 'K' OR gender = 'M'),
                        valueE4 INTEGER NOT NULL,
                        n INTEGER,
                        observed TEXT NOT NULL DEFAULT '',
                        counterparty TEXT NOT NULL DEFAULT '',
                        service TEXT NOT NULL DEFAULT '',
                        UNIQUE (sourceFileId, enhetId, month, measure, category, gender, observed, counterparty, service)
                    );
                    INSERT INTO fact_v8 (id, sourceFileId, enhetId, month, measure, category, gender, valueE4, n, observed)
                        SELECT id, sourceFileId, enhetId, month, measure,
                               CASE WHEN measure LIKE '%\\_handlaggningsdagar' ESCAPE '\\' THEN '' ELSE category END,
                               gender, valueE4, n,
                               CASE WHEN measure LIKE '%\\_handlaggningsdagar' ESCAPE '\\' THEN category ELSE '' END
                        FROM fact;
                    DROP VIEW factValue;
                    DROP TABLE fact;
                    ALTER TABLE fact_v8 RENAME TO fact;
                    CREATE INDEX fact_month ON fact(month);
                    CREATE VIEW factValue AS
                        SELECT f.enhetId, f.month, f.measure, f.category, f.observed, f.counterparty, f.service, f.gender,
                               f.valueE4 / 10000.0 AS value, f.n, s.path AS sourcePath, s.sourceId,
                               s.selfReported
                        FROM fact f JOIN sourceFile s ON s.id = f.sourceFileId;
                    """)
        }
        // A file's identity was stored as its numbers with the digits spelled as letters, so that the
        // personal-data scan would not take them for personnummer; it is stored as a digest of the numbers
        // instead (`FileIdentity`), and every remembered identity is carried over.
        migrator.registerMigration("v9-file-identity-digest") { db in
            let rows = try Row.fetchAll(db, sql: "SELECT path, identity, sha256 FROM fileIdentity")
            try db.execute(
                sql: """
                    DROP TABLE fileIdentity;
                    CREATE TABLE fileIdentity (
                        path TEXT PRIMARY KEY,
                        identity BLOB NOT NULL,
                        sha256 TEXT NOT NULL
                    );
                    """)
            for row in rows {
                let spelled: String = row["identity"]
                try db.execute(
                    sql: "INSERT INTO fileIdentity (path, identity, sha256) VALUES (?, ?, ?)",
                    arguments: [row["path"], FileIdentity.key(spelled: spelled), row["sha256"]])
            }
        }
        // Each rendered file becomes a `publication` row with real columns (kind, period, nämnd, format, media
        // type, title, size, checksum), instead of a tab- and newline-joined line in `renderedReport.files` that
        // readers parsed by position and file name. The old lines are parsed here once; their size and checksum
        // are unknown (NULL).
        migrator.registerMigration("v10-publications") { db in
            let old = try Row.fetchAll(db, sql: "SELECT request, files, renderedAt FROM renderedReport")
            try db.execute(
                sql: """
                    CREATE TABLE renderedReport_v9 (
                        request TEXT PRIMARY KEY,
                        fingerprint TEXT NOT NULL,
                        renderedAt TEXT NOT NULL
                    );
                    INSERT INTO renderedReport_v9 (request, fingerprint, renderedAt)
                        SELECT request, fingerprint, renderedAt FROM renderedReport;
                    DROP TABLE renderedReport;
                    ALTER TABLE renderedReport_v9 RENAME TO renderedReport;
                    CREATE TABLE publication (
                        id INTEGER PRIMARY KEY,
                        request TEXT NOT NULL REFERENCES renderedReport(request) ON DELETE CASCADE,
                        kind TEXT NOT NULL,
                        period TEXT,
                        namnd TEXT,
                        format TEXT NOT NULL,
                        mediaType TEXT NOT NULL,
                        fileName TEXT NOT NULL,
                        folder TEXT NOT NULL,
                        title TEXT NOT NULL,
                        section TEXT,
                        bytes INTEGER,
                        sha256 TEXT,
                        renderedAt TEXT NOT NULL,
                        UNIQUE (folder, fileName)
                    );
                    CREATE INDEX publication_request ON publication(request);
                    """)
            for row in old {
                let request: String = row["request"]
                let files: String = row["files"]
                for line in files.split(separator: "\n") {
                    try LegacyFileLine(request: request, line: String(line), renderedAt: row["renderedAt"])
                        .publication.insert(db, onConflict: .ignore)
                }
            }
        }
        return migrator
    }
}
