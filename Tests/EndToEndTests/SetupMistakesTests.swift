import Foundation
import Testing

/// What a municipality hits when it sets up its own config (issue #20): each case runs the built binary on
/// a copy of the demo municipality with one thing changed.
@Suite("Setting up a municipality: mistakes that must be seen")
struct SetupMistakesTests {
    /// A copy of the demo (`DocumentedCommandsTests.demoCopy()`) whose config text is changed by `edit`.
    static func demo(_ edit: (String) -> String = { $0 }) throws -> String {
        let directory = try DocumentedCommandsTests.demoCopy()
        let path = directory + "/kommun.toml"
        try edit(try String(contentsOfFile: path, encoding: .utf8)).write(
            toFile: path, atomically: true, encoding: .utf8)
        return directory
    }

    static func lines(_ text: String) -> [String] { text.components(separatedBy: "\n").filter { !$0.isEmpty } }

    @Test("A missing templates folder: check exits 2 naming the key; run and report refuse before the warehouse")
    func missingTemplates() throws {
        let directory = try Self.demo {
            $0.replacingOccurrences(of: "templates = \"\(Executable.root)/templates\"", with: "templates = \"mallar\"")
        }
        let message =
            "kommun.toml: error: [config-value] key 'paths.templates': expected a folder with the report templates, found no folder 'mallar'"
        let check = try Executable.run(["check", "--config", "kommun.toml"], in: directory)
        #expect(check.status == 2)
        #expect(!check.stdout.contains("config ok"))
        #expect(Self.lines(check.stderr) == [message])
        for command in [["run"], ["run", "--dry-run"], ["report", "annual", "--year", "2025"]] {
            let output = try Executable.run(command + ["--config", "kommun.toml"], in: directory)
            #expect(output.status == 2, "\(command)")
            #expect(Self.lines(output.stderr) == [message], "\(command)")
        }
        #expect(!FileManager.default.fileExists(atPath: directory + "/out"))
    }

    @Test("A templates folder without one of the templates names the template; a syntax error its line")
    func incompleteTemplates() throws {
        let directory = try Self.demo {
            $0.replacingOccurrences(of: "templates = \"\(Executable.root)/templates\"", with: "templates = \"mallar\"")
        }
        try FileManager.default.copyItem(atPath: Executable.root + "/templates", toPath: directory + "/mallar")
        try FileManager.default.removeItem(atPath: directory + "/mallar/index.mustache")
        let check = try Executable.run(["check", "--config", "kommun.toml"], in: directory)
        #expect(check.status == 2)
        #expect(
            Self.lines(check.stderr) == [
                "kommun.toml: error: [config-value] key 'paths.templates': expected the template 'index.mustache' in 'mallar', not found"
            ])
        try "{{#open}}\n".write(toFile: directory + "/mallar/index.mustache", atomically: true, encoding: .utf8)
        let syntax = try Executable.run(["run", "--config", "kommun.toml"], in: directory)
        #expect(syntax.status == 2)
        #expect(syntax.stderr.hasPrefix("mallar/index.mustache:"))
        #expect(syntax.stderr.contains(": error: [template-syntax] "))
        #expect(!FileManager.default.fileExists(atPath: directory + "/out"))
    }

    @Test("An inbox that matches no file is a warning in check, in the run log and on the data-quality page")
    func emptyInbox() throws {
        let directory = try Self.demo()
        try FileManager.default.removeItem(atPath: directory + "/inbox/enkater")
        let warning =
            "inbox/enkater/*.csv: warning: [empty-inbox] source 'enkater': no file matches the inbox glob; has the export stopped arriving?"
        let check = try Executable.run(["check", "--config", "kommun.toml"], in: directory)
        #expect(check.status == 1)
        #expect(Self.lines(check.stderr).filter { $0.contains("[empty-inbox]") } == [warning])
        // A check of given files says nothing of the inboxes.
        let given = try Executable.run(
            ["check", "--config", "kommun.toml", "inbox/ekonomi/huvudbok-2025-03.csv"], in: directory)
        #expect(given.status == 0 && !given.stderr.contains("[empty-inbox]"))

        let run = try Executable.run(["run", "--config", "kommun.toml"], in: directory)
        #expect(Self.lines(run.stderr).filter { $0.contains("[empty-inbox]") } == [warning])
        let log = try String(contentsOfFile: directory + "/out/uppfoljning.log", encoding: .utf8)
        #expect(log.contains("notice \(warning)"))
        let page = try String(contentsOfFile: directory + "/out/datakvalitet/datakvalitet.html", encoding: .utf8)
        #expect(
            page.contains(
                "<p class=\"warning\"><strong>Källan enkater har ingen fil i inkorgen</strong> (inbox/enkater/*.csv): har exporten slutat komma?</p>"
            ))
        #expect(page.contains("<p class=\"warning\">Inkorgen är tom: ingen fil matchar inbox/enkater/*.csv.</p>"))
    }

    @Test("Known non-unit ledger codes in [ledger] ignore_units: reconciled, excluded by config, no exit 1")
    func ignoredLedgerCodes() throws {
        // The demo's November ledger with its one malformed amount corrected: what remains is code 49999.
        func demo(ignoring: Bool) throws -> String {
            let directory = try Self.demo {
                ignoring
                    ? $0.replacingOccurrences(
                        of: "[ledger]\nunit_dimension = 1\n",
                        with: "[ledger]\nunit_dimension = 1\nignore_units = [\"49000-49999\"]\n") : $0
            }
            let file = directory + "/inbox/ekonomi/huvudbok-2025-11.csv"
            let text = try String(contentsOfFile: file, encoding: .utf8)
            try text.replacingOccurrences(of: ";12,34,5;", with: ";12,34;").write(
                toFile: file, atomically: true, encoding: .utf8)
            return directory
        }
        let ingest = ["ingest", "--config", "kommun.toml", "inbox/ekonomi/huvudbok-2025-11.csv"]
        let unmapped = try Executable.run(ingest, in: try demo(ignoring: false))
        #expect(unmapped.status == 1)
        #expect(unmapped.stderr.contains("[unmapped-unit] unit code '49999'"))

        let directory = try demo(ignoring: true)
        let ignored = try Executable.run(ingest, in: directory)
        #expect(ignored.status == 0, "\(ignored.stderr)")
        #expect(ignored.stderr.isEmpty)
        #expect(ignored.stdout.contains(", 0 rejected, 1 rows on unit codes the config ignores"))
        let run = try Executable.run(["run", "--config", "kommun.toml"], in: directory)
        #expect(!run.stderr.contains("49999"))
        #expect(!run.stdout.contains("ledger rows on unit codes not in the register"))
        let page = try String(contentsOfFile: directory + "/out/datakvalitet/datakvalitet.html", encoding: .utf8)
        #expect(
            page.contains(
                "inbox/ekonomi/huvudbok-2025-11.csv: 1 rad, 12\u{A0}500,00\u{A0}kr, på koder som konfigurationen undantar (<code>[ledger] ignore_units</code>): undantagna enligt konfigurationen och avstämda, inte ej fördelade."
            ))
        #expect(!page.contains("finns inte i enhetsregistret"))
        #expect(page.contains("data-key=\"amount.ignored\">Undantaget enligt konfigurationen: 12\u{A0}500,00\u{A0}kr<"))
        #expect(!page.contains("Stämmer inte"))
    }

    @Test("A code on record as unmapped that the config now ignores is shown as excluded by config")
    func ignoredAfterLoading() throws {
        let directory = try Self.demo()
        _ = try Executable.run(["ingest", "--config", "kommun.toml"], in: directory)
        let config = directory + "/kommun.toml"
        let text = try String(contentsOfFile: config, encoding: .utf8)
        try text.replacingOccurrences(
            of: "[ledger]\nunit_dimension = 1\n", with: "[ledger]\nunit_dimension = 1\nignore_units = [\"49999\"]\n"
        ).write(toFile: config, atomically: true, encoding: .utf8)
        _ = try Executable.run(["run", "--config", "kommun.toml"], in: directory)
        let page = try String(contentsOfFile: directory + "/out/datakvalitet/datakvalitet.html", encoding: .utf8)
        #expect(
            page.contains(
                "koden <strong>49999</strong> undantas enligt konfigurationen (<code>[ledger] ignore_units</code>): 1 rad, 12\u{A0}500,00\u{A0}kr."
            ))
        #expect(!page.contains("finns inte i enhetsregistret"))
    }
}
