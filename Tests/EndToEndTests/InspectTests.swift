import Foundation
import Testing

@Suite("uppfoljning inspect")
struct InspectTests {
    static let samples = [
        "official-exempelfil-visma-2022.se", "bl-administration-typ4.se", "fortnox-sie4.si", "avendo-sie4.se",
        "avendo-bad-balance.se", "mamut-sie4.se", "norstedts-bokslut-4e-ksumma.se", "kontek-lonekorning.si",
        "blblov-iso-8859-15.se", "blblov-utf8.se",
    ]

    func json(_ path: String) throws -> (Int32, [String: Any]) {
        let output = try Executable.run(["inspect", "--json", path])
        let object = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any]
        return (output.status, object ?? [:])
    }

    @Test("Every SIE sample inspects, with the stable JSON keys", arguments: samples)
    func sample(_ name: String) throws {
        let (status, object) = try json("../shared/samples/sie/" + name)
        for key in [
            "format", "encoding", "sie_type", "program", "company", "vouchers", "transactions", "unbalanced_vouchers",
            "ksumma", "totals_by_account_class", "totals_by_month", "objects",
        ] {
            #expect(object[key] != nil, "\(name): \(key)")
        }
        #expect(object["format"] as? String == "sie4")
        #expect(status == (name == "avendo-bad-balance.se" ? 1 : 0))
    }

    @Test("The Visma example: counts and totals pinned")
    func visma() throws {
        let (_, object) = try json("../shared/samples/sie/official-exempelfil-visma-2022.se")
        #expect(object["vouchers"] as? Int == 295)
        #expect(object["transactions"] as? Int == 1330)
        #expect(object["encoding"] as? String == "cp437")
        #expect((object["totals_by_account_class"] as? [String: String])?["3"] == "-5778873.41")
        #expect(object["objects"] as? [String: Int] == ["1": 2, "6": 35])
    }

    @Test("The unbalanced voucher and a wrong checksum are listed, not just the first problem")
    func problems() throws {
        let (status, object) = try json("fixtures/ledger-sie/unbalanced-and-ksumma.se")
        #expect(status == 1)
        #expect(object["ksumma"] as? String == "mismatch")
        #expect((object["problems"] as? [String])?.count == 2)
        let unbalanced = object["unbalanced_vouchers"] as? [[String: Any]]
        #expect(unbalanced?.first?["series"] as? String == "A")
        #expect(unbalanced?.first?["line"] as? Int == 18)
        #expect(unbalanced?.first?["difference"] as? String == "0.10")
    }

    @Test("A ledger CSV is recognised by its header names and gets the same totals keys")
    func csv() throws {
        let (status, object) = try json("fixtures/ledger-csv/windows-1252-tab.csv")
        #expect(status == 0)
        #expect(object["format"] as? String == "ledger-csv")
        #expect(object["encoding"] as? String == "windows-1252")
        #expect(object["delimiter"] as? String == "tab")
        #expect(object["totals_by_account_class"] as? [String: String] == ["3": "-99.75", "5": "1000.25"])
        #expect(object["totals_by_month"] as? [String: String] == ["2024-12": "900.50"])
    }

    @Test(
        "Amounts adding up past 64 bits are a listed problem, not a crash",
        arguments: ["ledger-amount-overflow.csv", "sie-amount-overflow.se"])
    func amountRange(_ name: String) throws {
        let (status, object) = try json("fixtures/fuzz-regressions/" + name)
        #expect(status == 1)
        let problems = object["problems"] as? [String] ?? []
        #expect(problems.filter { $0.contains("[amount-range]") }.count == 1, "\(problems)")
    }

    @Test("A file that is no export says so and exits 3")
    func unrecognised() throws {
        let output = try Executable.run(["inspect", "fixtures/demo/enheter.csv"])
        #expect(output.status == 3)
        #expect(output.stderr.hasPrefix("fixtures/demo/enheter.csv:1: error: [unrecognised-header] not a ledger CSV"))
    }
}

@Suite("uppfoljning inspect on PAXml")
struct InspectPAXmlTests {
    @Test(
        "Every PAXml sample: records, persons as a count, hours by code; no id or personnummer printed",
        arguments: [
            "sample-all-sections.xml", "paxml-2.0-example-iso-8859-1.pax", "bygglet-demo.xml", "bygglet-demo-bom.xml",
            "salary-iso-8859-1.xml",
        ])
    func sample(name: String) throws {
        let output = try Executable.run(["inspect", "--json", "../shared/samples/paxml/" + name])
        let object = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any] ?? [:]
        #expect(object["format"] as? String == "paxml")
        for key in [
            "encoding", "version", "records", "persons", "hours_by_code", "hours_by_month", "scheduled_hours",
            "rejected",
        ] {
            #expect(object[key] != nil, "\(key)")
        }
        let text = output.stdout + (try Executable.run(["inspect", "../shared/samples/paxml/" + name]).stdout)
        #expect(text.range(of: #"\d{6,8}-?\d{4}"#, options: .regularExpression) == nil)
        #expect(!text.contains("anstid") && !text.contains("Ljunggren") && !text.contains("\"002\""))
    }

    @Test("The ISO-8859-1 salary export: hours per code decoded right")
    func salary() throws {
        let output = try Executable.run(["inspect", "--json", "../shared/samples/paxml/salary-iso-8859-1.xml"])
        let object = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any] ?? [:]
        #expect(object["encoding"] as? String == "iso-8859-1")
        #expect(object["persons"] as? Int == 1)
        #expect(object["hours_by_code"] as? [String: String] == ["ARB": "188.02", "RE1": "2", "SJK": "8", "ÖT1": "4"])
        #expect(object["records"] as? [String: Int] == ["person": 1, "tidtrans": 40])
    }
}
