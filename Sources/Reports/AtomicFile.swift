import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Writes a file so a reader never sees half of it: a temporary file beside the target, then a rename.
package enum AtomicFile {
    package enum WriteError: Error, CustomStringConvertible {
        case failed(path: String, reason: String)

        package var description: String {
            switch self {
            case .failed(let path, let reason): return "cannot write '\(path)': \(reason)"
            }
        }
    }

    /// Removes temporary files a killed writer left in `directory` (`.<name>.tmp-<pid>`). Call it only while
    /// holding the run lock, so no live writer's file is taken.
    ///
    /// - Returns: the names removed.
    @discardableResult
    package static func removeStale(in directory: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        let stale = names.filter { $0.hasPrefix(".") && ($0.contains(".tmp-") || $0.hasPrefix(".dat.nosync")) }.sorted()
        for name in stale {
            try? FileManager.default.removeItem(atPath: (directory as NSString).appendingPathComponent(name))
        }
        return stale
    }

    /// Whether `name` is one path component: not empty, not `.` or `..`, without `/` or NUL. A name built
    /// from data (a unit id) must never climb out of, or below, the folder it is written into.
    package static func isSingleComponent(_ name: String) -> Bool {
        !name.isEmpty && name != "." && name != ".." && !name.utf8.contains(where: { $0 == 0x2F || $0 == 0 })
    }

    /// Writes `text` to the file `name` in `directory` through a temporary file and a rename.
    ///
    /// - Parameters:
    ///   - name: the file's name, one path component; anything else (`a/b`, `..`) is refused.
    ///   - syncFolder: also flush the folder, making the rename itself durable; a caller writing many
    ///     files into one folder passes `false` and calls `syncFolder(_:)` once at the end.
    /// - Throws: `WriteError.failed` when the name is not one component or the file cannot be written.
    package static func write(
        _ text: String, named name: String, in directory: String, syncFolder: Bool = true
    ) throws(WriteError) {
        try write(bytes: Array(text.utf8), named: name, in: directory, syncFolder: syncFolder)
    }

    /// Writes `bytes` to `directory/name` through a temporary file and a rename, as `write(_:named:in:syncFolder:)`.
    package static func write(
        bytes: [UInt8], named name: String, in directory: String, syncFolder: Bool = true
    ) throws(WriteError) {
        let path = (directory as NSString).appendingPathComponent(name)
        guard isSingleComponent(name) else {
            throw .failed(path: path, reason: "the file name '\(name)' is not a single path component")
        }
        let temporary = (directory as NSString).appendingPathComponent(".\(name).tmp-\(getpid())")
        func failure(_ what: String) -> WriteError {
            .failed(path: path, reason: "\(what): \(String(cString: strerror(errno)))")
        }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw .failed(path: path, reason: error.localizedDescription)
        }
        // Plain POSIX calls: one temporary file of our own name (Foundation's createFile would add a
        // temporary file of its own that a killed process leaves behind), flushed to disk before the rename.
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw failure("cannot create the temporary file") }
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { buffer in
                Glibc.write(descriptor, buffer.baseAddress.map { $0 + written }, buffer.count - written)
            }
            if count < 0 {
                if errno == EINTR { continue }
                let error = failure("cannot write the temporary file")
                close(descriptor)
                unlink(temporary)
                throw error
            }
            written += count
        }
        guard fsync(descriptor) == 0, close(descriptor) == 0 else {
            let error = failure("cannot flush the temporary file")
            unlink(temporary)
            throw error
        }
        guard rename(temporary, path) == 0 else {
            let error = failure("cannot rename the temporary file into place")
            unlink(temporary)
            throw error
        }
        if syncFolder { Self.syncFolder(directory) }
    }

    /// Flushes a folder's entries to disk, so the renames into it survive a power cut.
    package static func syncFolder(_ directory: String) {
        let folder = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folder >= 0 {
            _ = fsync(folder)
            close(folder)
        }
    }
}
