import Foundation
import TestSupport
import Testing

@testable import Domain
@testable import Ingest

/// Ledger rows whose unit code is empty, or a known non-unit code the config ignores (issue #20 §5, §6).
@Suite("Ledger unit codes: empty cells and the config's ignore list")
struct LedgerUnitCodeTests {
    /// The demo config, with `ignore` written into its `[ledger]` table.
    static func config(ignore: String? = nil) throws -> Config {
        var text = try String(contentsOfFile: Fixtures.path("demo/kommun.toml"), encoding: .utf8)
        if let ignore {
            text = text.replacingOccurrences(
                of: "[ledger]\nunit_dimension = 1\n", with: "[ledger]\nunit_dimension = 1\nignore_units = \(ignore)\n")
        }
        return try Config.parse(text, file: "kommun.toml", baseDirectory: Fixtures.path("demo"))
    }

    static let csv = """
        Bokföringsdatum;Ansvar;Konto;Verksamhet;Belopp;Text
        2025-03-05;41010;5011;hemtjanst;100,00;Lön
        2025-03-05;;5011;hemtjanst;200,00;Lön utan ansvar
        2025-03-05;49999;4010;hemtjanst;300,00;Nämndens ansvar
        2025-03-05;90500;6110;hemtjanst;400,00;Centralt konto
        2025-03-05;91000;6110;hemtjanst;500,00;Okänt ansvar
        2025-03-05;  ;8410;hemtjanst;600,00;Ränta utan ansvar

        """

    static func read(_ config: Config, _ text: String = csv, name: String = "huvudbok.csv") throws -> ReadResult {
        let path = try Fixtures.temporaryFile(name, text)
        let source = try #require(config.sources.first { $0.id == "ekonomi" })
        return try SourceReader(config: config).read(path: path, displayPath: name, source: source)
    }

    @Test("An empty unit cell is a rejected row with file, line and column; its amount is reconciled as rejected")
    func emptyUnitCell() throws {
        let result = try Self.read(try Self.config())
        #expect(
            result.rejects.map(\.description) == [
                "huvudbok.csv:3:2: error: [missing-unit] column 'Ansvar': expected a unit code, found an empty cell"
            ])
        #expect(result.unmapped.map(\.code) == ["49999", "90500", "91000"])
        #expect(result.controlTotals["amount.rejected"] == FixedDecimal(200))
        // The empty cell on an account outside the mapping (class 8) is excluded, as any such row.
        #expect(result.controlTotals["amount.excluded"] == FixedDecimal(600))
    }

    @Test("A SIE #TRANS without an object in the unit dimension is rejected with its line")
    func sieWithoutUnitObject() throws {
        let config = try Self.config()
        let source = SourceDefinition(
            id: "sie", kind: .ledgerSIE, inbox: "/dev/null", encoding: nil, delimiter: nil, columns: [:],
            unitKey: .ledger, layout: .long, measureColumns: [:])
        let result = try SourceReader(config: config).read(
            path: Fixtures.path("ledger-sie/kommun-2025-03.se"), displayPath: "kommun-2025-03.se", source: source)
        #expect(result.unmapped.map(\.code) == ["49999"])
        let rejects = result.rejects.map(\.description)
        #expect(rejects.count == 1)
        #expect(rejects.first?.hasPrefix("kommun-2025-03.se:") == true)
        #expect(
            rejects.first?.hasSuffix(
                ": error: [missing-unit] #TRANS has no object in dimension 1 (the unit): expected a unit's object")
                == true)
    }

    @Test("Codes and ranges the config ignores are reconciled as ignored, not unmapped")
    func ignored() throws {
        let result = try Self.read(try Self.config(ignore: #"["49999", "90000-90999"]"#))
        #expect(result.unmapped.map(\.code) == ["91000"])
        let totals = result.controlTotals
        #expect(totals["amount.ignored"] == FixedDecimal(700))
        #expect(totals["rows.ignored"] == FixedDecimal(2))
        #expect(totals["amount.unmapped"] == FixedDecimal(500))
        let parts = ["amount.facts", "amount.excluded", "amount.unmapped", "amount.ignored", "amount.rejected"]
        #expect(parts.compactMap { totals[$0] }.reduce(.zero, +) == totals["amount.read"])
        // Without an ignored row the file has no such totals.
        let plain = try Self.read(
            try Self.config(ignore: #"["49999"]"#), Self.csv.replacingOccurrences(of: "49999", with: "41010"))
        #expect(plain.controlTotals["amount.ignored"] == nil)
    }

    @Test(
        "The ignore list's entries are checked",
        arguments: [
            (
                #"["9000-8999"]"#,
                "expected a code or a range FROM-TO of digits with FROM not above TO, found '9000-8999'"
            ),
            (#"["90-9000"]"#, "expected a code or a range FROM-TO of digits as long as each other, found '90-9000'"),
            (#"[""]"#, "expected a code or a range FROM-TO of digits, found ''"),
        ])
    func badEntries(_ list: String, _ message: String) throws {
        #expect {
            try Self.config(ignore: list)
        } throws: { error in
            (error as? ConfigError)?.description
                == "kommun.toml: error: [config-value] key 'ledger.ignore_units': \(message)"
        }
    }

    @Test("A code of a register unit is not ignored: the register wins, and the config says so")
    func registerWins() throws {
        #expect {
            try Self.config(ignore: #"["41010"]"#)
        } throws: { error in
            (error as? ConfigError)?.description
                == "kommun.toml: error: [config-value] key 'ledger.ignore_units': '41010' is the ledger code of unit 'HT01' in the register; a unit's code cannot be ignored"
        }
    }
}
