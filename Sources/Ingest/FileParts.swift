import Dispatch

/// A large file read in parts on all cores: the parts' byte ranges, and running a reader over them.
///
/// There are more parts than cores (about one per `partBytes`), because a core that is shared with other
/// work (the hash of the file, say) reads fewer of them: `concurrentPerform` hands each part to whichever
/// core comes free, so all finish together. The results come back in file order, for the caller to add up.
enum FileParts {
    /// The ranges from `start` to `size` in parts of about `partBytes`, each after the first beginning where
    /// `boundary` finds the first record start at or after an offset; `nil` when fewer than two parts result.
    static func ranges(from start: Int, to size: Int, partBytes: Int, boundary: (Int) -> Int?) -> [Range<Int>]? {
        let count = max(2, min(256, (size - start) / max(1, partBytes)))
        var bounds = [start]
        for index in 1..<count {
            let target = max(start + (size - start) * index / count, bounds[bounds.count - 1])
            guard let next = boundary(target) else { break }
            if next > bounds[bounds.count - 1] && next < size { bounds.append(next) }
        }
        bounds.append(size)
        guard bounds.count > 2 else { return nil }
        return (1..<bounds.count).map { bounds[$0 - 1]..<bounds[$0] }
    }

    /// `read` over every range on all cores; the results in the ranges' order, or the first part's error in
    /// that order.
    static func read<Part>(
        _ ranges: [Range<Int>], _ read: @Sendable (_ index: Int, _ range: Range<Int>) throws(FileRejection) -> Part
    ) throws(FileRejection) -> [Part] {
        nonisolated(unsafe) var slots = [Result<Part, FileRejection>?](repeating: nil, count: ranges.count)
        slots.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let buffer = buffer
            DispatchQueue.concurrentPerform(iterations: ranges.count) { index in
                buffer[index] = Result { () throws(FileRejection) in try read(index, ranges[index]) }
            }
        }
        var parts: [Part] = []
        parts.reserveCapacity(ranges.count)
        for slot in slots {
            // Every slot is filled: concurrentPerform returns once every iteration has run.
            guard let slot else { continue }
            parts.append(try slot.get())
        }
        return parts
    }
}
