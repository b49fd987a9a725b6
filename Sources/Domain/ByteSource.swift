/// A stream of bytes read in chunks: a file, a gzip stream or memory.
package protocol ByteSource {
    /// Fills up to `buffer.count` bytes and returns how many; 0 means the end.
    ///
    /// - Throws: an error naming what failed, e.g. a corrupt gzip stream.
    mutating func read(into buffer: UnsafeMutableBufferPointer<UInt8>) throws -> Int
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
