import Domain
import Foundation

/// Finds the files waiting in the sources' inbox folders.
enum Inbox {
    /// The files matching an absolute glob, sorted by path so loads happen in a stable order.
    static func files(matching pattern: String) -> [String] {
        var result = glob_t()
        defer { globfree(&result) }
        guard glob(pattern, 0, nil, &result) == 0 else { return [] }
        var paths: [String] = []
        for index in 0..<Int(result.gl_pathc) {
            if let pointer = result.gl_pathv[index], let path = String(validatingCString: pointer) {
                // Folders are passed over; a link (to anything) is kept, so that it is refused by name.
                var info = stat()
                if lstat(path, &info) == 0, info.st_mode & S_IFMT != S_IFDIR { paths.append(path) }
            }
        }
        return paths.sorted()
    }

    /// The folder an inbox glob lies in: its leading path components without a glob character
    /// (`/srv/inbox/ledger/*.csv` → `/srv/inbox/ledger`).
    static func folder(of pattern: String) -> String {
        var folder = (pattern as NSString).deletingLastPathComponent
        while folder.contains(where: { "*?[".contains($0) }) {
            folder = (folder as NSString).deletingLastPathComponent
        }
        return folder.isEmpty ? "/" : folder
    }

    /// Why an inbox file is not read, or `nil`: a symbolic link, not a regular file, or resolved outside
    /// the folder of the source's inbox glob.
    static func refusal(_ path: String, pattern: String, display: String) -> Finding? {
        RegularFile.check(path, inside: folder(of: pattern)).map { $0.finding(file: display) }
    }

    /// Whether `path` (absolute) matches a source's inbox glob.
    static func matches(_ path: String, pattern: String) -> Bool { fnmatch(pattern, path, 0) == 0 }
}
