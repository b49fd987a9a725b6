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
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
                    paths.append(path)
                }
            }
        }
        return paths.sorted()
    }

    /// Whether `path` (absolute) matches a source's inbox glob.
    static func matches(_ path: String, pattern: String) -> Bool { fnmatch(pattern, path, 0) == 0 }

    /// A path relative to the current directory when it lies below it, for messages.
    static func display(_ path: String) -> String {
        let cwd = FileManager.default.currentDirectoryPath
        return path.hasPrefix(cwd + "/") ? String(path.dropFirst(cwd.count + 1)) : path
    }

    static func absolute(_ path: String) -> String {
        let joined =
            path.hasPrefix("/")
            ? path : (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(path)
        return (joined as NSString).standardizingPath
    }
}
