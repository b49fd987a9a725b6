import Foundation
import TestSupport
import Testing

@testable import Domain

/// Issue #18: `[limits]` and `[report] earliest_year`, their defaults and their mistakes.
@Suite("Limits in the config")
struct LimitsConfigTests {
    static let demoText: String = {
        (try? String(contentsOfFile: Fixtures.path("demo/kommun.toml"), encoding: .utf8)) ?? ""
    }()

    func parse(_ text: String) throws(ConfigError) -> Config {
        try Config.parse(text, file: "kommun.toml", baseDirectory: Fixtures.path("demo"))
    }

    @Test("Without the keys the defaults hold, on the config and on every source")
    func defaults() throws {
        let config = try parse(Self.demoText)
        #expect(
            config.limits == IngestLimits(maxDecompressedBytes: 4096 << 20, rejectedRowsKept: 100, earliestYear: 2000))
        #expect(config.sources.allSatisfy { $0.limits == config.limits })
    }

    @Test("Given keys reach every source")
    func given() throws {
        let text =
            Self.demoText.replacingOccurrences(of: "[report]\n", with: "[report]\nearliest_year = 2010\n")
            + "\n[limits]\nmax_decompressed_mb = 64\nrejected_rows_kept = 7\n"
        let config = try parse(text)
        #expect(config.limits == IngestLimits(maxDecompressedBytes: 64 << 20, rejectedRowsKept: 7, earliestYear: 2010))
        #expect(config.sources.allSatisfy { $0.limits == config.limits })
    }

    @Test(
        "Mistakes name the key",
        arguments: [
            (
                "[limits]\nmax_decompressed_mb = 0\n",
                "kommun.toml: error: [config-value] key 'limits.max_decompressed_mb': expected 1 or more (MiB), found 0"
            ),
            (
                "[limits]\nrejected_rows_kept = -1\n",
                "kommun.toml: error: [config-value] key 'limits.rejected_rows_kept': expected 0 or more, found -1"
            ),
            (
                "[limits]\nmax_rows = 1\n",
                "kommun.toml: error: [config-unknown-key] key 'limits.max_rows': unknown key"
            ),
        ])
    func mistakes(extra: String, message: String) {
        do {
            _ = try parse(Self.demoText + "\n" + extra)
            Issue.record("expected a config error")
        } catch {
            #expect(error.description == message)
        }
    }

    @Test("An earliest year outside 1900–9999 is a mistake")
    func earliestYear() {
        do {
            _ = try parse(Self.demoText.replacingOccurrences(of: "[report]\n", with: "[report]\nearliest_year = 0\n"))
            Issue.record("expected a config error")
        } catch {
            #expect(
                error.description
                    == "kommun.toml: error: [config-value] key 'report.earliest_year': expected a year from 1900 to 9999, found 0"
            )
        }
    }
}
