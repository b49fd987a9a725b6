import Foundation
import Testing

/// Every command line the README, the docs and the `--help` texts show, run as printed against a copy of
/// the demo municipality.
///
/// A command line is a fenced code block's line or an inline code span that runs `uppfoljning` with a
/// subcommand and at least one argument (a bare `uppfoljning run` in prose names the command). Synopsis
/// notation is expanded before the line is run: `[X]` becomes X, `FILE`, `Y`, `Y-Tn`, `DATE`, `ID` and `…`
/// become demo values, `PATHS…` and `$(…)` are dropped, and a shell redirection ends the line.
@Suite("Documented command lines run as printed", .serialized)
struct DocumentedCommandsTests {
    /// A copy of the demo municipality whose config writes below the copy: `kommun.toml` in the current
    /// directory, inbox files under `inbox/`, as the docs' examples have them.
    static func demoCopy() throws -> String {
        let directory = try Executable.temporaryDirectory() + "/kommun"
        try FileManager.default.copyItem(atPath: Executable.root + "/fixtures/demo", toPath: directory)
        let path = directory + "/kommun.toml"
        let config = try String(contentsOfFile: path, encoding: .utf8)
            .replacingOccurrences(
                of: "templates = \"../../templates\"", with: "templates = \"\(Executable.root)/templates\""
            )
            .replacingOccurrences(of: "../../demo-out/", with: "out/")
        try config.write(toFile: path, atomically: true, encoding: .utf8)
        return directory
    }

    static let subcommands: Set<String> = ["run", "ingest", "report", "check", "facts", "inspect"]

    /// The command lines in a Markdown text: fenced code lines and inline code spans.
    static func commandLines(markdown: String) -> [String] {
        var candidates: [String] = []
        var fenced = false
        for line in markdown.components(separatedBy: "\n") {
            if line.hasPrefix("```") {
                fenced.toggle()
                continue
            }
            if fenced {
                candidates.append(line)
                continue
            }
            let parts = line.components(separatedBy: "`")
            candidates += stride(from: 1, to: parts.count, by: 2).map { parts[$0] }
        }
        return candidates.compactMap(command)
    }

    /// The command lines of a `--help` text: its examples (not its generated usage line).
    static func commandLines(help: String) -> [String] {
        help.components(separatedBy: "\n").filter { !$0.hasPrefix("USAGE:") }.compactMap(command)
    }

    /// The words of an `uppfoljning` command in `text` from the subcommand on, or `nil` when there is none.
    static func command(in text: String) -> String? {
        var words = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard
            let start = words.indices.first(where: {
                (words[$0] == "uppfoljning" || words[$0].hasSuffix("/uppfoljning")
                    || words[$0].hasSuffix("=/usr/local/bin/uppfoljning"))
                    && $0 + 1 < words.count && subcommands.contains(words[$0 + 1])
            })
        else { return nil }
        words = Array(words[(start + 1)...])
        if let end = words.firstIndex(where: { $0.hasPrefix(">") || $0.hasPrefix("2>") || $0 == "|" }) {
            words = Array(words[..<end])
        }
        guard words.count > 1 else { return nil }
        return words.joined(separator: " ")
    }

    /// A documented line as the words to run in the demo copy.
    static func expanded(_ line: String) -> [String] {
        var text = line.replacingOccurrences(of: "[", with: "").replacingOccurrences(of: "]", with: "")
        while let open = text.range(of: "$("), let close = text.range(of: ")", range: open.upperBound..<text.endIndex) {
            text.removeSubrange(open.lowerBound..<close.upperBound)
        }
        var words = text.split(separator: " ").map(String.init)
        for index in words.indices {
            let previous = index > 0 ? words[index - 1] : ""
            if previous == "--config" {
                words[index] = "kommun.toml"
                continue
            }
            switch words[index] {
            case "FILE", "file.se": words[index] = "inbox/budget/budget-2025.se"
            case "file.csv": words[index] = "inbox/ekonomi/huvudbok-2025-03.csv"
            case "Y": words[index] = "2025"
            case "Y-Tn": words[index] = "2025-T2"
            case "DATE": words[index] = "2025-09-15"
            case "ID": words[index] = "HT01"
            default: break
            }
        }
        return words.filter { $0 != "PATHS…" && $0 != "…" }
    }

    static func documentedLines() throws -> [(origin: String, line: String)] {
        var lines: [(String, String)] = []
        let docs = try FileManager.default.contentsOfDirectory(atPath: Executable.root + "/docs")
            .filter { $0.hasSuffix(".md") }.sorted().map { "docs/" + $0 }
        for name in ["README.md"] + docs {
            let text = try String(contentsOfFile: Executable.root + "/" + name, encoding: .utf8)
            lines += commandLines(markdown: text).map { (name, $0) }
        }
        for command in [
            [], ["run"], ["ingest"], ["report"], ["report", "annual"], ["report", "tertial"], ["check"],
            ["facts"], ["inspect"],
        ] {
            let help = try Executable.run(command + ["--help"])
            lines += commandLines(help: help.stdout).map {
                ("uppfoljning \(command.joined(separator: " ")) --help", $0)
            }
        }
        return lines
    }

    @Test("The extraction finds the documented forms, synopses included")
    func extraction() throws {
        let lines = try Self.documentedLines().map(\.line)
        #expect(lines.contains("report --config FILE annual --year Y"))
        #expect(lines.contains("run --config /etc/uppfoljning/kommun.toml"))
        #expect(lines.contains("report --config kommun.toml tertial --period 2025-T2"))
        #expect(
            Self.expanded("run --config FILE [--dry-run] [--force] [--as-of DATE]") == [
                "run", "--config", "kommun.toml", "--dry-run", "--force", "--as-of", "2025-09-15",
            ])
        #expect(Self.expanded("inspect FILE [--json]") == ["inspect", "inbox/budget/budget-2025.se", "--json"])
        #expect(lines.count >= 25)
    }

    @Test("Every documented command line parses and exits as documented on the demo municipality")
    func everyLineRuns() throws {
        let directory = try Self.demoCopy()
        // The nightly run first, so that the reports and facts have a warehouse.
        let first = try Executable.run(["run", "--config", "kommun.toml"], in: directory)
        #expect(first.status == 1, "\(first.stderr)")
        var seen: Set<[String]> = []
        for (origin, line) in try Self.documentedLines() {
            let words = Self.expanded(line)
            guard seen.insert(words).inserted else { continue }
            let output = try Executable.run(words, in: directory)
            // 0 or 1 (the demo has rejected rows); 3 where --as-of puts the demo's later exports in the future.
            let allowed: Set<Int32> = words.contains("--as-of") ? [0, 1, 3] : [0, 1]
            #expect(
                allowed.contains(output.status) && !output.stderr.contains("Usage:"),
                "\(origin): 'uppfoljning \(line)' exited \(output.status): \(output.stderr.prefix(400))")
        }
    }
}
