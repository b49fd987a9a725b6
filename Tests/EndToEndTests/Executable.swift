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
        // Both pipes are drained at once: a child that fills one (64 KB) while the other is read would block
        // for ever.
        final class Drained: @unchecked Sendable { var data = Data() }
        let drained = Drained()
        let done = DispatchSemaphore(value: 0)
        let errors = err.fileHandleForReading
        Thread {
            drained.data = errors.readDataToEndOfFile()
            done.signal()
        }.start()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        done.wait()
        let stderr = drained.data
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

/// Golden files beside the tests: recorded only with `RECORD_GOLDEN=1`, and a recording run
/// fails so it cannot pass by accident. A mismatch shows the first differing lines.
enum Golden {
    static let directory = Executable.root + "/Tests/EndToEndTests/golden"

    /// Compares a written output byte for byte (a BOM included) with its golden file.
    ///
    /// Golden files change only on request: `RECORD_GOLDEN=1 swift test --filter DemoRun` rewrites them;
    /// without it a missing or different golden file fails the test and nothing is written.
    static func check(file: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let path = directory + "/" + name
        guard let actual = FileManager.default.contents(atPath: file) else {
            Issue.record("output \(file) was not written", sourceLocation: sourceLocation)
            return
        }
        if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" {
            FileManager.default.createFile(atPath: path, contents: actual)
            Issue.record(
                "recorded golden file \(name); review it and run the tests again", sourceLocation: sourceLocation)
            return
        }
        guard let expected = FileManager.default.contents(atPath: path) else {
            Issue.record(
                "no golden file \(name); record it with RECORD_GOLDEN=1 swift test --filter DemoRun",
                sourceLocation: sourceLocation)
            return
        }
        guard expected != actual else { return }
        let expectedLines = String(decoding: expected, as: UTF8.self).components(separatedBy: "\n")
        let actualLines = String(decoding: actual, as: UTF8.self).components(separatedBy: "\n")
        var diff: [String] = []
        for index in 0..<max(expectedLines.count, actualLines.count) where diff.count < 20 {
            let e = index < expectedLines.count ? expectedLines[index] : "<none>"
            let a = index < actualLines.count ? actualLines[index] : "<none>"
            if e != a { diff += ["line \(index + 1):", "- \(e)", "+ \(a)"] }
        }
        if diff.isEmpty { diff = ["(the bytes differ: a byte-order mark or line endings)"] }
        Issue.record(
            "\(name) differs from its golden file (RECORD_GOLDEN=1 swift test --filter DemoRun to accept):\n\(diff.joined(separator: "\n"))",
            sourceLocation: sourceLocation)
    }
}
