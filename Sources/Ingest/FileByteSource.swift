import CZlib
import Domain

#if canImport(Glibc)
    import Glibc
#endif

/// Why an input file cannot be opened or read.
package enum InputFileError: Error, Hashable, Sendable, CustomStringConvertible {
    case cannotOpen(path: String)
    case readFailed(path: String, reason: String)
    /// Not a regular file, or a symbolic link (which is never followed).
    case refused(path: String, RegularFile.Refusal)

    package var description: String {
        switch self {
        case .cannotOpen(let path): return "cannot open '\(path)'"
        case .readFailed(let path, let reason): return "reading '\(path)' failed: \(reason)"
        case .refused(_, let refusal): return refusal.message
        }
    }
}

/// A file as a stream of bytes: gzip-compressed files (recognised by their magic bytes, whatever their
/// name) are decompressed through zlib, plain files are read with `pread` straight into the caller's
/// buffer, optionally only a byte range of them (for parsing a file in parts on several cores).
package final class FileByteSource: ByteSource {
    private enum Mode {
        case gzip(gzFile)
        case plain(fd: Int32, offset: Int, end: Int)
    }

    private var mode: Mode
    package let path: String
    /// Opens a whole file.
    package convenience init(path: String) throws(InputFileError) {
        try self.init(path: path, range: nil)
    }

    /// Opens a plain file's byte range `range`, or the whole file when `range` is `nil`. A range of a
    /// compressed file is an error.
    package init(path: String, range: Range<Int>?) throws(InputFileError) {
        self.path = path
        let fd: Int32
        switch RegularFile.open(path) {
        case .success(let descriptor): fd = descriptor
        case .failure(.cannotOpen): throw .cannotOpen(path: path)
        case .failure(let refusal): throw .refused(path: path, refusal)
        }
        var magic: [UInt8] = [0, 0]
        let count = pread(fd, &magic, 2, 0)
        if count == 2, magic[0] == 0x1F, magic[1] == 0x8B {
            guard range == nil else {
                close(fd)
                throw .readFailed(path: path, reason: "a byte range of a compressed file")
            }
            guard let file = gzdopen(fd, "rb") else {
                close(fd)
                throw .cannotOpen(path: path)
            }
            gzbuffer(file, 1 << 17)
            mode = .gzip(file)
        } else {
            var info = stat()
            fstat(fd, &info)
            let size = Int(info.st_size)
            let bounds = range ?? 0..<size
            mode = .plain(fd: fd, offset: max(0, bounds.lowerBound), end: min(size, bounds.upperBound))
        }
    }

    deinit {
        switch mode {
        case .gzip(let file): gzclose(file)
        case .plain(let fd, _, _): close(fd)
        }
    }

    /// The size in bytes of a plain file; `nil` for a compressed one.
    package var plainSize: Int? {
        if case .plain(let fd, _, _) = mode {
            var info = stat()
            fstat(fd, &info)
            return Int(info.st_size)
        }
        return nil
    }

    package func read(into buffer: UnsafeMutableBufferPointer<UInt8>) throws -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        switch mode {
        case .gzip(let file):
            let count = gzread(file, base, UInt32(min(buffer.count, Int(Int32.max))))
            if count < 0 {
                var code: Int32 = 0
                let message = gzerror(file, &code).map { String(cString: $0) } ?? "unknown zlib error"
                throw InputFileError.readFailed(path: path, reason: message)
            }
            return Int(count)
        case .plain(let fd, let offset, let end):
            let wanted = min(buffer.count, end - offset)
            guard wanted > 0 else { return 0 }
            let count = pread(fd, base, wanted, off_t(offset))
            if count < 0 { throw InputFileError.readFailed(path: path, reason: String(cString: strerror(errno))) }
            mode = .plain(fd: fd, offset: offset + count, end: end)
            return count
        }
    }
}
