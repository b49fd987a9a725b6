import Domain
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The lock that keeps two runs off one warehouse: an exclusive `flock` on `<warehouse>.lock`.
///
/// The kernel drops the lock when the process ends, however it ends (SIGKILL included), so a crashed run
/// never leaves a stale lock behind. The file records the holder's pid and start time for the message a
/// second run prints.
package final class RunLock {
    let path: String
    private var descriptor: Int32

    /// Takes the lock or fails at once.
    ///
    /// - Throws: `PipelineError.locked` naming the holder when another run has it.
    package init(warehouse: String) throws(PipelineError) {
        path = warehouse + ".lock"
        let directory = (path as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw .warehouse(
                .cannotOpen(path: path, reason: "cannot open the lock file: \(String(cString: strerror(errno)))"))
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            var holder =
                (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
                ?? ""
            if holder.isEmpty { holder = "holder unknown" }
            close(descriptor)
            descriptor = -1
            throw .locked(Finding(SourceLocation(file: path), .locked(holder: holder)))
        }
        let note = "pid \(getpid()), started \(ISO8601DateFormatter().string(from: Date()))\n"
        _ = ftruncate(descriptor, 0)
        _ = note.withCString { pwrite(descriptor, $0, strlen($0), 0) }
    }

    /// Releases the lock (also done by the kernel when the process ends).
    package func release() {
        guard descriptor >= 0 else { return }
        _ = ftruncate(descriptor, 0)
        flock(descriptor, LOCK_UN)
        close(descriptor)
        descriptor = -1
    }

    deinit { release() }
}
