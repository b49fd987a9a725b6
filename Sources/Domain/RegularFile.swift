import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Opens untrusted files (inbox exports, analysts' commentary) without following symbolic links, and only
/// when they are regular files inside their configured folder.
///
/// External providers upload into the inboxes: a link there to a system file would otherwise be read, and
/// its first line quoted in a message; a commentary file linked to one would be published.
package enum RegularFile {
    /// Why a file is not read.
    package enum Refusal: Error, Hashable, Sendable {
        /// The path is a symbolic link.
        case symbolicLink
        /// The path is a folder, a device, a pipe or a socket.
        case notRegular
        /// The path resolves to a place outside its configured folder (through a linked folder).
        case outsideFolder(resolved: String, folder: String)
        /// The file cannot be opened (the reason from the system).
        case cannotOpen(String)

        /// The rule name used in findings.
        package var rule: String {
            switch self {
            case .symbolicLink: return "symlink"
            case .notRegular: return "not-regular-file"
            case .outsideFolder: return "outside-folder"
            case .cannotOpen: return "unreadable"
            }
        }

        /// What is wrong, in the words of a finding.
        package var message: String {
            switch self {
            case .symbolicLink: return Diagnostic.symbolicLink.message
            case .notRegular:
                return "the file is not a regular file (a folder, device, pipe or socket): only regular files are read"
            case .outsideFolder(let resolved, let folder):
                return "the file resolves to '\(resolved)', outside its folder '\(folder)': it is not read"
            case .cannotOpen(let reason): return "cannot open the file: \(reason)"
            }
        }

        /// The refusal as a finding on `file`.
        package func finding(file: String, severity: Severity = .error, adding note: String = "") -> Finding {
            Finding(SourceLocation(file: file), rule: rule, severity: severity, message: message + note)
        }
    }

    /// Opens `path` read-only without following a symbolic link in its last component, and checks that what
    /// was opened is a regular file (checked on the descriptor, so a file swapped after a check is caught).
    ///
    /// - Returns: the open descriptor, which the caller closes, or the refusal.
    package static func open(_ path: String) -> Result<Int32, Refusal> {
        // O_NONBLOCK: opening a pipe must not wait for a writer; it has no effect on a regular file.
        let descriptor = Glibc.open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else {
            return .failure(errno == ELOOP ? .symbolicLink : .cannotOpen(String(cString: strerror(errno))))
        }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            close(descriptor)
            return .failure(.notRegular)
        }
        return .success(descriptor)
    }

    /// Checks `path` without opening it: not a symbolic link, a regular file, and resolved inside `folder`
    /// (both resolved, so a configured folder that is itself a link is fine).
    package static func check(_ path: String, inside folder: String) -> Refusal? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return .cannotOpen(String(cString: strerror(errno))) }
        if info.st_mode & S_IFMT == S_IFLNK { return .symbolicLink }
        guard info.st_mode & S_IFMT == S_IFREG else { return .notRegular }
        guard let resolved = resolve(path), let base = resolve(folder) else {
            return .cannotOpen(String(cString: strerror(errno)))
        }
        guard resolved.hasPrefix(base.hasSuffix("/") ? base : base + "/") else {
            return .outsideFolder(resolved: resolved, folder: folder)
        }
        return nil
    }

    /// The bytes of `path`, read as `check(_:inside:)` and `open(_:)` allow.
    package static func contents(of path: String, inside folder: String) -> Result<[UInt8], Refusal> {
        if let refusal = check(path, inside: folder) { return .failure(refusal) }
        let descriptor: Int32
        switch open(path) {
        case .failure(let refusal): return .failure(refusal)
        case .success(let opened): descriptor = opened
        }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                return .failure(.cannotOpen(String(cString: strerror(errno))))
            }
            if count == 0 { break }
            bytes += chunk[0..<count]
        }
        return .success(bytes)
    }

    /// The path with every link and `..` resolved, or `nil` when it does not exist.
    static func resolve(_ path: String) -> String? {
        guard let pointer = realpath(path, nil) else { return nil }
        defer { free(pointer) }
        return String(cString: pointer)
    }
}
