import Foundation
import Logging
import TestSupport
import Testing

@testable import Domain
@testable import Pipeline

@Suite("Reading ahead of the store")
struct ReadAheadTests {
    /// What the workers did, seen from the consumer.
    final class Log: @unchecked Sendable {
        private let lock = NSLock()
        private var consumed = 0
        private(set) var started: [Int] = []
        private(set) var furthestAhead = 0

        func start(_ index: Int) {
            lock.withLock {
                started.append(index)
                furthestAhead = max(furthestAhead, index - consumed)
            }
        }

        func consume() { lock.withLock { consumed += 1 } }
        var startedCount: Int { lock.withLock { started.count } }
    }

    @Test("Every value comes in order, computed once, never more than `workers` ahead of the consumer")
    func order() {
        let log = Log()
        let ahead = ReadAhead(count: 60, workers: 2) { index -> Int in
            log.start(index)
            usleep(UInt32((index * 7919) % 5) * 200)
            return index * index
        }
        defer { ahead.stop() }
        for index in 0..<60 {
            #expect(ahead.value(at: index) == index * index)
            log.consume()
        }
        #expect(log.started.sorted() == Array(0..<60))
        // The consumer has taken `consumed` values; a worker may start at most index consumed + workers - 1.
        #expect(log.furthestAhead <= 2)
    }

    @Test("Stopping after a few values ends the workers without computing the rest")
    func stop() {
        let log = Log()
        let ahead = ReadAhead(count: 100, workers: 2) { index -> Int in
            log.start(index)
            return index
        }
        for index in 0..<3 {
            _ = ahead.value(at: index)
            log.consume()
        }
        ahead.stop()
        let afterStop = log.startedCount
        #expect(afterStop <= 3 + 2)
        usleep(20_000)
        #expect(log.startedCount == afterStop)
    }

    @Test("No files, one worker or more workers than files: all work")
    func edges() {
        ReadAhead(count: 0, workers: 2) { $0 }.stop()
        let one = ReadAhead(count: 3, workers: 1) { $0 + 1 }
        #expect((0..<3).map { one.value(at: $0) } == [1, 2, 3])
        one.stop()
        let many = ReadAhead(count: 2, workers: 8) { $0 }
        #expect((0..<2).map { many.value(at: $0) } == [0, 1])
        many.stop()
    }
}

@Suite("Files read side by side")
struct ParallelIngestTests {
    @Test(
        "Two files with the same content in one run: the first in planned order is loaded, the second skipped",
        arguments: [false, true])
    func sameContent(hashBeside: Bool) throws {
        let directory = try LedgerInbox.make("same-content")
        let body = "Bokföringsdatum;Ansvar;Konto;Belopp;Text\r\n2025-03-05;41010;5011;100,00;Lön\r\n"
        for name in ["a.csv", "b.csv", "c.csv"] {
            try body.write(toFile: directory + "/ledger/" + name, atomically: true, encoding: .utf8)
        }
        var pipeline = try LedgerInbox.pipeline(directory)
        // Hashed while read (as large files are), the duplicates' readings are thrown away all the same.
        if hashBeside { pipeline.hashBesideThreshold = 0 }
        let warehouse = try pipeline.openWarehouse()
        let summary = try pipeline.ingest(into: warehouse, asOf: try #require(Day("2025-12-31")))
        #expect(summary.files.map(\.kind) == [.loaded, .skipped, .skipped])
        #expect(summary.files.map { $0.path.suffix(5) } == ["a.csv", "b.csv", "c.csv"])
        #expect(summary.files[1].failure?.rule == "already-loaded")
        #expect(try warehouse.counts().facts == 1)
    }

    @Test("A run over many files stores them in the planned order, whatever order they finish reading in")
    func plannedOrder() throws {
        let directory = try LedgerInbox.make("planned-order")
        for month in 1...9 {
            // Larger files first, so later files tend to finish reading before earlier ones.
            var body = "Bokföringsdatum;Ansvar;Konto;Belopp;Text\r\n"
            for _ in 0..<((10 - month) * 2_000) { body += "2025-0\(month)-05;41010;5011;1,00;Lön\r\n" }
            try body.write(toFile: directory + "/ledger/m\(month).csv", atomically: true, encoding: .utf8)
        }
        let pipeline = try LedgerInbox.pipeline(directory)
        let warehouse = try pipeline.openWarehouse()
        let summary = try pipeline.ingest(into: warehouse, asOf: try #require(Day("2025-12-31")))
        #expect(summary.files.map { String($0.path.suffix(6)) } == (1...9).map { "m\($0).csv" })
        #expect(summary.loaded == 9)
        let stored = try warehouse.loadedFiles().map { String($0.path.suffix(6)) }
        #expect(stored == (1...9).map { "m\($0).csv" })
    }
}
