import Foundation
import Testing

/// The exit codes of the README's table, for the command-line mistakes an operator makes.
@Suite("Exit codes follow the README's table")
struct ExitCodeTests {
    @Test(
        "A usage error exits 2, like a config error",
        arguments: [
            ["report", "tertial", "--config", DemoRunTests.config, "--period", "2025-T4"],
            ["check", "--config", DemoRunTests.config, "--as-of", "2025-01-01"],
            ["run", "--config", DemoRunTests.config, "--as-of", "2025-13-01"],
            ["run"],
            ["report", "annual", "--config", DemoRunTests.config, "--year", "soon"],
            ["frobnicate"],
            ["facts", "--config", DemoRunTests.config, "--year"],
        ])
    func usageError(_ arguments: [String]) throws {
        let output = try Executable.run(arguments)
        #expect(output.status == 2, "\(arguments): \(output.stderr)")
        #expect(output.stderr.hasPrefix("Error: "))
        #expect(output.stderr.contains("Usage: uppfoljning"))
    }

    @Test("Help and the version exit 0")
    func help() throws {
        for arguments in [["--help"], ["report", "--help"], ["report", "annual", "--help"], ["--version"]] {
            #expect(try Executable.run(arguments).status == 0)
        }
    }

    @Test("The README's table is the one list: --help names the same codes")
    func oneTable() throws {
        let readme = try String(contentsOfFile: Executable.root + "/README.md", encoding: .utf8)
        let section = try #require(readme.components(separatedBy: "### Exit codes").last)
        let codes = section.components(separatedBy: "\n").prefix(while: { !$0.hasPrefix("## ") })
            .compactMap { line -> Int? in
                let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
                return cells.first.flatMap { Int($0) }
            }
        #expect(codes == [0, 1, 2, 3, 4, 70])
        let help = try Executable.run(["--help"]).stdout.replacingOccurrences(of: "\n", with: " ")
        for code in codes { #expect(help.contains(" \(code) "), "--help does not name exit code \(code)") }
        #expect(help.contains("2 configuration or usage error"))
        let operations = try String(contentsOfFile: Executable.root + "/docs/OPERATIONS.md", encoding: .utf8)
        #expect(operations.contains("README.md#exit-codes"))
    }
}
