import Foundation
import Testing

/// Runs the built `uppfoljning` binary, like swift-argument-parser's AssertExecuteCommand.
enum Executable {
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// The binary beside the test bundle (both are in the build folder), or `UPPFOLJNING_BINARY`.
    static let path: String = {
        if let override = ProcessInfo.processInfo.environment["UPPFOLJNING_BINARY"] { return override }
        var url = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        while url.path != "/" {
            let candidate = url.deletingLastPathComponent().appendingPathComponent("uppfoljning").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            url.deleteLastPathComponent()
        }
        return root + "/.build/debug/uppfoljning"
    }()

    struct Output {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    static func run(_ arguments: [String], in directory: String = root) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }

    static func temporaryDirectory() throws -> String {
        let directory = NSTemporaryDirectory() + "e2e-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        return directory
    }
}

/// Golden files beside the tests: recorded only when missing or with `RECORD_GOLDEN=1`, and a recording run
/// fails so it cannot pass by accident. A mismatch shows the first differing lines.
enum Golden {
    static let directory = Executable.root + "/Tests/EndToEndTests/golden"

    static func check(_ actual: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let path = directory + "/" + name
        let record = ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1"
        guard !record, let expected = try? String(contentsOfFile: path, encoding: .utf8) else {
            try? actual.write(toFile: path, atomically: true, encoding: .utf8)
            Issue.record(
                "recorded golden file \(name); review it and run the tests again", sourceLocation: sourceLocation)
            return
        }
        guard expected != actual else { return }
        let expectedLines = expected.components(separatedBy: "\n")
        let actualLines = actual.components(separatedBy: "\n")
        var diff: [String] = []
        for index in 0..<max(expectedLines.count, actualLines.count) where diff.count < 20 {
            let e = index < expectedLines.count ? expectedLines[index] : "<none>"
            let a = index < actualLines.count ? actualLines[index] : "<none>"
            if e != a { diff += ["line \(index + 1):", "- \(e)", "+ \(a)"] }
        }
        Issue.record(
            "\(name) differs from its golden file (RECORD_GOLDEN=1 scripts/test to accept):\n\(diff.joined(separator: "\n"))",
            sourceLocation: sourceLocation)
    }
}
