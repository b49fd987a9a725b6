import Foundation

/// Paths of the repository's fixtures and of the shared samples beside the checkout.
package enum Fixtures {
    package static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    package static func path(_ relative: String) -> String { root + "/fixtures/" + relative }

    /// The tests' service catalogue (`fixtures/services/tjanstekatalog.toml`), between blank lines, to
    /// append to a config's text.
    package static let serviceCatalogue: String = {
        let text = (try? String(contentsOfFile: path("services/tjanstekatalog.toml"), encoding: .utf8)) ?? ""
        return "\n" + text + "\n"
    }()

    /// Writes `text` to a new temporary folder and returns the file's path.
    package static func temporaryFile(_ name: String, _ text: String) throws -> String {
        let directory = NSTemporaryDirectory() + "uppfoljning-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = directory + "/" + name
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}

/// A small deterministic generator for property tests (SplitMix64).
package struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    package init(seed: UInt64) { state = seed }

    package mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
