import Foundation
import Testing

@testable import Domain

#if canImport(Glibc)
    import Glibc
#endif

@Suite("RegularFile")
struct RegularFileTests {
    /// A folder with a regular file, a link to it, a pipe, a sub-folder and a linked folder that leads out.
    static func folder() throws -> (inbox: String, outside: String) {
        let root = NSTemporaryDirectory() + "regular-" + UUID().uuidString
        let inbox = root + "/inbox"
        let outside = root + "/outside"
        for folder in [inbox + "/sub", outside] {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
        try "ok\n".write(toFile: inbox + "/file.csv", atomically: false, encoding: .utf8)
        try "secret\n".write(toFile: outside + "/secret.csv", atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(
            atPath: inbox + "/link.csv", withDestinationPath: inbox + "/file.csv")
        try FileManager.default.createSymbolicLink(atPath: inbox + "/away", withDestinationPath: outside)
        _ = mkfifo(inbox + "/pipe.csv", 0o644)
        return (inbox, outside)
    }

    @Test("Only a regular file inside its folder is read; links, pipes, folders and linked folders are refused")
    func refusals() throws {
        let (inbox, outside) = try Self.folder()
        #expect(RegularFile.check(inbox + "/file.csv", inside: inbox) == nil)
        #expect(try RegularFile.contents(of: inbox + "/file.csv", inside: inbox).get() == Array("ok\n".utf8))
        #expect(RegularFile.check(inbox + "/link.csv", inside: inbox) == .symbolicLink)
        #expect(RegularFile.check(inbox + "/pipe.csv", inside: inbox) == .notRegular)
        #expect(RegularFile.check(inbox + "/sub", inside: inbox) == .notRegular)
        let resolved = try #require(RegularFile.resolve(outside + "/secret.csv"))
        #expect(
            RegularFile.check(inbox + "/away/secret.csv", inside: inbox)
                == .outsideFolder(resolved: resolved, folder: inbox))
        #expect(RegularFile.check(inbox + "/missing.csv", inside: inbox)?.rule == "unreadable")
    }

    @Test("open(_:) never follows a link and refuses what is not a regular file, on the descriptor")
    func open() throws {
        let (inbox, _) = try Self.folder()
        guard case .success(let descriptor) = RegularFile.open(inbox + "/file.csv") else {
            Issue.record("expected the regular file to open")
            return
        }
        close(descriptor)
        #expect(RegularFile.open(inbox + "/link.csv") == .failure(.symbolicLink))
        #expect(RegularFile.open(inbox + "/pipe.csv") == .failure(.notRegular))
        #expect(RegularFile.open(inbox + "/sub") == .failure(.notRegular))
    }
}
