import Foundation
import TestSupport
import Testing

@testable import Ingest

@Suite("SHA256")
struct SHA256Tests {
    @Test(
        "FIPS 180-4 test vectors",
        arguments: [
            ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
            ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
            (
                "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
                "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
            ),
        ])
    func vectors(text: String, digest: String) {
        var hasher = SHA256()
        hasher.update(Array(text.utf8))
        #expect(hasher.finalize() == digest)
    }

    @Test("A million 'a' in uneven pieces")
    func million() {
        var hasher = SHA256()
        let piece = [UInt8](repeating: 0x61, count: 999)
        var remaining = 1_000_000
        while remaining > 0 {
            let take = min(remaining, piece.count)
            hasher.update(Array(piece[0..<take]))
            remaining -= take
        }
        #expect(hasher.finalize() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }
}

@Suite("SHA256 of files")
struct SHA256FileTests {
    @Test("OpenSSL's file hash equals the portable hasher's")
    func sameAsPortable() throws {
        let path = Fixtures.path("ledger-csv/rejects.csv")
        var hasher = SHA256()
        hasher.update(Array(try Data(contentsOf: URL(fileURLWithPath: path))))
        #expect(try SHA256.file(at: path) == hasher.finalize())
    }
}
