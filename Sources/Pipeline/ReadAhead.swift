import Foundation

/// Workers for a `ReadAhead` on this machine: one per core, at most four. Each holds a file or a report in
/// memory, so on a large server more would multiply the memory a run needs.
let readAheadWorkers = min(4, max(1, ProcessInfo.processInfo.activeProcessorCount))

/// Computes values for indexes 0..<count on worker threads, a bounded distance ahead of a consumer that
/// takes them in order.
///
/// The nightly ingest reads files (hashing, parsing, aggregating: pure work) on the machine's cores while
/// it stores the previous file in the warehouse, one at a time and in the planned order. At most `workers`
/// values are computed or waiting beyond the one being consumed, so memory stays that of a few files
/// whatever the number of files.
final class ReadAhead<Value>: @unchecked Sendable {
    private let condition = NSCondition()
    private let count: Int
    private let workers: Int
    private let work: (Int) -> Value
    private var results: [Value?]
    /// The next index a worker takes; the number of values the consumer took.
    private var next = 0
    private var consumed = 0
    private var stopped = false
    private var running = 0

    init(count: Int, workers: Int, work: @escaping (Int) -> Value) {
        self.count = count
        self.workers = max(1, workers)
        self.work = work
        results = Array(repeating: nil, count: count)
        let started = min(self.workers, count)
        running = started
        for _ in 0..<started {
            let thread = Thread { [self] in self.run() }
            thread.stackSize = 8 << 20
            thread.start()
        }
    }

    private func run() {
        while true {
            condition.lock()
            while !stopped && next < count && next >= consumed + workers { condition.wait() }
            guard !stopped, next < count else {
                running -= 1
                condition.broadcast()
                condition.unlock()
                return
            }
            let index = next
            next += 1
            condition.unlock()
            let value = work(index)
            condition.lock()
            results[index] = value
            condition.broadcast()
            condition.unlock()
        }
    }

    /// The value for `index`, waiting until a worker has computed it; indexes must be taken in order.
    func value(at index: Int) -> Value {
        condition.lock()
        defer { condition.unlock() }
        precondition(index == consumed, "ReadAhead values are taken in order")
        while true {
            if let value = results[index] {
                results[index] = nil
                consumed += 1
                condition.broadcast()
                return value
            }
            condition.wait()
        }
    }

    /// Lets the workers finish the value each has begun, starts no more, and waits until they have ended.
    func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        while running > 0 { condition.wait() }
        condition.unlock()
    }
}

/// Work started on a thread of its own, for the caller to collect once it has done its own part: the
/// SHA-256 of a large file, computed while the same file is read on the other cores.
final class Beside<Value>: @unchecked Sendable {
    private let condition = NSCondition()
    private var value: Value?

    init(_ work: @escaping @Sendable () -> Value) {
        let thread = Thread { [self] in
            let result = work()
            condition.lock()
            value = result
            condition.broadcast()
            condition.unlock()
        }
        thread.stackSize = 1 << 20
        thread.start()
    }

    /// The work's result, once it is done; asked again, the same result.
    func wait() -> Value {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if let value { return value }
            condition.wait()
        }
    }
}
