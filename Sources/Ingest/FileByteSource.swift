import CZlib
import Domain

#if canImport(Glibc)
    import Glibc
#endif

/// Why an input file cannot be opened or read.
package enum InputFileError: RuledError, Hashable, Sendable, CustomStringConvertible {
    case cannotOpen(path: String)
    case readFailed(path: String, reason: String)
    /// Not a regular file, or a symbolic link (which is never followed).
    case refused(path: String, RegularFile.Refusal)
    /// The compressed bytes end before the gzip stream's end marker (a cut upload or copy).
    case gzipTruncated
    /// zlib found the compressed data or its trailer (CRC-32, length) wrong.
    case gzipCorrupt(reason: String)
    /// Bytes that are not another gzip member follow the end of the stream.
    case gzipTrailingData
    /// The file decompresses to more than the limit (bytes).
    case tooLarge(limit: Int)

    /// The rule of the finding that refuses the file.
    package var rule: String {
        switch self {
        case .cannotOpen, .readFailed: return "unreadable"
        case .refused(_, let refusal): return refusal.rule
        case .gzipTruncated: return "truncated"
        case .gzipCorrupt: return "gzip-corrupt"
        case .gzipTrailingData: return "gzip-trailing-data"
        case .tooLarge: return "too-large"
        }
    }

    package var description: String {
        switch self {
        case .cannotOpen(let path): return "cannot open '\(path)'"
        case .readFailed(let path, let reason): return "reading '\(path)' failed: \(reason)"
        case .refused(_, let refusal): return refusal.message
        case .gzipTruncated: return Diagnostic.gzipTruncated.message
        case .gzipCorrupt(let reason):
            return "the gzip stream is damaged (zlib: \(reason)): the file is not loaded"
        case .gzipTrailingData:
            return "bytes that are not gzip follow the end of the gzip stream: the file is not loaded"
        case .tooLarge(let limit):
            return
                "the file decompresses to more than \(limit >> 20) MiB ([limits] max_decompressed_mb): the file is not loaded"
        }
    }
}

extension Finding {
    /// The finding that refuses a file whose bytes could not be read: the rule of an `InputFileError` or
    /// `CSVReadError`, otherwise `unreadable`.
    package static func unreadable(_ file: String, _ error: any Error) -> Finding {
        if let error = error as? InputFileError {
            return Finding(SourceLocation(file: file), rule: error.rule, message: error.description)
        }
        if let error = error as? CSVReadError {
            return Finding(SourceLocation(file: file, line: error.line), rule: error.rule, message: error.description)
        }
        return Finding.unreadable(file, error)
    }
}

/// A file as a stream of bytes: gzip-compressed files (recognised by their magic bytes, whatever their
/// name) are decompressed through zlib, plain files are read with `pread` straight into the caller's
/// buffer, optionally only a byte range of them (for parsing a file in parts on several cores).
///
/// A gzip file is read whole or not at all: the stream must reach its end marker with a matching CRC-32
/// and length, only further gzip members may follow it, and it may not decompress to more than
/// `maxDecompressedBytes`; otherwise `read(into:)` throws, so the reader refuses the file.
package final class FileByteSource: ByteSource {
    private enum Mode {
        case gzip(GzipStream)
        case plain(fd: Int32, offset: Int, end: Int)
    }

    private var mode: Mode
    package let path: String
    /// Opens a whole file.
    package convenience init(path: String, maxDecompressedBytes: Int = IngestLimits.standard.maxDecompressedBytes)
        throws(InputFileError)
    {
        try self.init(path: path, range: nil, maxDecompressedBytes: maxDecompressedBytes)
    }

    /// Opens a plain file's byte range `range`, or the whole file when `range` is `nil`. A range of a
    /// compressed file is an error.
    package init(
        path: String, range: Range<Int>?, maxDecompressedBytes: Int = IngestLimits.standard.maxDecompressedBytes
    ) throws(InputFileError) {
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
            guard let stream = GzipStream(fd: fd, limit: maxDecompressedBytes) else {
                close(fd)
                throw .cannotOpen(path: path)
            }
            mode = .gzip(stream)
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
        case .gzip: break
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
        case .gzip(let stream):
            return try stream.read(into: base, count: buffer.count, path: path)
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

/// zlib's inflate over a file descriptor, strict about the stream's end.
///
/// zlib's `gzread` returns what it has when the compressed bytes run out before the end marker and ignores
/// trailing bytes that are not gzip, so a cut file would read as a shorter complete one; this reader
/// throws instead.
private final class GzipStream {
    private let fd: Int32
    private let limit: Int
    private var stream = z_stream()
    private var input: UnsafeMutablePointer<UInt8>
    private let inputCapacity = 1 << 17
    /// The file has no more compressed bytes.
    private var inputEnded = false
    /// The last member reached its end marker (its CRC-32 and length matched).
    private var memberEnded = false
    /// Decompressed bytes handed out so far.
    private var produced = 0
    /// Members that reached their end marker.
    private var members = 0

    init?(fd: Int32, limit: Int) {
        self.fd = fd
        self.limit = limit
        input = .allocate(capacity: inputCapacity)
        guard uf_inflate_init_gzip(&stream) == Z_OK else {
            input.deallocate()
            return nil
        }
    }

    deinit {
        inflateEnd(&stream)
        input.deallocate()
        close(fd)
    }

    /// Refills the input when it is used up; `false` when the file has no more bytes.
    private func refill(path: String) throws(InputFileError) -> Bool {
        if stream.avail_in > 0 { return true }
        if inputEnded { return false }
        let count = Glibc.read(fd, input, inputCapacity)
        if count < 0 { throw .readFailed(path: path, reason: String(cString: strerror(errno))) }
        if count == 0 {
            inputEnded = true
            return false
        }
        stream.next_in = input
        stream.avail_in = UInt32(count)
        return true
    }

    func read(into base: UnsafeMutablePointer<UInt8>, count: Int, path: String) throws(InputFileError) -> Int {
        let wanted = UInt32(min(count, Int(UInt32.max)))
        while true {
            let more = try refill(path: path)
            if memberEnded {
                // After a member only another member may follow (concatenated gzip is still one file).
                guard more else { return 0 }
                guard let next = stream.next_in, next.pointee == 0x1F else { throw .gzipTrailingData }
                guard inflateReset(&stream) == Z_OK else { throw .gzipCorrupt(reason: "cannot restart inflate") }
                memberEnded = false
            }
            stream.next_out = base
            stream.avail_out = wanted
            let status = inflate(&stream, Z_NO_FLUSH)
            let written = Int(wanted - stream.avail_out)
            switch status {
            case Z_STREAM_END:
                memberEnded = true
                members += 1
            case Z_OK, Z_BUF_ERROR: break
            case Z_DATA_ERROR where members > 0 && stream.msg.map({ String(cString: $0) }) == "incorrect header check":
                // What follows a member starts like gzip but is not.
                throw .gzipTrailingData
            default:
                throw .gzipCorrupt(reason: stream.msg.map { String(cString: $0) } ?? "error \(status)")
            }
            produced += written
            if produced > limit { throw .tooLarge(limit: limit) }
            if written > 0 { return written }
            if !memberEnded && stream.avail_in == 0 && inputEnded { throw .gzipTruncated }
        }
    }
}
