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

    /// The variants to hold to the contract: the one `uf_split_lines` picks, the narrow one, and the wide
    /// one where this processor has it.
    static let variants = ["chosen", "narrow"] + (uf_split_lines_wide_available() != 0 ? ["wide"] : [])

    static func split(
        _ bytes: [UInt8], delimiter: UInt8, separators: Int, maxLines: Int, variant: String = "chosen"
    ) -> ([UInt32], Int) {
        let capacity = maxLines * (separators + 1)
        // Room for exactly `maxLines` lines, then a guard that no variant may write to.
        var offsets = [UInt32](repeating: 0xFFFF_FFFF, count: capacity + 64)
        var consumed = 0
        let lines = bytes.withUnsafeBufferPointer { buffer in
            offsets.withUnsafeMutableBufferPointer { out in
                switch variant {
                case "narrow":
                    uf_split_lines_narrow(
                        buffer.baseAddress, buffer.count, delimiter, separators, out.baseAddress, maxLines, &consumed)
                case "wide":
                    uf_split_lines_wide(
                        buffer.baseAddress, buffer.count, delimiter, separators, out.baseAddress, maxLines, &consumed)
                default:
                    uf_split_lines(
                        buffer.baseAddress, buffer.count, delimiter, separators, out.baseAddress, maxLines, &consumed)
                }
            }
        }
        #expect(offsets[capacity...].allSatisfy { $0 == 0xFFFF_FFFF }, "\(variant) wrote past its room")
        return (Array(offsets.prefix(lines * (separators + 1))), consumed)
    }

    @Test("Lines of three fields: offsets of the delimiters and line feeds; stops at the odd line", arguments: variants)
    func lines(variant: String) {
        let text = Array("a;b;c\nd;;f\r\ng;h\ni;j;k\n".utf8)
        for maxLines in [10, 100] {
            let (offsets, consumed) = Self.split(
                text, delimiter: 0x3B, separators: 2, maxLines: maxLines, variant: variant)
            #expect(offsets == [1, 3, 5, 7, 8, 11])
            #expect(consumed == 12)
        }
    }

    @Test("A last line without a line feed, an empty line and the line limit all stop the split", arguments: variants)
    func stops(variant: String) {
        for room in [10, 100] {
            func consumed(_ text: String, maxLines: Int = room) -> Int {
                Self.split(Array(text.utf8), delimiter: 0x3B, separators: 1, maxLines: maxLines, variant: variant).1
            }
            #expect(consumed("a;b\nc;d") == 4)
            #expect(consumed("a;b\n\nc;d\n") == 4)
            #expect(consumed("a;b\nc;d\ne;f\n", maxLines: 2) == 8)
            #expect(consumed("a;b\nc;d;e\nf;g\n") == 4)
            #expect(consumed("") == 0)
        }
        // A line of far too many delimiters, begun where the wide variant writes ahead and going on past
        // the end of the room: it stops the split and nothing is written past the room (the guard).
        let crowded = "a;b\n" + String(repeating: ";", count: 200) + "\n"
        #expect(Self.split(Array(crowded.utf8), delimiter: 0x3B, separators: 1, maxLines: 35, variant: variant).1 == 4)
    }

    @Test(
        "Property: random bytes split as the plain statement of the contract says, across block edges",
        arguments: variants)
    func randomBytes(variant: String) {
        var generator = SplitMix64(seed: 7)
        let alphabet: [UInt8] = [0x3B, 0x3B, 0x0A, 0x0D, 0x09, 0x61, 0x62, 0x31, 0x2C, 0xC3]
        for round in 0..<600 {
            let separators = Int(generator.next() % 5)
            let count = Int(generator.next() % 1_400)
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
            // A small limit stops inside the bytes; a large one lets the wide variant write ahead.
            let maxLines = round % 3 == 0 ? 1_000 : Int(generator.next() % 40)
            let actual = Self.split(
                bytes, delimiter: delimiter, separators: separators, maxLines: maxLines, variant: variant)
            let wanted = Self.expected(bytes, delimiter: delimiter, separators: separators, maxLines: maxLines)
            #expect(actual.0 == wanted.0, "round \(round)")
            #expect(actual.1 == wanted.1, "round \(round)")
        }
    }
}
