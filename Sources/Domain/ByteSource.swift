/// A stream of bytes read in chunks: a file, a gzip stream or memory.
package protocol ByteSource {
    /// Fills up to `buffer.count` bytes and returns how many; 0 means the end.
    ///
    /// - Throws: an error naming what failed, e.g. a corrupt gzip stream.
    mutating func read(into buffer: UnsafeMutableBufferPointer<UInt8>) throws -> Int
}

/// An error of a byte source that names the rule of the finding that refuses the file, e.g. `truncated`.
package protocol RuledError: Error {
    var rule: String { get }
}

/// Bytes already in memory.
package struct MemoryByteSource: ByteSource {
    private let bytes: [UInt8]
    private var offset = 0

    package init(_ bytes: [UInt8]) { self.bytes = bytes }

    package mutating func read(into buffer: UnsafeMutableBufferPointer<UInt8>) throws -> Int {
        let count = min(buffer.count, bytes.count - offset)
        guard count > 0, let base = buffer.baseAddress else { return 0 }
        bytes.withUnsafeBufferPointer { source in
            guard let from = source.baseAddress else { return }
            base.update(from: from + offset, count: count)
        }
        offset += count
        return count
    }
}

extension UnsafeBufferPointer where Element == UInt8 {
    /// The bytes without surrounding ASCII spaces and tabs.
    package var trimmingSpaces: UnsafeBufferPointer<UInt8> {
        var from = 0
        var to = count
        while from < to, self[from] == 0x20 || self[from] == 0x09 { from += 1 }
        while to > from, self[to - 1] == 0x20 || self[to - 1] == 0x09 { to -= 1 }
        return UnsafeBufferPointer(rebasing: self[from..<to])
    }
}
