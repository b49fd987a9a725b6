import CCrypto
import Foundation

/// SHA-256 (FIPS 180-4) through OpenSSL's libcrypto, which uses the processor's SHA instructions where it
/// has them.
///
/// Identifies an input file's content (`file(at:)` in Ingest, streaming) and a report's inputs, written as
/// 64 lowercase hex digits, and keys a file's remembered identity in the warehouse, stored as its 32 bytes.
package enum SHA256 {
    /// The length of a digest in bytes.
    package static let digestLength = 32

    /// The digest of `bytes` in one call, as its 32 bytes.
    package static func digest(of bytes: some ContiguousBytes) -> [UInt8] {
        bytes.withUnsafeBytes { buffer in
            [UInt8](unsafeUninitializedCapacity: digestLength) { digest, count in
                var length: UInt32 = 0
                let done = EVP_Digest(buffer.baseAddress, buffer.count, digest.baseAddress, &length, EVP_sha256(), nil)
                // Fails only when libcrypto cannot allocate or has no SHA-256: a broken installation.
                precondition(done == 1 && length == digestLength, "libcrypto could not compute a SHA-256")
                count = digestLength
            }
        }
    }

    /// The digest of `bytes` in one call, as hex digits.
    package static func hex(of bytes: some ContiguousBytes) -> String {
        digest(of: bytes).withUnsafeBufferPointer { hex(digest: $0) }
    }

    /// The digest of the UTF-8 bytes of `text`.
    package static func hex(of text: String) -> String { hex(of: Array(text.utf8)) }

    /// A digest's bytes as lowercase hex digits, two per byte.
    package static func hex(digest: UnsafeBufferPointer<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        return String(unsafeUninitializedCapacity: digest.count * 2) { text in
            for (index, byte) in digest.enumerated() {
                text[2 * index] = digits[Int(byte >> 4)]
                text[2 * index + 1] = digits[Int(byte & 0xF)]
            }
            return digest.count * 2
        }
    }
}
