import Foundation
import Testing

@testable import Reports

@Suite("AtomicFile")
struct AtomicFileTests {
    @Test("Writes through a temporary file and leaves none behind")
    func write() throws {
        let directory = NSTemporaryDirectory() + "atomic-" + UUID().uuidString
        let path = directory + "/sub/report.html"
        try AtomicFile.write("one", named: "report.html", in: directory + "/sub")
        try AtomicFile.write("two", named: "report.html", in: directory + "/sub")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "two")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory + "/sub") == ["report.html"])
    }

    @Test("A folder that cannot be created is an error naming the path")
    func failure() {
        #expect(throws: AtomicFile.WriteError.self) {
            try AtomicFile.write("x", named: "report.html", in: "/proc/nope")
        }
    }

    @Test(
        "A name that is not one path component is refused, and nothing is written anywhere",
        arguments: ["enhet-2025-x/../../../../../elsewhere/evil.html", "a/b.html", "..", ".", "", "x\u{0}.html"])
    func notOneComponent(name: String) throws {
        let directory = NSTemporaryDirectory() + "atomic-" + UUID().uuidString + "/out"
        #expect(throws: AtomicFile.WriteError.self) { try AtomicFile.write("x", named: name, in: directory) }
        #expect(!FileManager.default.fileExists(atPath: directory))
        do {
            try AtomicFile.write("x", named: name, in: directory)
        } catch {
            #expect(error.description.contains("is not a single path component"))
        }
    }
}
