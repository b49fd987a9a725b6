import Foundation
import Testing

@Suite("uppfoljning on the demo municipality", .serialized)
struct DemoRunTests {
    static let config = "fixtures/demo/kommun.toml"

    func arguments(_ command: [String], _ directory: String) -> [String] {
        command + [
            "--config", Self.config, "--warehouse", directory + "/warehouse.sqlite", "--output", directory + "/out",
        ]
    }

    @Test("run: loads everything, reports rejected rows, writes the reports; a second run changes nothing")
    func runTwice() throws {
        let directory = try Executable.temporaryDirectory()
        let first = try Executable.run(arguments(["run"], directory))
        #expect(first.status == 1)
        #expect(
            first.stdout.contains(
                "178 files: 178 loaded, 0 skipped, 0 failed, 7 rows rejected, 1 ledger rows on unit codes not in the register"
            ))
        #expect(first.stdout.contains("reports written to \(directory)/out:"))
        #expect(
            first.stderr.components(separatedBy: "\n").filter { !$0.isEmpty } == [
                "fixtures/demo/inbox/ekonomi/huvudbok-2025-11.csv: warning: [unmapped-unit] unit code '49999' is not in the unit register: 1 rows, 12500.00 kept as unmapped",
                "fixtures/demo/inbox/ekonomi/huvudbok-2025-11.csv:369:5: error: [amount-format] column 'Belopp': expected a decimal number, found '12,34,5'",
                "fixtures/demo/inbox/volymer/volymer-2025-11.csv:40:5: error: [negative-value] column 'Värde': expected zero or more, found '-3'",
                "fixtures/demo/inbox/enkater/brukarundersokning-2025.csv:158:4: error: [gender-format] column 'Kön': expected K, M, T or nothing, found 'X'",
                "fixtures/demo/inbox/enkater/brukarundersokning-2025.csv:159:7: error: [share-format] column 'Andel positiva (%)': expected a percentage from 0 to 100, found '112,0'",
                "fixtures/demo/inbox/klagomal/klagomalsregister-2025-12-31.csv:352:4: error: [unknown-type] column 'Ärendetyp': type code 'XYZ' is not mapped; mapped codes: 'AVV', 'BER', 'KLA', 'LMA', 'LSA', 'SYN'",
                "fixtures/demo/inbox/klagomal/klagomalsregister-2025-12-31.csv:353:5: error: [closed-before-received] column 'Avslutat': closed '2025-05-01' is before received '2025-06-10'",
                "fixtures/demo/inbox/klagomal-bun/synpunkter-bun-2025-12-31.xml:228: error: [date-format] element 'registrerad': expected YYYY-MM-DD or YYYYMMDD, found '2025-09-31'",
            ])
        let names = try FileManager.default.contentsOfDirectory(atPath: directory + "/out").sorted()
        var expected = ["index.html"]
        for year in [2024, 2025] {
            expected += ["arsjamforelse-\(year)-excel.csv", "arsjamforelse-\(year).csv", "arsjamforelse-\(year).html"]
            for tertial in 1...3 { expected += ["bun", "von"].map { "tertialrapport-\(year)-T\(tertial)-\($0).html" } }
            for namnd in ["bun", "von"] {
                expected += [
                    "verksamhetsberattelse-\(year)-\(namnd)-fragment.html",
                    "verksamhetsberattelse-\(year)-\(namnd).csv",
                ]
            }
        }
        #expect(names.filter { !$0.hasPrefix("enhet-") } == expected.sorted())
        // One page per unit open in the year: 20 in 2024 (Blåklockan opens in 2025), 21 in 2025.
        #expect(names.filter { $0.hasPrefix("enhet-2024-") }.count == 20)
        #expect(names.filter { $0.hasPrefix("enhet-2025-") }.count == 21)
        // The operator's data-quality page is outside the published output.
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: directory + "/datakvalitet") == ["datakvalitet.html"])
        let before = try names.map { try Data(contentsOf: URL(fileURLWithPath: directory + "/out/" + $0)) }
        let factsBefore = try Executable.run(arguments(["facts"], directory)).stdout

        let second = try Executable.run(arguments(["run"], directory))
        #expect(second.status == 0)
        #expect(second.stdout.contains("178 files: 0 loaded, 178 skipped, 0 failed"))
        let after = try names.map { try Data(contentsOf: URL(fileURLWithPath: directory + "/out/" + $0)) }
        #expect(before == after, "reports are byte-for-byte reproducible")
        let factsAfter = try Executable.run(arguments(["facts"], directory)).stdout
        #expect(factsAfter == factsBefore, "the second run changes nothing in the warehouse")
        #expect(factsBefore.components(separatedBy: "\r\n").count > 1_000)

        for name in [
            "arsjamforelse-2025.html", "arsjamforelse-2025.csv", "arsjamforelse-2025-excel.csv", "enhet-2025-SB02.html",
            "tertialrapport-2025-T2-von.html", "tertialrapport-2025-T3-bun.html", "verksamhetsberattelse-2025-von.csv",
            "verksamhetsberattelse-2025-von-fragment.html", "index.html",
        ] {
            Golden.check(file: directory + "/out/" + name, named: name)
        }
        Golden.check(file: directory + "/datakvalitet/datakvalitet.html", named: "datakvalitet.html")

        // #19 item 8: HT04 closed on 2025-06-30. In 2025-T3 its tertial cell says no value can exist, and
        // last year's column shows what the 2024-T3 report published (61,0 brukare), not "-".
        let t3 = try String(contentsOfFile: directory + "/out/tertialrapport-2025-T3-von.html", encoding: .utf8)
        let brukare = try #require(t3.range(of: "id=\"hemtjanst-brukare\"")).upperBound
        let rest = t3[brukare...]
        let row = try #require(rest.range(of: "<tr data-enhet=\"HT04\">")).lowerBound
        let end = try #require(rest[row...].range(of: "</tr>")).upperBound
        #expect(
            rest[row..<end].contains(
                "<td class=\"num\" data-col=\"tertial\">.</td><td class=\"num\">61,0\u{A0}st</td>"),
            "\(rest[row..<end])")

        // #20 item 17: a nämnd's methodology defines its own indicators only, each with the områden it applies
        // to; #19: every methodology says how values are rounded and compared.
        let t3bun = try String(contentsOfFile: directory + "/out/tertialrapport-2025-T3-bun.html", encoding: .utf8)
        #expect(!t3bun.contains("<dt>Kostnad per vårddygn") && !t3bun.contains("<dt>Klagomål per 100 brukare"))
        #expect(t3bun.contains("<dt>Sjukfrånvaro"))
        let annual = try String(contentsOfFile: directory + "/out/arsjamforelse-2025.html", encoding: .utf8)
        #expect(annual.contains("<dt>Klagomål per 100 brukare"))
        #expect(annual.contains("Gäller alla enheter i Hemtjänst och Särskilt boende."))
        for page in [t3, t3bun, annual] {
            #expect(page.contains("en halva avrundas bort från noll (90,5 blir 91)"))
        }

        // #19 item 9: 2024's årsarbetare cover 3 of hemtjänst's 7 units (egen regi had no HR data), 2025 all 7:
        // the verksamhetsberättelse says so and does not compare the years.
        let inputs = try String(
            contentsOfFile: directory + "/out/verksamhetsberattelse-2025-von.csv", encoding: .utf8)
        #expect(
            inputs.contains(",hemtjanst,Hemtjänst,arsarbetare,Årsarbetare,resurser,st,255.2,72.1,44.0,7,7,,,,7,3,false")
        )
        let fragment = try String(
            contentsOfFile: directory + "/out/verksamhetsberattelse-2025-von-fragment.html", encoding: .utf8)
        #expect(
            fragment.contains(
                "Årsarbetare <span class=\"coverage\">2025 omfattar 7 av 7 enheter, 2024 3 av 7 enheter: åren jämförs inte</span>"
            ))
    }

    @Test("facts: the stored monthly facts of one unit and year as CSV")
    func facts() throws {
        let directory = try Executable.temporaryDirectory()
        _ = try Executable.run(arguments(["ingest"], directory))
        let output = try Executable.run(arguments(["facts", "--year", "2025", "--enhet", "HT01"], directory))
        #expect(output.status == 0)
        let lines = output.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines.first == "enhet,month,measure,category,observed,counterparty,service,gender,value,n,source_file")
        // 12 months × (4 ledger measures + 3 volume measures), besides survey and complaints facts
        #expect(lines.filter { $0.contains("inbox/ekonomi/") || $0.contains("inbox/volymer/") }.count == 12 * 7)
        #expect(lines.contains { $0.hasPrefix("HT01,2025-12,enkat_svarande,helhet,,") })
        #expect(lines.contains("HT01,2025-01,brukare,,,,,,99,,fixtures/demo/inbox/volymer/volymer-2025-01.csv"))
        // A closed case: its type as the category, its handling days as the observed value.
        #expect(
            lines.contains(
                "HT01,2025-01,klagomal_handlaggningsdagar,klagomal,19,,,,1,,fixtures/demo/inbox/klagomal/klagomalsregister-2025-12-31.csv"
            ))
    }

    @Test("A config mistake names the key, exits 2 and creates no warehouse")
    func configMistake() throws {
        let directory = try Executable.temporaryDirectory()
        let text = try String(contentsOfFile: Executable.root + "/" + Self.config, encoding: .utf8)
            .replacingOccurrences(of: "aggregation = \"mean\"", with: "aggregation = \"medel\"")
            .replacingOccurrences(of: "\"enheter.csv\"", with: "\"\(Executable.root)/fixtures/demo/enheter.csv\"")
        try text.write(toFile: directory + "/kommun.toml", atomically: true, encoding: .utf8)
        let output = try Executable.run(["run", "--config", "kommun.toml"], in: directory)
        #expect(output.status == 2)
        #expect(
            output.stderr.contains(
                "kommun.toml: error: [config-value] key 'measure[brukare].aggregation': expected 'sum', 'mean', 'last' or 'median', found 'medel'"
            ))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["kommun.toml"])
    }

    @Test("check: validates without writing; bad arguments are usage errors")
    func checkAndUsage() throws {
        let directory = try Executable.temporaryDirectory()
        let check = try Executable.run(arguments(["check"], directory))
        #expect(check.status == 1)
        #expect(check.stdout.hasPrefix("config ok: 21 units, 9 sources, 13 indicators"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).isEmpty)
        let usage = try Executable.run(arguments(["report", "tertial", "--period", "2025-T5"], directory))
        #expect(usage.status == 2)
        #expect(usage.stderr.contains("expected YYYY-T1, YYYY-T2 or YYYY-T3, found '2025-T5'"))
    }

    @Test(
        "report renders one report on request",
        arguments: [["annual", "--year", "2024"], ["tertial", "--period", "2024-T1"]])
    func report(command: [String]) throws {
        let directory = try Executable.temporaryDirectory()
        _ = try Executable.run(arguments(["ingest"], directory))
        let output = try Executable.run(arguments(["report"] + command, directory))
        #expect(output.status == 0)
        #expect(
            output.stdout.contains(
                command[0] == "annual" ? "arsjamforelse-2024.html" : "tertialrapport-2024-T1-von.html"))
    }

    @Test(
        "--help of every command says what it does with an example",
        arguments: ["run", "ingest", "report", "check", "facts"])
    func help(command: String) throws {
        let output = try Executable.run([command, "--help"])
        #expect(output.status == 0)
        #expect(output.stdout.contains("Example"))
    }
}
