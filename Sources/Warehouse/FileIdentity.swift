import Domain
import Foundation

/// How the warehouse stores a file's identity (size, modification and change times, inode; see
/// `Pipeline.identity(of:)`): the SHA-256 of the numbers joined by `:`, as a 32-byte blob.
///
/// Only equality matters. The numbers themselves are not stored: their long runs of digits look like
/// personnummer to the personal-data scan, and a digest in hex digits would too, now and then.
enum FileIdentity {
    /// The stored key of an identity.
    static func key(_ identity: [Int]) -> Data { key(text: identity.map(String.init).joined(separator: ":")) }

    /// The stored key of an identity written as its numbers joined by `:`.
    static func key(text: String) -> Data { Data(SHA256.digest(of: Array(text.utf8))) }

    /// The key of an identity as schemas v5 to v8 stored it, with the digits spelled as letters
    /// (`0` = `a`, …, `9` = `j`).
    static func key(spelled: String) -> Data {
        key(
            text: String(
                spelled.unicodeScalars.map { scalar -> Character in
                    guard ("a"..."j").contains(scalar) else { return Character(scalar) }
                    return Character(UnicodeScalar(UInt8(ascii: "0") + UInt8(scalar.value - 0x61)))
                }))
    }
}
