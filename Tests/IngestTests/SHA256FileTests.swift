import Domain
import Foundation
import TestSupport
import Testing

@testable import Ingest

@Suite("SHA256 of files")
struct SHA256FileTests {
    /// Writes `bytes` to a new temporary file.
    static func file(_ bytes: [UInt8]) throws -> String {
        let path = try Fixtures.temporaryFile("hashed.bin", "")
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test("FIPS 180 test vectors, read from a file", arguments: FIPSVectors.table)
    func vectors(message: String, digest: String) throws {
        #expect(try SHA256.file(at: Self.file(Array(message.utf8))) == digest)
    }

    @Test("A million 'a', and a file of several read chunks")
    func million() throws {
        #expect(try SHA256.file(at: Self.file(FIPSVectors.millionA)) == FIPSVectors.millionADigest)
        // 3.5 MiB: three whole 1 MiB chunks and a partial one, against the one-shot digest.
        var generator = SplitMix64(seed: 5)
        let bytes = (0..<(7 << 19)).map { _ in UInt8.random(in: 0...255, using: &generator) }
        #expect(try SHA256.file(at: Self.file(bytes)) == SHA256.hex(of: bytes))
    }

    @Test("The streamed hash of a fixture equals the one-shot digest of its bytes")
    func sameAsOneShot() throws {
        let path = Fixtures.path("ledger-csv/rejects.csv")
        #expect(try SHA256.file(at: path) == SHA256.hex(of: try Data(contentsOf: URL(fileURLWithPath: path))))
    }
}
