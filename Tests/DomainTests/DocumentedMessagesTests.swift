import Foundation
import TestSupport
import Testing

@testable import Domain

/// Every message the README and the docs quote is one the code prints: it matches a wording of the catalogue
/// (`Diagnostic+Wording.swift`) with its facts filled in (issue #21 item 7).
@Suite("Messages quoted in the docs")
struct DocumentedMessagesTests {
    /// Text that stands for a fact in a sample: where it appears in a message, any text matches.
    static let fact = "\u{E000}"
    /// A number that stands for a fact.
    static let number = 7_654_321
    /// A month that stands for a fact.
    static let month = Month(ordinal: 1111 * 12 + 10)

    /// One diagnostic of every case with facts standing in, and the rule a finding of it carries where the
    /// context decides the rule (an unexpected value in the unit register is a `register-value`).
    static let samples: [(rule: String?, diagnostic: Diagnostic)] = {
        let f = fact
        let n = number
        let m = month
        let all: [Diagnostic] = [
            .emptyFile, .headerNotText, .headerEncoding(declared: nil), .headerEncoding(declared: .utf8),
            .missingColumns([Diagnostic.MissingColumn(header: f, logical: f)], headerFields: n), .notSIE,
            .lineTooLong(limit: n), .valueOverflow, .futureMonth(months: [m], latest: m),
            .earlyMonth(months: [m], earliestYear: n), .gzipTruncated, .symbolicLink,
            .fieldCount(expected: n, found: n), .monthFormat(found: f), .dateFormat(found: f),
            .unknownUnit(key: .ledger, code: f), .unknownUnit(key: .id, code: f),
            .unitNotValid(unit: f, object: nil, period: f, validFrom: nil, validTo: nil),
            .unitNotValid(unit: f, object: f, period: f, validFrom: nil, validTo: nil), .missingUnitCode,
            .respondentsOverflow(share: FixedDecimal(n), respondents: n),
            .unexpectedValue(expected: f, found: f), .requiredColumn(kind: f), .locked(holder: f), .noSuchFile,
            .noSource(inboxes: [f]),
        ]
        return all.map { (nil, $0) } + [("register-value", .unexpectedValue(expected: f, found: f))]
    }()

    /// The pattern a message of the sample matches: its wording with every fact a wildcard, optionally after
    /// the column, key or element it is about, and optionally followed by what the caller adds (`; …`).
    static func pattern(_ diagnostic: Diagnostic) -> NSRegularExpression? {
        var escaped = NSRegularExpression.escapedPattern(for: diagnostic.message)
        for stand in [fact, "\(number).00", "\(number).0", String(number), month.description] {
            escaped = escaped.replacingOccurrences(of: NSRegularExpression.escapedPattern(for: stand), with: ".+?")
        }
        return try? NSRegularExpression(
            pattern: "^(?:(?:column|key|element|attribute) '[^']*': )?" + escaped + "(?:; .*)?$")
    }

    /// Every `error: [rule] message` or `warning: [rule] message` the Markdown files quote, with where.
    static func quoted() throws -> [(file: String, rule: String, message: String)] {
        let root = Fixtures.root
        let docs = try FileManager.default.contentsOfDirectory(atPath: root + "/docs").filter { $0.hasSuffix(".md") }
            .map { "docs/" + $0 }
        let expression = try NSRegularExpression(pattern: #"(?:error|warning): \[([a-z0-9-]+)\] ([^`\n|]*)"#)
        var result: [(String, String, String)] = []
        for file in ["README.md"] + docs.sorted() {
            let text = try String(contentsOfFile: root + "/" + file, encoding: .utf8)
            let range = NSRange(text.startIndex..., in: text)
            for match in expression.matches(in: text, range: range) {
                guard let rule = Range(match.range(at: 1), in: text), let message = Range(match.range(at: 2), in: text)
                else { continue }
                result.append((file, String(text[rule]), String(text[message]).trimmingCharacters(in: .whitespaces)))
            }
        }
        return result
    }

    @Test("the docs quote messages at all (the scan finds them)")
    func scanFinds() throws {
        #expect(try Self.quoted().count >= 10)
    }

    @Test("every quoted message is worded as the catalogue words it, under its rule")
    func quotedMessagesMatch() throws {
        for quote in try Self.quoted() {
            let candidates = Self.samples.filter { ($0.rule ?? $0.diagnostic.rule) == quote.rule }
            let range = NSRange(quote.message.startIndex..., in: quote.message)
            let matched = candidates.contains { sample in
                Self.pattern(sample.diagnostic)?.firstMatch(in: quote.message, range: range) != nil
            }
            #expect(
                matched,
                "\(quote.file) quotes [\(quote.rule)] '\(quote.message)', which no wording of that rule prints\(candidates.isEmpty ? " (the rule is not in the catalogue)" : "")"
            )
        }
    }

    @Test("a sample's pattern matches its own message with other facts")
    func patternsMatchRealMessages() throws {
        let message = Diagnostic.unexpectedValue(expected: "'sum' or 'mean'", found: "medel").message
        let pattern = try #require(Self.pattern(.unexpectedValue(expected: Self.fact, found: Self.fact)))
        #expect(pattern.firstMatch(in: message, range: NSRange(message.startIndex..., in: message)) != nil)
        let other = Diagnostic.emptyFile.message
        #expect(pattern.firstMatch(in: other, range: NSRange(other.startIndex..., in: other)) == nil)
    }

    @Test("the README's config error is what loading that config prints")
    func readmeConfigError() throws {
        let readme = try String(contentsOfFile: Fixtures.root + "/README.md", encoding: .utf8)
        let line = try #require(readme.components(separatedBy: "\n").first { $0.hasPrefix("kommun.toml: error:") })
        let demo = try String(contentsOfFile: Fixtures.path("demo/kommun.toml"), encoding: .utf8)
        let broken = try #require(demo.range(of: #"id = "brukare""#)).upperBound
        var text = demo
        let aggregation = try #require(text.range(of: #"aggregation = "mean""#, range: broken..<text.endIndex))
        text.replaceSubrange(aggregation, with: #"aggregation = "medel""#)
        #expect(throws: ConfigError.self) {
            try Config.parse(text, file: "kommun.toml", baseDirectory: Fixtures.path("demo"))
        }
        do {
            _ = try Config.parse(text, file: "kommun.toml", baseDirectory: Fixtures.path("demo"))
        } catch {
            #expect(error.findings.map(\.description).contains(line), "\(error.description)")
        }
    }
}
