import Foundation
import Testing

/// Issue #18 ("Publication safety"), sections 3, 4 and 6: cut gzip streams, values that overflow, implausible
/// years and hostile volume, each run through the built binary with the exact message and exit code.
@Suite("Hostile volume and values")
struct HostileVolumeTests {
    static let config = "fixtures/bad/kommun.toml"

    /// (bad file under fixtures/bad, exit code, the line of stderr that names the problem).
    static let cases: [(String, Int32, String)] = [
        (
            "volume/truncated.csv.gz", 3,
            #"fixtures/bad/volume/truncated.csv.gz: error: [truncated] the gzip stream ends before its end marker: the file is cut short and is not loaded"#
        ),
        (
            "volume/trailing-garbage.csv.gz", 3,
            #"fixtures/bad/volume/trailing-garbage.csv.gz: error: [gzip-trailing-data] bytes that are not gzip follow the end of the gzip stream: the file is not loaded"#
        ),
        (
            "volume/bad-crc.csv.gz", 3,
            #"fixtures/bad/volume/bad-crc.csv.gz: error: [gzip-corrupt] the gzip stream is damaged (zlib: incorrect data check): the file is not loaded"#
        ),
        (
            "ledger/truncated-half.csv.gz", 3,
            #"fixtures/bad/ledger/truncated-half.csv.gz: error: [truncated] the gzip stream ends before its end marker: the file is cut short and is not loaded"#
        ),
        (
            "volume/overflow.csv", 3,
            #"fixtures/bad/volume/overflow.csv: error: [value-overflow] the file's values sum past ±922 337 203 685 477 (for one unit and month, or in all): not loaded; check the values"#
        ),
        (
            "hr/overflow.csv", 3,
            #"fixtures/bad/hr/overflow.csv: error: [value-overflow] the file's values sum past ±922 337 203 685 477 (for one unit and month, or in all): not loaded; check the values"#
        ),
        (
            "survey/overflow.csv", 1,
            #"fixtures/bad/survey/overflow.csv:2:5: error: [value-overflow] column 'Andel positiva (%)': 50 % of 99999999999999 respondents passes ±922 337 203 685 477: expected a plausible number of respondents"#
        ),
        (
            "volume/year-1900.csv", 3,
            #"fixtures/bad/volume/year-1900.csv: error: [month-range] the file has data for 1900-01, before [report] earliest_year 2000: not loaded; correct the dates (first: 1900-01)"#
        ),
    ]

    @Test("Each bad file gets its exact message and exit code; the good file beside it is stored", arguments: cases)
    func hostile(_ name: String, _ status: Int32, _ message: String) throws {
        let (output, _, folder, good) = try HostileInputTests.ingestBesideGood(name)
        #expect(output.status == status)
        #expect(output.stderr.components(separatedBy: "\n").contains(message), "\(output.stderr)")
        #expect(output.stdout.contains("loaded \(folder)/\(good) ("), "the good file is loaded")
    }

    /// A copy of the fixtures' config in `directory` with `extra` TOML appended, its inbox globs pointing into
    /// `directory`; the register and templates stay where they are.
    static func config(in directory: String, extra: String) throws -> String {
        var text = try String(contentsOfFile: Executable.root + "/" + Self.config, encoding: .utf8)
        let bad = Executable.root + "/fixtures/bad/"
        text = text.replacingOccurrences(of: #"register = "enheter.csv""#, with: #"register = "\#(bad)enheter.csv""#)
        text = text.replacingOccurrences(
            of: #"templates = "../../templates""#, with: #"templates = "\#(bad)../../templates""#)
        let path = directory + "/kommun.toml"
        try (text + "\n" + extra).write(toFile: path, atomically: true, encoding: .utf8)
        for folder in ["volume", "ledger", "hr", "survey"] {
            try FileManager.default.createDirectory(atPath: directory + "/" + folder, withIntermediateDirectories: true)
        }
        return path
    }

    /// Compresses `text` with the system's gzip into `path`.
    static func gzip(_ text: String, to path: String) throws {
        try text.write(toFile: path + ".plain", atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "gzip -n -c '\(path).plain' > '\(path)' && rm '\(path).plain'"]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }

    @Test("A gzip file that decompresses beyond [limits] max_decompressed_mb is refused whole")
    func decompressionBomb() throws {
        let directory = try Executable.temporaryDirectory()
        let config = try Self.config(in: directory, extra: "[limits]\nmax_decompressed_mb = 1\n")
        // 2 MiB of empty lines after the header (a gzip of a few kB).
        try Self.gzip(
            "Enhet;Månad;Mått;Värde\r\n" + String(repeating: "\r\n", count: 1 << 20),
            to: directory + "/volume/bomb.csv.gz")
        let output = try Executable.run([
            "ingest", "--config", config, "--warehouse", directory + "/w.sqlite", directory + "/volume/bomb.csv.gz",
        ])
        #expect(output.status == 3)
        #expect(
            output.stderr.contains(
                "volume/bomb.csv.gz: error: [too-large] the file decompresses to more than 1 MiB ([limits] max_decompressed_mb): the file is not loaded"
            ), "\(output.stderr)")
    }

    @Test("Twelve ledger files of 90 000 000 000 000 kr on one unit load, and the year renders with '-', not a trap")
    func ledgerSumsPastTheRange() throws {
        let directory = try Executable.temporaryDirectory()
        let config = try Self.config(in: directory, extra: "")
        for month in 1...12 {
            let name = String(format: "%@/ledger/2025-%02d.csv", directory, month)
            try String(
                format:
                    "Bokföringsdatum;Ansvar;Konto;Belopp;Text\r\n2025-%02d-05;41010;5011;90000000000000,00;Stor\r\n",
                month
            ).write(toFile: name, atomically: true, encoding: .utf8)
        }
        let ingest = try Executable.run(["ingest", "--config", config, "--warehouse", directory + "/w.sqlite"])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        let report = try Executable.run([
            "report", "annual", "--config", config, "--warehouse", directory + "/w.sqlite", "--output",
            directory + "/out", "--year", "2025",
        ])
        #expect(report.status == 0, "\(report.stderr)")
        let html = try String(contentsOfFile: directory + "/out/arsjamforelse-2025.html", encoding: .utf8)
        #expect(html.hasSuffix("</html>\n"))
    }

    @Test(
        "A report year outside [report] earliest_year … this year is a usage error (exit 2), not a trap",
        arguments: ["9223372036854775807", "0", "99999"])
    func reportYear(_ year: String) throws {
        let directory = try Executable.temporaryDirectory()
        let output = try Executable.run([
            "report", "annual", "--config", Self.config, "--warehouse", directory + "/w.sqlite", "--output",
            directory + "/out", "--year", year,
        ])
        #expect(output.status == 2)
        #expect(
            output.stderr.contains("--year: expected a year from 2000 ([report] earliest_year) to "), "\(output.stderr)"
        )
        #expect(output.stderr.contains("(this year), found \(year)"))
    }
}
