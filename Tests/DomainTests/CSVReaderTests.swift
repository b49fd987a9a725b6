import TestSupport
import Testing

@testable import Domain

@Suite("CSVReader")
struct CSVReaderTests {
    func records(_ text: [UInt8], chunkSize: Int = 4096, delimiter: UInt8? = nil) throws -> [[String]] {
        var reader = try CSVReader(source: MemoryByteSource(text), delimiter: delimiter, chunkSize: chunkSize)
        var rows: [[String]] = []
        while try reader.next() { rows.append(reader.strings) }
        return rows
    }

    @Test("Semicolons, quotes with doubled quotes, CRLF, a BOM and a trailing empty line")
    func swedishExport() throws {
        let text = "\u{FEFF}Ansvar;Text;Belopp\r\n41010;\"Lön; mars \"\"extra\"\"\";1 234,50\r\n\r\n"
        #expect(
            try records(Array(text.utf8)) == [
                ["Ansvar", "Text", "Belopp"], ["41010", "Lön; mars \"extra\"", "1 234,50"],
            ])
    }

    @Test("The delimiter is sniffed from the header", arguments: [("a;b,c;d", 3), ("a\tb\tc,d", 3), ("a,b,c;d", 3)])
    func sniffing(header: String, count: Int) throws {
        #expect(try records(Array(header.utf8)).first?.count == count)
    }

    @Test("A quoted field may span lines; the next record's line number counts them")
    func multiline() throws {
        var reader = try CSVReader(source: MemoryByteSource(Array("a;b\n1;\"x\ny\"\n2;z\n".utf8)))
        var lines: [Int] = []
        while try reader.next() { lines.append(reader.line) }
        #expect(lines == [1, 2, 4])
    }

    @Test("Windows-1252 is detected and decoded")
    func windows1252() throws {
        let bytes: [UInt8] = Array("Enhet;Namn\n1;".utf8) + [0x53, 0xF6, 0x64, 0x65, 0x72, 0x20, 0x80] + [0x0A]
        var reader = try CSVReader(source: MemoryByteSource(bytes))
        #expect(reader.encoding == .windows1252)
        _ = try reader.next()
        _ = try reader.next()
        #expect(reader.string(1) == "Söder €")
    }

    @Test("A quote still open at the end of the file is an error naming the line it opens on")
    func unterminatedQuote() throws {
        var reader = try CSVReader(source: MemoryByteSource(Array("a;b\n1;2\n3;\"x\n4;5\n".utf8)))
        #expect(try reader.next() && reader.next())
        #expect(throws: CSVReadError.unterminatedQuote(line: 3)) { try reader.next() }
    }

    @Test("A record longer than the limit is an error, not unbounded memory")
    func recordTooLong() throws {
        let bytes = Array("a;b\n".utf8) + [UInt8](repeating: 0x41, count: 10_000)
        var reader = try CSVReader(source: MemoryByteSource(bytes), chunkSize: 4096, maxRecordBytes: 5_000)
        _ = try reader.next()
        #expect(throws: CSVReadError.recordTooLong(line: 2, limit: 5_000)) { try reader.next() }
    }

    @Test("Property: records are the same whatever the chunk size")
    func chunkBoundaries() throws {
        var generator = SplitMix64(seed: 3)
        let alphabet = Array("ab;\"\n\r ,1å".utf8)
        for _ in 0..<200 {
            let length = Int(generator.next() % 300)
            let bytes = (0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
            // The same records, or the same error (an unterminated quote), whatever the chunk size.
            func outcome(_ chunk: Int) -> Result<[[String]], CSVReadError> {
                Result { () throws(CSVReadError) -> [[String]] in
                    var reader = try CSVReader(
                        source: MemoryByteSource(bytes), delimiter: UInt8(ascii: ";"), chunkSize: chunk)
                    var rows: [[String]] = []
                    while try reader.next() { rows.append(reader.strings) }
                    return rows
                }
            }
            let expected = outcome(1 << 16)
            for chunk in [4096] { #expect(outcome(chunk) == expected) }
        }
    }

    @Test("Property: random bytes read as records on ascending lines, or stop at an unclosed quote with its line")
    func randomBytes() throws {
        var generator = SplitMix64(seed: 5)
        var stopped = 0
        for round in 0..<300 {
            let bytes = (0..<Int(generator.next() % 2_000)).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            // No line number can pass one more than the line ends (LF or CR) the bytes hold.
            let lastLine = bytes.filter { $0 == 0x0A || $0 == 0x0D }.count + 1
            var reader = try CSVReader(source: MemoryByteSource(bytes))
            var previous = 0
            do {
                while try reader.next() {
                    #expect(reader.line > previous && reader.line <= lastLine, "round \(round)")
                    previous = reader.line
                }
            } catch {
                // From memory, the only stop is a quoted field that never closes, after the records read.
                stopped += 1
                #expect(error.rule == "unterminated-quote", "round \(round): \(error)")
                #expect(error.line.map { $0 > previous && $0 <= lastLine } == true, "round \(round): \(error)")
            }
        }
        #expect(stopped > 0 && stopped < 300)
    }

    @Test("Property: lines taken in bulk and records read on are the input's lines, at every chunk size")
    func takeLines() throws {
        var generator = SplitMix64(seed: 9)
        for _ in 0..<100 {
            // Lines of 0–40 bytes of 'a', some starting with 'x' (which the bulk reader declines), no quotes.
            var lines: [String] = []
            for _ in 0..<Int(generator.next() % 400) {
                let body = String(repeating: "a", count: Int(generator.next() % 40))
                lines.append(generator.next() % 5 == 0 ? "x" + body : body)
            }
            let text = lines.joined(separator: "\n") + (generator.next() % 2 == 0 ? "\n" : "")
            for chunk in [4096, 1 << 16] {
                var reader = try CSVReader(
                    source: MemoryByteSource(Array(text.utf8)), delimiter: UInt8(ascii: ";"), chunkSize: chunk)
                var seen: [(line: Int, text: String)] = []
                var bulkLine = 1
                while true {
                    // Takes lines up to the first that starts with 'x'.
                    while try reader.takeLines({ bytes in
                        var taken = 0
                        var count = 0
                        while taken < bytes.count && bytes[taken] != UInt8(ascii: "x") {
                            let end = bytes[taken...].firstIndex(of: 0x0A) ?? bytes.count - 1
                            seen.append((bulkLine + count, String(decoding: bytes[taken..<end], as: UTF8.self)))
                            taken = end + 1
                            count += 1
                        }
                        bulkLine += count
                        return (taken, count)
                    }) {}
                    guard try reader.next() else { break }
                    seen.append((reader.line, reader.fieldCount == 0 ? "" : reader.string(0)))
                    bulkLine = reader.linesConsumed + 1
                }
                // Empty lines are skipped by `next()` but are the bulk reader's to count.
                let expected = lines.enumerated().map { (line: $0.offset + 1, text: $0.element) }
                let nonEmpty = { (entry: (line: Int, text: String)) in !entry.text.isEmpty }
                #expect(seen.filter(nonEmpty).map(\.line) == expected.filter(nonEmpty).map(\.line))
                #expect(seen.filter(nonEmpty).map(\.text) == expected.filter(nonEmpty).map(\.text))
                if !lines.isEmpty { #expect(reader.linesConsumed == lines.count) }
            }
        }
    }
}
