import CZlib
import Domain

/// Why an input file cannot be opened or read.
package enum InputFileError: Error, Hashable, Sendable, CustomStringConvertible {
    case cannotOpen(path: String)
    case readFailed(path: String, reason: String)

    package var description: String {
        switch self {
        case .cannotOpen(let path): return "cannot open '\(path)'"
        case .readFailed(let path, let reason): return "reading '\(path)' failed: \(reason)"
        }
    }
}

/// A file read through zlib's `gzread`, which passes plain files through unchanged and decompresses `.gz`
/// files transparently, so every reader takes gzipped exports for free.
package final class FileByteSource: ByteSource {
    private let file: gzFile
    package let path: String

    package init(path: String) throws(InputFileError) {
        guard let file = gzopen(path, "rb") else { throw .cannotOpen(path: path) }
        gzbuffer(file, 1 << 17)
        self.file = file
        self.path = path
    }

    deinit { gzclose(file) }

    package func read(into buffer: UnsafeMutableBufferPointer<UInt8>) throws -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        let count = gzread(file, base, UInt32(min(buffer.count, Int(Int32.max))))
        if count < 0 {
            var code: Int32 = 0
            let message = gzerror(file, &code).map { String(cString: $0) } ?? "unknown zlib error"
            throw InputFileError.readFailed(path: path, reason: message)
        }
        return Int(count)
    }
}
