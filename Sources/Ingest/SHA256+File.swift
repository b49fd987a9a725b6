import CCrypto
import Domain

#if canImport(Glibc)
    import Glibc
#endif

extension SHA256 {
    /// The SHA-256 of a file's raw bytes (not decompressed), streamed through libcrypto in 1 MiB chunks.
    ///
    /// - Throws: `InputFileError` when the file cannot be opened, is refused (a link, not a regular file)
    ///   or a read fails.
    package static func file(at path: String) throws(InputFileError) -> String {
        let descriptor: Int32
        switch RegularFile.open(path) {
        case .success(let opened): descriptor = opened
        case .failure(.cannotOpen): throw .cannotOpen(path: path)
        case .failure(let refusal): throw .refused(path: path, refusal)
        }
        guard let handle = fdopen(descriptor, "rb") else {
            close(descriptor)
            throw .cannotOpen(path: path)
        }
        defer { fclose(handle) }
        guard let context = EVP_MD_CTX_new() else {
            throw .readFailed(path: path, reason: "cannot create a hash context")
        }
        defer { EVP_MD_CTX_free(context) }
        guard EVP_DigestInit_ex(context, EVP_sha256(), nil) == 1 else {
            throw .readFailed(path: path, reason: "SHA-256 is not available")
        }
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = buffer.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, handle) }
            if count == 0 { break }
            _ = buffer.withUnsafeBytes { EVP_DigestUpdate(context, $0.baseAddress, count) }
        }
        if ferror(handle) != 0 { throw .readFailed(path: path, reason: "I/O error") }
        var digest = [UInt8](repeating: 0, count: digestLength)
        var length: UInt32 = 0
        guard digest.withUnsafeMutableBufferPointer({ EVP_DigestFinal_ex(context, $0.baseAddress, &length) }) == 1,
            length == digestLength
        else {
            throw .readFailed(path: path, reason: "cannot finish the hash")
        }
        return digest.withUnsafeBufferPointer { hex(digest: $0) }
    }
}
