import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Publication safety (issue #18): files that must not land where they should not, links that must not be
/// followed, personal data and control characters that must not reach stderr, the log, the manifest, the
/// warehouse or the data-quality page. Fixtures in fixtures/bad/hostile/ (scripts/gen-bad-fixtures); links,
/// pipes and file names with control characters are made here, in a temporary copy.
@Suite("Hostile paths and personal data in messages")
struct HostilePathsTests {
    static let fixture = "fixtures/bad/hostile"

    /// What must never appear in any output: the personnummer and names of fixtures/bad/hostile (in every
    /// form the fixtures hold them) and what the links point at.
    static let secrets = [
        "19121212", "121212-1212", "121212+1212", "1212121212", "19121272", "Tolvan", "root:x:0", "Hemlig",
    ]

    /// A copy of fixtures/bad/hostile in a temporary folder, with the templates path made absolute.
    static func copy() throws -> String {
        let directory = try Executable.temporaryDirectory() + "/hostile"
        try FileManager.default.copyItem(atPath: Executable.root + "/" + fixture, toPath: directory)
        let config = directory + "/kommun.toml"
        let text = try String(contentsOfFile: config, encoding: .utf8).replacingOccurrences(
            of: "templates = \"../../../templates\"", with: "templates = \"\(Executable.root)/templates\"")
        try text.write(toFile: config, atomically: true, encoding: .utf8)
        return directory
    }

    /// Every file under `directory` as text (a warehouse's bytes above ASCII as spaces, so nothing is lost in
    /// decoding).
    static func contents(under directory: String) throws -> [(String, String)] {
        var result: [(String, String)] = []
        let enumerator = FileManager.default.enumerator(atPath: directory)
        while let name = enumerator?.nextObject() as? String {
            let path = directory + "/" + name
            var info = stat()
            guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { continue }
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            let binary = name.contains(".sqlite")
            result.append(
                (name, String(decoding: binary ? data.map { $0 < 0x80 ? $0 : 0x20 } : Array(data), as: UTF8.self)))
        }
        return result
    }

    /// The files a run wrote under a copy made by `copy()`: the warehouse, the log, the manifests, the reports;
    /// not the inputs.
    static func outputs(under directory: String) throws -> [(String, String)] {
        let inputs = ["volume/", "sie/", "register-id/", "commentary/", "enheter.csv", "kommun.toml", "secret."]
        return try contents(under: directory).filter { file in !inputs.contains { file.0.hasPrefix($0) } }
    }

    /// Records an issue for every secret in `text`, and, but in a warehouse file (binary), for a control
    /// character other than a line feed or a tab.
    static func expectClean(_ name: String, _ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for secret in secrets where text.contains(secret) {
            Issue.record("\(name) contains '\(secret)'", sourceLocation: sourceLocation)
        }
        if !name.contains(".sqlite"),
            let control = text.unicodeScalars.first(where: { $0.value < 0x20 && $0 != "\n" && $0 != "\t" })
        {
            Issue.record("\(name) contains U+\(String(control.value, radix: 16))", sourceLocation: sourceLocation)
        }
    }

    @Test(
        "Each hostile file gets its exact message and exit code, with no personal data and no raw control character",
        arguments: [
            (
                "volume/no-header.csv", Int32(3),
                [
                    "fixtures/bad/hostile/volume/no-header.csv:1: error: [missing-column] column 'Mått' (measure), 'Månad' (month), 'Enhet' (unit), 'Värde' (value) not found in the header; the header line has 4 fields, not quoted: a file without its header starts with a data row"
                ]
            ),
            (
                "volume/personnummer-cells.csv", 1,
                [
                    "fixtures/bad/hostile/volume/personnummer-cells.csv:2:1: error: [unknown-unit] column 'Enhet': unit id '******-****' is not in the unit register",
                    "fixtures/bad/hostile/volume/personnummer-cells.csv:3:4: error: [value-format] column 'Värde': expected a number, found '******-****'",
                    "fixtures/bad/hostile/volume/personnummer-cells.csv:4:1: error: [unknown-unit] column 'Enhet': unit id '******-****' is not in the unit register",
                    "fixtures/bad/hostile/volume/personnummer-cells.csv:5:4: error: [value-format] column 'Värde': expected a number, found '******-****'",
                ]
            ),
            (
                "volume/control-characters.csv", 1,
                [
                    #"fixtures/bad/hostile/volume/control-characters.csv:2:1: error: [unknown-unit] column 'Enhet': unit id 'HT\u{1B}[2J\u{1B}[1A\u{7}01' is not in the unit register"#,
                    #"fixtures/bad/hostile/volume/control-characters.csv:3:1: error: [unknown-unit] column 'Enhet': unit id 'HT01\nhostile/volume/good-2025-02.csv:1: error: [forged] a line that is not ours' is not in the unit register"#,
                ]
            ),
            (
                "sie/line-100mb.se.gz", 3,
                [
                    "fixtures/bad/hostile/sie/line-100mb.se.gz:9: error: [line-too-long] the line is longer than 1048576 bytes: the file is not a SIE 4 export, or it is damaged"
                ]
            ),
        ])
    func messages(name: String, status: Int32, expected: [String]) throws {
        let directory = try Executable.temporaryDirectory()
        let folder = Self.fixture + "/" + (name as NSString).deletingLastPathComponent
        let good = try #require(
            try FileManager.default.contentsOfDirectory(atPath: Executable.root + "/" + folder)
                .first { $0.hasPrefix("good-") })
        let output = try Executable.run([
            "ingest", "--config", Self.fixture + "/kommun.toml", "--warehouse", directory + "/w.sqlite",
            folder + "/" + good, Self.fixture + "/" + name,
        ])
        #expect(output.status == status)
        #expect(output.stderr.components(separatedBy: "\n").filter { !$0.isEmpty } == expected)
        #expect(output.stdout.contains("loaded \(folder)/\(good) ("), "the good file is loaded")
        Self.expectClean("stdout", output.stdout)
        Self.expectClean("stderr", output.stderr)
        for (file, text) in try Self.contents(under: directory) { Self.expectClean(file, text) }
    }

    @Test("A register id with a path in it stops check with exit 2, naming file, line and column")
    func registerIdentifier() throws {
        let output = try Executable.run(["check", "--config", Self.fixture + "/register-id/kommun.toml"])
        #expect(output.status == 2)
        #expect(
            output.stderr
                == "fixtures/bad/hostile/register-id/enheter.csv:3:1: error: [register-value] column 'id': expected letters, digits, '_' or '-', found 'x/../../../../../elsewhere/evil'\n"
        )
        #expect(
            !FileManager.default.fileExists(atPath: Executable.root + "/" + Self.fixture + "/register-id/rapporter"))
        #expect(!FileManager.default.fileExists(atPath: Executable.root + "/" + Self.fixture + "/elsewhere"))
    }

    @Test(
        "A whole run over every hostile file: stdout, stderr, the log, the manifest, the warehouse and every report hold no personal data and no raw control character; rejected rows are published without their cells"
    )
    func wholeRun() throws {
        let directory = try Self.copy()
        // A file name that would forge a log line and clear the operator's terminal.
        let evil = directory + "/volume/evil\nx.csv:1: error: [forged] \u{1B}[2J.csv"
        try "Enhet;Månad;Mått;Värde\r\nHT99;2025-03;brukare;1\r\n".write(
            toFile: evil, atomically: false, encoding: .utf8)
        let output = try Executable.run([
            "run", "--verbose", "--config", directory + "/kommun.toml", "--as-of", "2025-12-31",
        ])
        #expect(output.status == 3)
        let escaped = #"volume/evil\nx.csv:1: error: [forged] \u{1B}[2J.csv"#
        #expect(output.stderr.contains(escaped + ":2:1: error: [unknown-unit] column 'Enhet': unit id 'HT99'"))
        #expect(output.stdout.contains(escaped + " (volymer)"))
        #expect(!output.stderr.components(separatedBy: "\n").contains { $0.hasPrefix("x.csv:1") })
        Self.expectClean("stdout", output.stdout)
        Self.expectClean("stderr", output.stderr)
        let files = try Self.outputs(under: directory)
        #expect(files.contains { $0.0.hasSuffix("uppfoljning.log") })
        #expect(files.contains { $0.0.hasSuffix("latest.json") })
        for (name, text) in files {
            Self.expectClean(name, text)
            // The warehouse keeps a file's path as it is, its identity; every message and page escapes it.
            if !name.contains(".sqlite") { #expect(!text.contains("[forged] \u{1B}"), "\(name)") }
        }
        let log = try #require(files.first { $0.0.hasSuffix("uppfoljning.log") }?.1)
        #expect(!log.components(separatedBy: "\n").contains { $0.hasPrefix("x.csv:1") })
        let quality = try #require(files.first { $0.0.hasSuffix("datakvalitet.html") }?.1)
        #expect(
            quality.contains("rad 2, kolumn 1: column &#39;Enhet&#39;: unit id &#39;…&#39; is not in the unit register")
        )
        #expect(quality.contains("rad 3, kolumn 4: column &#39;Värde&#39;: expected a number</li>"))
        #expect(!quality.contains("HT99"), "no raw cell is published")
    }

    @Test("An inbox entry that is a link (to a file outside or a system file) or a pipe is refused by name, unread")
    func links() throws {
        let directory = try Self.copy()
        try "19121212-1212;Tolvan Tolvansson\n".write(
            toFile: directory + "/secret.csv", atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(
            atPath: directory + "/volume/link.csv", withDestinationPath: directory + "/secret.csv")
        try FileManager.default.createSymbolicLink(
            atPath: directory + "/volume/passwd.csv", withDestinationPath: "/etc/passwd")
        #expect(mkfifo(directory + "/volume/pipe.csv", 0o644) == 0)
        let output = try Executable.run([
            "run", "--config", directory + "/kommun.toml", "--as-of", "2025-12-31",
        ])
        #expect(output.status == 3)
        let lines = output.stderr.components(separatedBy: "\n")
        for name in ["link.csv", "passwd.csv"] {
            #expect(
                lines.contains(
                    directory
                        + "/volume/\(name): error: [symlink] the file is a symbolic link: links are not followed, only regular files are read"
                ), "\(name)")
        }
        #expect(
            lines.contains(
                directory
                    + "/volume/pipe.csv: error: [not-regular-file] the file is not a regular file (a folder, device, pipe or socket): only regular files are read"
            ))
        #expect(output.stdout.contains("loaded \(directory)/volume/good-2025-02.csv (volymer)"))
        Self.expectClean("stderr", output.stderr)
        for (name, text) in try Self.outputs(under: directory) {
            Self.expectClean(name, text)
        }
    }

    @Test("A commentary file that is a link is skipped with a warning and never published; a regular one is")
    func commentaryLink() throws {
        let directory = try Self.copy()
        // A tertial without data is not rendered: February's volumes make 2025-T1 one to report.
        let ingest = try Executable.run(
            ["ingest", "--config", directory + "/kommun.toml", directory + "/volume/good-2025-02.csv"])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        let folder = directory + "/commentary/2025-T1"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try "Hemlig text ur en systemfil\n".write(toFile: directory + "/secret.md", atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(
            atPath: folder + "/HT01.md", withDestinationPath: directory + "/secret.md")
        let arguments = ["report", "tertial", "--config", directory + "/kommun.toml", "--period", "2025-T1"]
        let output = try Executable.run(arguments)
        #expect(output.status == 0, "\(output.stderr)")
        // The console log line starts with a time stamp.
        #expect(
            output.stderr.components(separatedBy: "\n").contains {
                $0.hasSuffix(
                    " \(folder)/HT01.md: warning: [symlink] the file is a symbolic link: links are not followed, only regular files are read; the comment is skipped"
                )
            }, "\(output.stderr)")
        let report = directory + "/rapporter/tertialrapport-2025-T1-von.html"
        #expect(!(try String(contentsOfFile: report, encoding: .utf8)).contains("Hemlig"))
        // The same text as a regular file is published: the check above can see it.
        try FileManager.default.removeItem(atPath: folder + "/HT01.md")
        try FileManager.default.copyItem(atPath: directory + "/secret.md", toPath: folder + "/HT01.md")
        let regular = try Executable.run(arguments)
        #expect(regular.status == 0)
        #expect(regular.stderr.isEmpty, "\(regular.stderr)")
        #expect(try String(contentsOfFile: report, encoding: .utf8).contains("Hemlig text ur en systemfil"))
    }
}
