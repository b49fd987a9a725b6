import Domain
import Foundation
import Logging

/// A swift-log handler that appends one line per message to the run log: `2025-09-01T02:00:03Z info …`.
///
/// Messages are the same as on the console: finding texts and counts, never personal data.
package struct FileLogHandler: LogHandler {
    package var logLevel: Logger.Level = .info
    package var metadata: Logger.Metadata = [:]
    let handle: FileHandle

    /// Opens (creating) the log file for appending; `nil` when it cannot be written.
    package init?(path: String) {
        let directory = (path as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        if !FileManager.default.fileExists(atPath: path) {
            _ = FileManager.default.createFile(atPath: path, contents: nil)
        }
        guard let handle = FileHandle(forWritingAtPath: path) else { return nil }
        handle.seekToEndOfFile()
        self.handle = handle
    }

    package subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    package func log(event: LogEvent) {
        let time = ISO8601DateFormatter().string(from: Date())
        handle.write(Data("\(time) \(event.level) \(MessageText.safe(event.message.description))\n".utf8))
    }
}
