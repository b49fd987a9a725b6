import Domain
import Foundation
import TestSupport
import Testing

@Suite("SHA256")
struct SHA256Tests {
    @Test("FIPS 180 test vectors", arguments: FIPSVectors.table)
    func vectors(message: String, digest: String) {
        #expect(SHA256.hex(of: message) == digest)
        #expect(SHA256.hex(of: Data(message.utf8)) == digest)
    }

    @Test("A million 'a'")
    func million() {
        #expect(SHA256.hex(of: FIPSVectors.millionA) == FIPSVectors.millionADigest)
    }

    @Test("Hex digits: two lowercase digits per byte, leading zeros kept")
    func hexDigits() {
        let bytes: [UInt8] = [0x00, 0x0f, 0xa0, 0xff]
        #expect(bytes.withUnsafeBufferPointer { SHA256.hex(digest: $0) } == "000fa0ff")
    }
}
