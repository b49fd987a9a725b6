import Foundation

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

    package static func write(_ text: String, to path: String) throws(WriteError) {
        let directory = (path as NSString).deletingLastPathComponent
        let temporary = (directory as NSString).appendingPathComponent(
            ".\((path as NSString).lastPathComponent).tmp-\(getpid())")
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            guard FileManager.default.createFile(atPath: temporary, contents: Data(text.utf8)) else {
                throw CocoaError(.fileWriteUnknown)
            }
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: temporary))
            try handle.synchronize()
            try handle.close()
            guard rename(temporary, path) == 0 else {
                throw CocoaError(
                    .fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: String(cString: strerror(errno))])
            }
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw .failed(path: path, reason: error.localizedDescription)
        }
    }
}
