import CFieldSplit
import TestSupport
import Testing

/// The C byte classifier under the ledger CSV fast path, against a plain Swift statement of its contract.
@Suite("uf_split_lines")
struct FieldSplitTests {
    /// What `uf_split_lines` must return: the offsets of the leading lines with exactly `separators`
    /// delimiters, and the bytes they take.
    static func expected(_ bytes: [UInt8], delimiter: UInt8, separators: Int, maxLines: Int) -> ([UInt32], Int) {
        var offsets: [UInt32] = []
        var taken = 0
        var line: [UInt32] = []
        for (index, byte) in bytes.enumerated() {
            guard offsets.count / (separators + 1) < maxLines else { break }
            if byte == 0x0A {
                guard line.count == separators else { break }
                offsets += line + [UInt32(index)]
                taken = index + 1
                line = []
            } else if byte == delimiter {
                guard line.count < separators else { break }
                line.append(UInt32(index))
            }
        }
        return (offsets, taken)
    }

    static func split(_ bytes: [UInt8], delimiter: UInt8, separators: Int, maxLines: Int) -> ([UInt32], Int) {
        var offsets = [UInt32](repeating: 0xFFFF_FFFF, count: max(1, maxLines * (separators + 1)))
        var consumed = 0
        let lines = bytes.withUnsafeBufferPointer { buffer in
            offsets.withUnsafeMutableBufferPointer { out in
                uf_split_lines(
                    buffer.baseAddress, buffer.count, delimiter, separators, out.baseAddress, maxLines, &consumed)
            }
        }
        return (Array(offsets.prefix(lines * (separators + 1))), consumed)
    }

    @Test("Lines of three fields: offsets of the delimiters and line feeds; stops at the odd line")
    func lines() {
        let text = Array("a;b;c\nd;;f\r\ng;h\ni;j;k\n".utf8)
        let (offsets, consumed) = Self.split(text, delimiter: 0x3B, separators: 2, maxLines: 10)
        #expect(offsets == [1, 3, 5, 7, 8, 11])
        #expect(consumed == 12)
    }

    @Test("A last line without a line feed, an empty line and the line limit all stop the split")
    func stops() {
        #expect(Self.split(Array("a;b\nc;d".utf8), delimiter: 0x3B, separators: 1, maxLines: 10).1 == 4)
        #expect(Self.split(Array("a;b\n\nc;d\n".utf8), delimiter: 0x3B, separators: 1, maxLines: 10).1 == 4)
        #expect(Self.split(Array("a;b\nc;d\ne;f\n".utf8), delimiter: 0x3B, separators: 1, maxLines: 2).1 == 8)
        #expect(Self.split([], delimiter: 0x3B, separators: 1, maxLines: 10).1 == 0)
    }

    @Test("Property: random bytes split as the plain statement of the contract says, across block edges")
    func randomBytes() {
        var generator = SplitMix64(seed: 7)
        let alphabet: [UInt8] = [0x3B, 0x3B, 0x0A, 0x0D, 0x09, 0x61, 0x62, 0x31, 0x2C, 0xC3]
        for round in 0..<400 {
            let separators = Int(generator.next() % 5)
            let count = Int(generator.next() % 700)
            var bytes: [UInt8] = []
            // Mostly well-formed lines, so that the split runs long before it stops.
            while bytes.count < count {
                let fields = generator.next() % 16 == 0 ? Int(generator.next() % 6) : separators + 1
                for field in 0..<fields {
                    if field > 0 { bytes.append(0x3B) }
                    for _ in 0..<(generator.next() % 9) {
                        bytes.append(alphabet[Int(generator.next() % UInt64(alphabet.count))])
                    }
                }
                bytes.append(0x0A)
            }
            let delimiter: UInt8 = round % 7 == 0 ? 0x09 : 0x3B
            let maxLines = Int(generator.next() % 40)
            let actual = Self.split(bytes, delimiter: delimiter, separators: separators, maxLines: maxLines)
            let wanted = Self.expected(bytes, delimiter: delimiter, separators: separators, maxLines: maxLines)
            #expect(actual.0 == wanted.0, "round \(round)")
            #expect(actual.1 == wanted.1, "round \(round)")
        }
    }
}
