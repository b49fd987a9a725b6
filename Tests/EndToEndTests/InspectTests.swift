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

    @Test("A file that is no export says so and exits 3")
    func unrecognised() throws {
        let output = try Executable.run(["inspect", "fixtures/demo/enheter.csv"])
        #expect(output.status == 3)
        #expect(output.stderr.hasPrefix("fixtures/demo/enheter.csv:1: error: [unrecognised-header] not a ledger CSV"))
    }
}
