import Foundation
import Testing

/// No personnummer, employee id or complaint text reaches the warehouse, a log line or an output.
@Suite("Personal data never leaves the readers")
struct PersonalDataTests {
    /// The ids and personnummer in the demo's HR exports and the free text of its complaints registers.
    static func secrets() throws -> [String] {
        var found: Set<String> = []
        let hrCSV = Executable.root + "/fixtures/demo/inbox/hr-bun"
        for name in try FileManager.default.contentsOfDirectory(atPath: hrCSV) {
            let text = try String(contentsOfFile: hrCSV + "/" + name, encoding: .utf8)
            for line in text.components(separatedBy: "\r\n").dropFirst() where !line.isEmpty {
                found.insert(String(line.split(separator: ";")[0]))
            }
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "zcat '\(Executable.root)'/fixtures/demo/inbox/hr/*.xml.gz"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let xml = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        for pattern in [#"anstid="(\d+)""#, #"persnr="(\d+)""#] {
            let regex = try NSRegularExpression(pattern: pattern)
            for match in regex.matches(in: xml, range: NSRange(xml.startIndex..., in: xml)) {
                if let range = Range(match.range(at: 1), in: xml) { found.insert(String(xml[range])) }
            }
        }
        return found.sorted()
    }

    @Test(
        "After a full demo run, neither the warehouse file, the logs nor any report holds an id, a personnummer or complaint text"
    )
    func scan() throws {
        let directory = try Executable.temporaryDirectory()
        let run = try Executable.run([
            "run", "--verbose", "--config", "fixtures/demo/kommun.toml", "--warehouse", directory + "/warehouse.sqlite",
            "--output", directory + "/out",
        ])
        #expect(run.status == 1)
        let inspect = try Executable.run(["inspect", "--json", "fixtures/demo/inbox/hr/paxml-ht01-2025-01.xml.gz"])
        var haystacks: [(String, String)] = [
            ("stdout", run.stdout), ("stderr", run.stderr), ("inspect", inspect.stdout),
        ]
        for folder in ["/out", "/datakvalitet"] {
            for name in try FileManager.default.contentsOfDirectory(atPath: directory + folder) {
                haystacks.append((name, try String(contentsOfFile: directory + folder + "/" + name, encoding: .utf8)))
            }
        }
        // The raw database bytes, WAL included, read as Latin-1 so nothing is lost in decoding.
        for name in try FileManager.default.contentsOfDirectory(atPath: directory) where name.hasPrefix("warehouse") {
            let data = try Data(contentsOf: URL(fileURLWithPath: directory + "/" + name))
            haystacks.append((name, String(decoding: data.map { $0 < 0x80 ? $0 : 0x20 }, as: UTF8.self)))
        }
        let secrets = Set(try Self.secrets())
        #expect(secrets.count > 500)
        let personnummer = try NSRegularExpression(pattern: #"(?<!\d)(19|20)\d{6}-?\d{4}(?!\d)"#)
        for (name, text) in haystacks {
            // Every run of digits in the text, checked against the ids and personnummer: linear in the text.
            var digits = ""
            for character in text.unicodeScalars + [" "] {
                if character.properties.numericType != nil && character.isASCII {
                    digits.unicodeScalars.append(character)
                } else if !digits.isEmpty {
                    if secrets.contains(digits) { Issue.record("\(name) contains '\(digits)'") }
                    digits = ""
                }
            }
            #expect(personnummer.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) == nil, "\(name)")
            for phrase in ["Synpunkt från anhörig", "Beröm till personalen", "Avslutat före inkommet"] {
                #expect(!text.contains(phrase), "\(name): \(phrase)")
            }
        }
    }
}
