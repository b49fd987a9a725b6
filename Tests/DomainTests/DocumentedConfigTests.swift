import Foundation
import TestSupport
import Testing

@testable import Domain

/// A config written from the docs alone must load (issue #20 §21, §22).
@Suite("Config examples of the docs")
struct DocumentedConfigTests {
    static let demoText: String = {
        (try? String(contentsOfFile: Fixtures.path("demo/kommun.toml"), encoding: .utf8)) ?? ""
    }()

    /// The `toml` blocks of a document under docs/.
    static func tomlBlocks(_ name: String) throws -> [String] {
        let text = try String(contentsOfFile: Fixtures.root + "/docs/" + name, encoding: .utf8)
        var blocks: [String] = []
        var current: [String]?
        for line in text.components(separatedBy: "\n") {
            if line == "```toml" {
                current = []
            } else if line.hasPrefix("```"), let block = current {
                blocks.append(block.joined(separator: "\n") + "\n")
                current = nil
            } else if current != nil {
                current?.append(line)
            }
        }
        return blocks
    }

    /// The demo config without the given `[[measure]]` blocks and `[[source]]` blocks (by id).
    static func demo(withoutMeasures measures: Set<String> = [], withoutSources sources: Set<String> = []) -> String {
        let blocks = demoText.components(separatedBy: "\n[[")
        return blocks.enumerated().filter { index, block in
            guard index > 0 else { return true }
            let id = block.components(separatedBy: "\n").first { $0.hasPrefix("id = ") }?
                .replacingOccurrences(of: "id = ", with: "").replacingOccurrences(of: "\"", with: "")
            if block.hasPrefix("measure]]"), let id, measures.contains(id) { return false }
            if block.hasPrefix("source]]"), let id, sources.contains(id) { return false }
            return true
        }.map { $0.offset == 0 ? $0.element : "[[" + $0.element }.joined(separator: "\n")
    }

    @Test("The provider-template example loads without declaring personal_antal and arsarbetare")
    func providerTemplate() throws {
        let example = try #require(try Self.tomlBlocks("PROVIDER-TEMPLATE.md").first)
        #expect(example.contains("personal_antal = \"Antal anställda\""))
        // Without the demo's own declarations and its own copy of the source: formulas accept the HR readers'
        // measures, and so must the provider's source.
        let text =
            Self.demo(withoutMeasures: ["personal_antal", "arsarbetare"], withoutSources: ["utforarrapporter"])
            + "\n" + example
        let config = try Config.parse(text, file: "kommun.toml", baseDirectory: Fixtures.path("demo"))
        let measures = Dictionary(uniqueKeysWithValues: config.measures.map { ($0.id, $0) })
        #expect(measures["personal_antal"]?.aggregation == .mean)
        #expect(measures["arsarbetare"]?.aggregation == .mean)
        #expect(config.sources.contains { $0.id == "utforarrapporter" && $0.selfReported })
    }

    @Test("A fristående unit (an independent school or preschool) has avtalsform 'fristaende'")
    func fristaende() throws {
        let register = try String(contentsOfFile: Fixtures.path("demo/enheter.csv"), encoding: .utf8)
        let lines = register.split(whereSeparator: \.isNewline).map(String.init)
        let header = try #require(lines.first)
        let columns = header.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
        let avtalsform = try #require(columns.firstIndex(of: "avtalsform"))
        let index = try #require(lines.firstIndex { $0.hasPrefix("FS11;") })
        var fields = lines[index].split(separator: ";", omittingEmptySubsequences: false).map(String.init)
        fields[avtalsform] = "fristaende"
        var edited = lines
        edited[index] = fields.joined(separator: ";")
        let path = try Fixtures.temporaryFile("enheter.csv", edited.joined(separator: "\n"))
        let text = Self.demoText.replacingOccurrences(of: "register = \"enheter.csv\"", with: "register = \"\(path)\"")
        let config = try Config.parse(text, file: "kommun.toml", baseDirectory: Fixtures.path("demo"))
        #expect(config.enhet("FS11")?.avtalsform == .fristaende)
    }

    @Test(
        "A date may carry a time of day, which is ignored; anything else after the date is not a date",
        arguments: [
            ("2025-03-04 13:45", "2025-03-04"), ("2025-03-04T13:45:10", "2025-03-04"), ("2025-03-04", "2025-03-04"),
            ("20250304", "2025-03-04"), ("2025-03-04 24:00", nil), ("2025-03-04 13:45:61", nil),
            ("2025-03-04 1345", nil), ("2025-02-30 10:00", nil), ("2025-03-04x13:45", nil),
        ])
    func timeOfDay(_ text: String, _ expected: String?) {
        #expect(Day(text)?.description == expected)
    }
}
