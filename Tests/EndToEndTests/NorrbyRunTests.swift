import Foundation
import Testing

/// Issue #20's last criterion, kept: a config written from the docs alone (fixtures/norrby/norrby.toml) over
/// exports laid out unlike the demo's produces correct reports with exit 0. The data are written by
/// `scripts/gen-norrby` from simple rules in the month m (no random numbers), so each figure below is worked
/// out by hand from those rules and the committed files, as the comments show.
@Suite("uppfoljning on Norrby, configured from the docs alone", .serialized)
struct NorrbyRunTests {
    static let config = "fixtures/norrby/norrby.toml"

    static func arguments(_ command: [String], _ directory: String) -> [String] {
        command + [
            "--config", config, "--warehouse", directory + "/warehouse.sqlite", "--output", directory + "/out",
        ]
    }

    static func read(_ directory: String, _ name: String) throws -> String {
        try String(contentsOfFile: directory + "/out/" + name, encoding: .utf8)
    }

    /// The row of a table from `<tr …marker` to its `</tr>`, after `anchor` in the page.
    static func row(_ page: String, after anchor: String, marker: String) throws -> Substring {
        let start = try #require(page.range(of: anchor)).upperBound
        let row = try #require(page[start...].range(of: marker)).lowerBound
        let end = try #require(page[row...].range(of: "</tr>")).upperBound
        return page[row..<end]
    }

    @Test("check and run: every file loads, nothing is rejected or unmapped, exit 0, the reports of both years")
    func checkAndRun() throws {
        let directory = try Executable.temporaryDirectory()
        let check = try Executable.run(["check", "--config", Self.config])
        #expect(check.status == 0)
        #expect(check.stderr.isEmpty, "\(check.stderr)")
        #expect(check.stdout.hasPrefix("config ok: 14 units, 7 sources, 8 indicators\n"))
        // The ledger's central ansvar 70000 and 80010 are listed in `[ledger] ignore_units`: 24 rows a year.
        #expect(
            check.stdout.contains(
                "checked fixtures/norrby/inbox/ekonomi/huvudbok-2025.txt (ekonomi): 585 rows, 448 facts, 0 rejected, 24 rows on unit codes the config ignores"
            ))
        #expect(
            check.stdout.contains(
                "checked fixtures/norrby/inbox/personal/personal-2025.csv (personal): 1188 rows, 1680 facts, 0 rejected"
            ))

        let run = try Executable.run(Self.arguments(["run", "--as-of", "2026-01-31"], directory))
        #expect(run.status == 0)
        #expect(run.stderr.isEmpty, "\(run.stderr)")
        #expect(run.stdout.contains("15 files: 15 loaded, 0 skipped, 0 failed\n"), "\(run.stdout)")
        let loaded = run.stdout.components(separatedBy: "\n").filter { $0.hasPrefix("loaded ") }
        #expect(loaded.count == 15 && loaded.allSatisfy { $0.contains(" 0 rejected") })
        #expect(!run.stdout.contains("not published"))
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
        // 13 units in 2024 (Gruppbostad Bäcken opens 2025-03-01), 14 in 2025 (Hemtjänst Östra closes 2025-06-30).
        #expect(names.filter { $0.hasPrefix("enhet-2024-") }.count == 13)
        #expect(names.filter { $0.hasPrefix("enhet-2025-") }.count == 14)

        let open = try Self.read(directory, "arsjamforelse-2025.csv")
        // Hemtjänst Åsen (HT01), cost per brukare 2025. Ledger (huvudbok-2025.txt, ansvar 71010), month m:
        // personal 850 000 + 1 000·m (accounts 5011 + 5611), köp 20 000 (4010), övriga 35 000 + 0,50·m (6110);
        // over the year 12 · 905 000 + 1 000 · 78 + 0,50 · 78 = 10 938 039,00 kr. Brukare (volymer-2025.csv)
        // 40, 41, 42 repeated: mean 41. 10 938 039 / 41 = 266 781,44 → 266781, n 41. 2024: personal 30 000 less,
        // brukare two fewer: 10 578 039 / 39 = 271 231,77 → 271232. The område's four units are judged by
        // quartiles, but only the three egen-regi units have a value.
        #expect(
            open.contains(
                "0999,2025,hemtjanst,Hemtjänst,HT01,Hemtjänst Åsen,egen,lov,kostnad_per_brukare,Kostnad per brukare,produktivitet,T,266781,kr,41,,Bedöms inte: färre än 4 enheter med värde,,"
            ))
        #expect(
            open.contains(",kostnad_per_brukare,Kostnad per brukare,produktivitet,T,266781,kr,41,")
                && open.contains(",3,271232\r\n"))
        // Gruppbostad Bäcken (LSS02) opened 2025-03-01: brukare 5 in March and April, 6 from May to December,
        // averaged over its ten open months: (2 · 5 + 8 · 6) / 10 = 5,8. Its staff (personal-2025.csv, code
        // 5302) are six with degrees 1, 0,75, 0,75, 1, 0,75, 0,5 (fractions): 4,75 → 4,8 årsarbetare. The
        // område and its name as the config writes it: "LSS-boende".
        #expect(
            open.contains(
                "\r\n0999,2025,lss,LSS-boende,LSS02,Gruppbostad Bäcken,egen,direkt,brukare,Antal brukare,volym,T,5.8,st,"
            ))
        #expect(
            open.contains(
                "\r\n0999,2025,lss,LSS-boende,LSS02,Gruppbostad Bäcken,egen,direkt,arsarbetare,Årsarbetare,resurser,T,4.8,st,"
            ))
        // The fristående förskola keeps its avtalsform. Children (volymer-2025.csv): 50 January–July, 55
        // August–December: (7 · 50 + 5 · 55) / 12 = 52,08 → 52,1; 2024 three fewer: 49,08 → 49,1.
        #expect(
            open.contains(
                "\r\n0999,2025,forskola,Förskola,FS10,Fristående förskolan Ekorren,extern,fristaende,inskrivna_barn,Inskrivna barn,volym,T,52.1,st,"
            ) && open.contains(",49.1\r\n"))
        // Hemtjänst Östra (HT03) closed 2025-06-30 and keeps its 2025 survey (stored in December): 75,0 % of 16
        // positive → 75, red under the target 90 and limit 80. The median of Åsen 85,7 → 86, Älvdalen 91,4 → 91,
        // Östra 75 and Omsorgsgruppen 90,0 → 90 is (86 + 90) / 2 = 88; last year 73,0 % → 73.
        #expect(
            open.contains(
                "\r\n0999,2025,hemtjanst,Hemtjänst,HT03,Hemtjänst Östra,egen,lov,nojdhet,Nöjdhet sammantaget,kvalitet,T,75,%,16,red,Når inte målet,,88,-13,4,73\r\n"
            ))
        // The kommunkod keeps its leading zero: plain in the open data, as the text formula ="0999" in Excel's.
        #expect(
            open.components(separatedBy: "\r\n").dropFirst().filter { !$0.isEmpty }.allSatisfy {
                $0.hasPrefix("0999,2025,")
            })
        let excel = try Self.read(directory, "arsjamforelse-2025-excel.csv")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: directory + "/out/arsjamforelse-2025-excel.csv"))
        #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]))
        #expect(
            excel.contains(
                "\r\n\"=\"\"0999\"\"\";\"=\"\"2025\"\"\";lss;LSS-boende;LSS02;Gruppbostad Bäcken;egen;direkt;brukare;Antal brukare;volym;T;5,8;st;"
            ))

        // Årsarbetare per område (verksamhetsberättelse), sums of the degrees: förskola FS01 7,8 + FS02 6,25 +
        // FS03 5,0 + Ekorren's own report 7,25 = 26,3, the same staff both years; the median of the printed
        // 7,8, 6,3, 5,0 and 7,3 is 6,8. LSS-boende: Källan 5,75, Bäcken 4,75 counted over 10 of 12 months
        // (3,958…), the provider's report 7,5: 17,21 → 17,2; in 2024 without Bäcken 13,25 → 13,3.
        let bun = try Self.read(directory, "verksamhetsberattelse-2025-bun.csv")
        #expect(
            bun.contains(",forskola,Förskola,arsarbetare,Årsarbetare,resurser,st,26.3,26.3,6.8,4,4,,,,4,4,true\r\n"))
        let von = try Self.read(directory, "verksamhetsberattelse-2025-von.csv")
        #expect(von.contains(",lss,LSS-boende,arsarbetare,Årsarbetare,resurser,st,17.2,13.3,5.8,3,3,,,,3,2,true\r\n"))

        let annual = try Self.read(directory, "arsjamforelse-2025.html")
        #expect(annual.contains("<th scope=\"row\">Summa egen regi, LSS-boende</th>"))
        #expect(!annual.contains("lss-boende") && !annual.contains("Lss-boende"))
        #expect(
            annual.contains(
                "<a href=\"enhet-2025-LSS02.html\">Gruppbostad Bäcken</a> <span class=\"note\">(öppnade 2025-03-01)</span>"
            ))
        #expect(annual.contains("<span class=\"note\">(stängde 2025-06-30)</span>"))

        // The tertial report's last-year column: HT01's brukare in January–April 2025 are 40, 41, 42, 40 →
        // 40,75 → 40,8; in 2024 38, 39, 40, 38 → 38,75 → 38,8 (half away from zero).
        let t1 = try Self.read(directory, "tertialrapport-2025-T1-von.html")
        #expect(
            try Self.row(t1, after: "id=\"hemtjanst-brukare\"", marker: "<tr data-enhet=\"HT01\">").contains(
                "<td class=\"num\" data-col=\"tertial\">40,8\u{A0}st</td><td class=\"num\">38,8\u{A0}st</td><td class=\"num\" data-col=\"ytd\">40,8\u{A0}st</td><td class=\"num\">38,8\u{A0}st</td><td class=\"num\">+2,0\u{A0}st</td>"
            ))
        // The forecast of the closing unit, HT03 (ansvar 71030). Month m: cost 682 000 + 1 000,50·m, revenue
        // the cost / 0,98 rounded to hundreds (account 3511): results 13 899,50, 13 999,00, 13 998,50 and
        // 13 998,00 in January–April, 55 895 in T1, against the budget 4 · 9 000 = 36 000 (budget-2025.csv:
        // revenue 696 000, costs 687 000 a month). Open 6 months of the year, 4 so far: linear forecast
        // 55 895 · 6 / 4 = 83 842,5 → 83 843. At T2 the unit has closed: May 13 997,50 and June 13 997,00 give
        // the outcome 83 889,50 → 83 890, which is the forecast, +47 since T1.
        #expect(
            try Self.row(t1, after: "<table class=\"compact\">", marker: "<tr><th scope=\"row\">Hemtjänst Östra</th>")
                .contains(
                    "<td class=\"num\">55\u{A0}895</td><td class=\"num\">55\u{A0}895</td><td class=\"num\">36\u{A0}000</td><td class=\"num\">+19\u{A0}895</td><td class=\"num\">53\u{A0}395</td><td class=\"num\">83\u{A0}843</td>"
                ))
        let t2 = try Self.read(directory, "tertialrapport-2025-T2-von.html")
        #expect(
            // The economics table says the unit closed, as the indicator tables do.
            try Self.row(
                t2, after: "<table class=\"compact\">",
                marker: "<tr><th scope=\"row\">Hemtjänst Östra <span class=\"note\">(stängde 2025-06-30)</span></th>"
            )
            .contains(
                "<td class=\"num\">27\u{A0}995</td><td class=\"num\">83\u{A0}890</td><td class=\"num\">54\u{A0}000</td><td class=\"num\">+29\u{A0}890</td><td class=\"num\">107\u{A0}182</td><td class=\"num\">83\u{A0}890</td><td class=\"num\">+47</td>"
            ))
        // The analysts' commentary of 2025-T2 (fixtures/norrby/commentary/2025-T2/HT03.md).
        #expect(t2.contains("Brukarna har gått över till <strong>Hemtjänst Åsen</strong> och Hemtjänst Älvdalen.</p>"))

        // The data-quality page: the ignored ansvar are reconciled as excluded by config: 12 months of
        // 12 500 + m and 8 000 kr = 246 078 kr a year.
        let quality = try String(contentsOfFile: directory + "/datakvalitet/datakvalitet.html", encoding: .utf8)
        #expect(quality.contains("Undantaget enligt konfigurationen: 246\u{A0}078,00\u{A0}kr"))
        // A budget loaded from a volume CSV sums kronor, and says so.
        #expect(quality.contains("Summa budget: Intäkter: 152\u{A0}724\u{A0}000,00\u{A0}kr"))

        // The README's `report` form on the same warehouse.
        let report = try Executable.run(
            ["report", "--config", Self.config, "annual", "--year", "2025"]
                + ["--warehouse", directory + "/warehouse.sqlite", "--output", directory + "/out"])
        #expect(report.status == 0, "\(report.stderr)")
        #expect(report.stderr.isEmpty)
    }
}
