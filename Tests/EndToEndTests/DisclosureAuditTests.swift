import Foundation
import Testing

/// The disclosure audit of `run`, on the demo municipality: with complementary suppression nothing it
/// publishes gives a hidden value away; with suppression switched off (`suppression = "primary"`) the audit
/// finds the leaks, publishes none of the reports that hold them, and the run exits 3.
@Suite("Disclosure audit on the demo municipality", .serialized)
struct DisclosureAuditTests {
    /// The demo's config in a scratch folder, every path absolute, with `extra` lines in its `[report]`.
    static func demoConfig(in directory: String, report extra: String) throws -> String {
        let demo = Executable.root + "/fixtures/demo"
        var text = try String(contentsOfFile: demo + "/kommun.toml", encoding: .utf8)
        text = text.replacingOccurrences(of: "register = \"enheter.csv\"", with: "register = \"\(demo)/enheter.csv\"")
        text = text.replacingOccurrences(
            of: "templates = \"../../templates\"",
            with: "templates = \"\(Executable.root)/templates\"\ncommentary = \"\(demo)/commentary\"")
        text = text.replacingOccurrences(of: "inbox = \"inbox/", with: "inbox = \"\(demo)/inbox/")
        text = text.replacingOccurrences(of: "[report]\n", with: "[report]\n\(extra)\n")
        let path = directory + "/kommun.toml"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("Suppression switched off: the annual comparisons are withheld, the run exits 3, the page says why")
    func plantedLeak() throws {
        let directory = try Executable.temporaryDirectory()
        let config = try Self.demoConfig(in: directory, report: "suppression = \"primary\"")
        let result = try Executable.run([
            "run", "--config", config, "--warehouse", directory + "/w.sqlite", "--output", directory + "/out",
        ])
        #expect(result.status == 3)
        #expect(result.stdout.contains("not published: annual 2025, 3 hidden values could be derived"))
        #expect(
            result.stderr.contains(
                "arsjamforelse-2025.csv: error: [disclosure] 2025 hemtjanst HT13 brukare T can be derived (summa minus delar), recovered as 3.30"
            ))
        #expect(result.stderr.contains("2025 hemtjanst HT13 klagomal_per_100 T can be derived (kvot av summor)"))
        let names = try FileManager.default.contentsOfDirectory(atPath: directory + "/out")
        #expect(!names.contains("arsjamforelse-2025.csv") && !names.contains("arsjamforelse-2025.html"))
        // The tertial reports are attacked too: HT13's brukare from the område row of its tables, with
        // Hemtjänst Väster (closed 2025-06-30) adding its brukare for the months it was open.
        #expect(result.stdout.contains("not published: tertial 2025-T2, 2 hidden values could be derived"))
        #expect(
            result.stderr.contains(
                "tertialrapport-2025-T2-von.html: error: [disclosure] brukare HT13 tertial can be derived (summa minus delar), recovered as 3.45"
            ))
        #expect(!names.contains("tertialrapport-2025-T3-von.html"))
        // Blåklockan (opened 2025-08-01) has its sick leave judged on its staff while open, enough in every
        // period: nothing of förskola is hidden, and the nämnd's reports are published.
        #expect(!result.stderr.contains("FS05"))
        #expect(names.contains("tertialrapport-2025-T2-bun.html") && names.contains("tertialrapport-2025-T3-bun.html"))
        let quality = try String(contentsOfFile: directory + "/datakvalitet/datakvalitet.html", encoding: .utf8)
        #expect(quality.contains("Rapporter som inte publicerades"))
        #expect(quality.contains("arsjamforelse-2025.csv: 2025 hemtjanst HT13 brukare T (summa minus delar)"))
        // The manifest records the report as withheld.
        let manifest = try String(contentsOfFile: directory + "/runs/latest.json", encoding: .utf8)
        #expect(manifest.contains("\"withheld\""))
    }

    @Test("Complementary suppression: the audit passes and every report is published")
    func complementary() throws {
        let directory = try Executable.temporaryDirectory()
        let config = try Self.demoConfig(in: directory, report: "")
        let result = try Executable.run([
            "run", "--config", config, "--warehouse", directory + "/w.sqlite", "--output", directory + "/out",
        ])
        #expect(result.status == 1)
        #expect(!result.stdout.contains("not published"))
        #expect(!result.stderr.contains("[disclosure]"))
        let csv = try String(contentsOfFile: directory + "/out/arsjamforelse-2025.csv", encoding: .utf8)
        // No hidden row prints its n.
        for line in csv.split(whereSeparator: \.isNewline) where line.contains(",..,") {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            #expect(fields.count > 14 && fields[14].isEmpty, "\(line)")
        }
    }
}
