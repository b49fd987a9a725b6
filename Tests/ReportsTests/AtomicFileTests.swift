import Foundation
import Testing

@testable import Reports

@Suite("AtomicFile")
struct AtomicFileTests {
    @Test("Writes through a temporary file and leaves none behind")
    func write() throws {
        let directory = NSTemporaryDirectory() + "atomic-" + UUID().uuidString
        let path = directory + "/sub/report.html"
        try AtomicFile.write("one", to: path)
        try AtomicFile.write("two", to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "two")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory + "/sub") == ["report.html"])
    }

    @Test("A folder that cannot be created is an error naming the path")
    func failure() {
        #expect(throws: AtomicFile.WriteError.self) { try AtomicFile.write("x", to: "/proc/nope/report.html") }
    }
}
