import Foundation
import Logging
import TestSupport
import Testing

@testable import Domain
@testable import Pipeline
@testable import Warehouse

@Suite("A file that changes while it is read")
struct ChangingFileTests {
    @Test(
        "is refused whole with [file-changed], stores nothing, and loads on the next run once it is still",
        arguments: [false, true])
    func changing(hashBeside: Bool) throws {
        let directory = try LedgerInbox.make("changing")
        let path = directory + "/ledger/growing.csv"
        var body = "Bokföringsdatum;Ansvar;Konto;Belopp;Text\r\n"
        for day in 0..<200_000 { body += "2025-03-\(String(format: "%02d", day % 28 + 1));41010;5011;1,00;rad\r\n" }
        try body.write(toFile: path, atomically: true, encoding: .utf8)

        var pipeline = try LedgerInbox.pipeline(directory)
        if hashBeside { pipeline.hashBesideThreshold = 0 }
        let warehouse = try pipeline.openWarehouse()
        // A writer appends rows while the ingest hashes and reads the file.
        let writing = ManagedAtomicFlag()
        let writer = Thread {
            guard let handle = FileHandle(forWritingAtPath: path) else { return }
            handle.seekToEndOfFile()
            while !writing.isDone {
                handle.write(Data("2025-03-28;41010;5011;1,00;sen rad\r\n".utf8))
                usleep(200)
            }
            try? handle.close()
        }
        writer.start()
        let first = try pipeline.ingest(into: warehouse, asOf: try #require(Day("2025-12-31")))
        writing.finish()
        while !writer.isFinished { usleep(1_000) }
        #expect(first.failed == 1)
        #expect(first.files.first?.failure?.rule == "file-changed")
        #expect(
            first.files.first?.failure?.description
                == "\(Config.displayPath(path)): error: [file-changed] the file changed while it was read (still being written?): not loaded; the next run reads it again"
        )
        #expect(try warehouse.counts().facts == 0)
        let second = try pipeline.ingest(into: warehouse, asOf: try #require(Day("2025-12-31")))
        #expect(second.loaded == 1)
    }
}

@Suite("The hash of an unchanged file is remembered")
struct FileIdentityTests {
    @Test("An unchanged file is recognised without reading it; a rewritten one is hashed and loaded again")
    func identity() throws {
        let directory = try LedgerInbox.make("identity")
        let path = directory + "/ledger/huvudbok.csv"
        let header = "Bokföringsdatum;Ansvar;Konto;Belopp;Text\r\n"
        try (header + "2025-03-05;41010;5011;100,00;Lön\r\n").write(toFile: path, atomically: true, encoding: .utf8)
        let pipeline = try LedgerInbox.pipeline(directory)
        let warehouse = try pipeline.openWarehouse()
        let asOf = try #require(Day("2025-12-31"))
        let first = try pipeline.ingest(into: warehouse, asOf: asOf)
        let sha = try #require(first.files.first?.sha256)
        let identity = Pipeline.identity(of: path)
        #expect(try warehouse.knownHash(path: path, identity: identity) == sha)
        let second = try pipeline.ingest(into: warehouse, asOf: asOf)
        #expect(second.skipped == 1 && second.files.first?.sha256 == sha)
        // Rewritten with other content: a new identity, so it is hashed again and loaded as a new export.
        try (header + "2025-03-05;41010;5011;250,00;Lön\r\n").write(toFile: path, atomically: true, encoding: .utf8)
        let third = try pipeline.ingest(into: warehouse, asOf: asOf)
        #expect(third.loaded == 1 && third.files.first?.sha256 != sha)
    }
}

/// A temporary folder with fixtures/bad's config whose ledger inbox is the folder's `ledger/`.
enum LedgerInbox {
    static func make(_ name: String) throws -> String {
        let directory = NSTemporaryDirectory() + name + "-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory + "/ledger", withIntermediateDirectories: true)
        let text = try String(contentsOfFile: Fixtures.path("bad/kommun.toml"), encoding: .utf8)
            .replacingOccurrences(of: "\"enheter.csv\"", with: "\"\(Fixtures.path("bad/enheter.csv"))\"")
            .replacingOccurrences(of: "inbox = \"ledger/*\"", with: "inbox = \"\(directory)/ledger/*\"")
        try text.write(toFile: directory + "/kommun.toml", atomically: true, encoding: .utf8)
        return directory
    }

    /// The pipeline of an inbox made by `make`, with its warehouse and output folder inside it.
    static func pipeline(_ directory: String) throws -> Pipeline {
        try Pipeline(
            configPath: directory + "/kommun.toml", warehouse: directory + "/w.sqlite", output: directory + "/out",
            logger: Logger(label: "test"))
    }
}

/// A flag one thread sets and another polls.
final class ManagedAtomicFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var done = false
    var isDone: Bool { lock.withLock { done } }
    func finish() { lock.withLock { done = true } }
}
