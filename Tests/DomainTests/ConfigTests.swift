import Foundation
import TestSupport
import Testing

@testable import Domain

@Suite("Config loading")
struct ConfigTests {
    static let demoText: String = {
        (try? String(contentsOfFile: Fixtures.path("demo/kommun.toml"), encoding: .utf8)) ?? ""
    }()

    /// Parses demo config text with one edit, resolving paths against the demo folder.
    func parse(_ text: String) throws(ConfigError) -> Config {
        try Config.parse(text, file: "kommun.toml", baseDirectory: Fixtures.path("demo"))
    }

    @Test("The demo municipality loads with its register")
    func demo() throws {
        let config = try Config.load(path: Fixtures.path("demo/kommun.toml"))
        #expect(config.kommun.name == "Exempelkommun")
        #expect(config.kommun.code == "9999")
        #expect(config.omraden.map(\.id) == ["hemtjanst", "sarskilt_boende", "forskola"])
        #expect(config.enheter.count == 21)
        #expect(config.enheter.filter { $0.regi == .extern }.count == 8)
        #expect(config.enhet("HT04")?.validTo == Day("2025-06-30"))
        #expect(config.enhet("SB01")?.ledgerCodes == ["42010"])
        #expect(
            config.sources.map(\.kind) == [
                .ledgerCSV, .volumeCSV, .ledgerSIE, .surveyCSV, .complaintsCSV, .complaintsXML, .paxml, .hrCSV,
                .volumeCSV,
            ])
        #expect(config.sources.last?.selfReported == true)
        #expect(config.sources.last?.snapshot == .unitMonths)
        #expect(config.measure("klagomal_handlaggningsdagar")?.aggregation == .median)
        #expect(
            config.indicators.first { $0.id == "handlaggningstid" }?.formula
                == .measure(
                    MeasureReference(measure: "klagomal_handlaggningsdagar", categories: ["synpunkt", "klagomal"])))
        #expect(config.measure("budget_personalkostnader") != nil)
        #expect(config.paths.templates == Fixtures.root + "/templates")
        #expect(config.indicators.count == 13)
        #expect(
            config.indicators.first { $0.id == "nojdhet" }?.nMeasure
                == MeasureReference(measure: "enkat_svarande", category: "helhet"))
        #expect(config.ledger.range(for: "3511")?.measure == "intakter")
        #expect(config.ledger.range(for: "3511")?.sign == -1)
        #expect(config.ledger.range(for: "7010")?.measure == "ovriga_kostnader")
        #expect(config.ledger.range(for: "8410") == nil)
        #expect(config.ledger.range(for: "1930") == nil)
    }

    @Test(
        "A mistake names the key path",
        arguments: [
            (
                "code = \"9999\"", "code = \"99\"",
                "kommun.toml: error: [config-value] key 'kommun.code': expected a four-digit kommunkod, found '99'"
            ),
            (
                "aggregation = \"mean\"", "aggregation = \"average\"",
                "kommun.toml: error: [config-value] key 'measure[brukare].aggregation': expected 'sum', 'mean', 'last' or 'median', found 'average'"
            ),
            (
                "min_n = 5", "min_n = 5\nminimum = 3",
                "kommun.toml: error: [config-unknown-key] key 'report.minimum': unknown key"
            ),
            (
                "amount = \"Belopp\"", "",
                "kommun.toml: error: [config-missing] key 'source[ekonomi].columns.amount': required for a ledger-csv source, not found"
            ),
            (
                "formula = \"brukare\"", "formula = \"brukare +\"",
                "kommun.toml: error: [formula-syntax] key 'indicator[brukare].formula': column 10: expected a number, a measure or '(', found the end in 'brukare +'"
            ),
            (
                "namnd = \"bun\"", "namnd = \"skolnamnden\"",
                "kommun.toml: error: [config-reference] key 'omrade[forskola].namnd': no [[namnd]] has id 'skolnamnden'"
            ),
            (
                "kind = \"ledger-csv\"", "kind = \"ledger-xls\"",
                "kommun.toml: error: [config-value] key 'source[ekonomi].kind': expected one of 'ledger-csv', 'ledger-sie', 'volume-csv', 'paxml', 'hr-csv', 'survey-csv', 'complaints-csv', 'complaints-xml', 'service-desk-csv', 'internal-invoices-csv', found 'ledger-xls'"
            ),
            (
                "[category=synpunkt|klagomal]", "[category=synpunkt|klagomål]",
                "kommun.toml: error: [config-reference] key 'indicator[handlaggningstid].formula': 'klagomal_handlaggningsdagar' has no category 'klagomål'; its categories are 'avvikelse', 'berom', 'klagomal', 'lex_maria', 'lex_sarah', 'synpunkt'"
            ),
            (
                "[category=synpunkt|klagomal]", "[category=synpunkt|klagomal|synpunkt]",
                "kommun.toml: error: [formula-syntax] key 'indicator[handlaggningstid].formula': column 56: category 'synpunkt' is named twice in 'klagomal_handlaggningsdagar[category=synpunkt|klagomal|synpunkt]'"
            ),
            (
                "decimals = 0\ndirection = \"higher\"", "decimals = \"0\"\ndirection = \"higher\"",
                "kommun.toml: error: [config-type] key 'indicator[resultat].decimals': expected an integer, found string"
            ),
        ])
    func mistakes(original: String, replacement: String, message: String) {
        #expect(Self.demoText.contains(original))
        var text = Self.demoText
        if let range = text.range(of: original) { text.replaceSubrange(range, with: replacement) }
        do {
            _ = try parse(text)
            Issue.record("expected a config error")
        } catch {
            #expect(error.description == message)
        }
    }

    @Test("A TOML syntax error gives the line")
    func syntax() {
        do {
            _ = try parse("[kommun]\nname = \"Ex\ncode = 1\n")
            Issue.record("expected a syntax error")
        } catch {
            guard case .syntax(_, let line, _, _) = error else {
                Issue.record("expected .syntax, got \(error)")
                return
            }
            #expect(line == 2)
        }
    }

    @Test("Register errors give file, line and column")
    func registerErrors() {
        let omraden = [Omrade(id: "hemtjanst", name: "Hemtjänst", namnd: "von")]
        let text = """
            id;namn;omrade;regi;avtalsform;ansvar;hr_koder;giltig_fran;giltig_till
            HT01;Norr;hemtjanst;egen;lov;41010;;;
            HT01;Dubblett;hemtjanst;egen;lov;41011;;;
            HT02;Söder;hemtjanst;privat;lov;41020;;;
            HT03;Väster;hemtjanst;egen;lov;41010;;2025-13-01;
            HT04;Öster;skola;egen;lov;;;;
            """
        let (enheter, findings) = UnitRegister.parse(Array(text.utf8), file: "enheter.csv", omraden: omraden)
        #expect(enheter.map(\.id) == ["HT01"])
        #expect(
            findings.map(\.description) == [
                "enheter.csv:3:1: error: [register-duplicate] column 'id': unit 'HT01' is listed twice",
                "enheter.csv:4:4: error: [register-value] column 'regi': expected 'egen' or 'extern', found 'privat'",
                "enheter.csv:5:8: error: [register-value] column 'giltig_fran': expected YYYY-MM-DD, found '2025-13-01'",
                "enheter.csv:5:6: error: [register-duplicate] column 'ansvar': code '41010' already belongs to unit 'HT01'",
                "enheter.csv:6:3: error: [register-reference] column 'omrade': no [[omrade]] has id 'skola'",
            ])
    }

    @Test(
        "A register id that is not letters, digits, '_' or '-' is refused with file, line and column",
        arguments: ["x/../../../../../elsewhere/evil", "HT.01", "a b", "../x"])
    func registerIdentifier(id: String) {
        let omraden = [Omrade(id: "hemtjanst", name: "Hemtjänst", namnd: "von")]
        let text = "id;namn;omrade;regi;avtalsform\nHT01;Norr;hemtjanst;egen;lov\n\(id);Ond;hemtjanst;egen;lov\n"
        let (enheter, findings) = UnitRegister.parse(Array(text.utf8), file: "enheter.csv", omraden: omraden)
        #expect(enheter.map(\.id) == ["HT01"])
        #expect(
            findings.map(\.description) == [
                "enheter.csv:3:1: error: [register-value] column 'id': expected letters, digits, '_' or '-', found '\(id)'"
            ])
    }

    @Test("The data-quality page goes beside the output by default, and never inside it")
    func qualityFolder() throws {
        let config = try RulesFixture.config()
        #expect(config.paths.qualityFolder == Fixtures.path("rules/datakvalitet"))
        do {
            _ = try RulesFixture.config {
                $0.replacingOccurrences(
                    of: "output = \"rapporter\"", with: "output = \"rapporter\"\nquality = \"rapporter/dq\"")
            }
            Issue.record("a data-quality folder inside the output was accepted")
        } catch {
            #expect(
                "\(error)".contains(
                    "key 'paths.quality': expected a folder outside 'paths.output': the data-quality page prints control totals"
                ))
        }
    }
}
