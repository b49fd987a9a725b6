import Domain
import Foundation
import Ingest

/// What the fuzz targets share: a small config with one source per reader, and a way to hand the fuzzer's
/// bytes to a reader that reads from a path.
package enum FuzzHarness {
    /// A temporary folder with the unit register and the config, made once per process.
    package static let config: Config = {
        let folder = NSTemporaryDirectory() + "uppfoljning-fuzz-\(getpid())"
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let register = """
            id;namn;omrade;regi;avtalsform;ansvar;hr_koder
            HT01;Hemtjänst Norr;hemtjanst;egen;lov;41010;H410
            HT02;Hemtjänst Söder;hemtjanst;egen;lov;41020;H420
            """
        try? register.write(toFile: folder + "/enheter.csv", atomically: true, encoding: .utf8)
        let text = """
            [kommun]
            name = "Fuzz"
            code = "0005"
            [paths]
            register = "enheter.csv"
            templates = "t"
            warehouse = "w.sqlite"
            output = "o"
            [[namnd]]
            id = "n"
            name = "N"
            [[omrade]]
            id = "hemtjanst"
            name = "Hemtjänst"
            namnd = "n"
            [[source]]
            id = "ledger"
            kind = "ledger-csv"
            inbox = "l/*"
            [source.columns]
            date = "Bokföringsdatum"
            unit = "Ansvar"
            account = "Konto"
            amount = "Belopp"
            [[source]]
            id = "sie"
            kind = "ledger-sie"
            inbox = "s/*"
            [[source]]
            id = "lon"
            kind = "paxml"
            inbox = "p/*"
            """
        do {
            return try Config.parse(text, file: "fuzz.toml", baseDirectory: folder)
        } catch {
            fatalError("the fuzz config does not load: \(error)")
        }
    }()

    static let path = NSTemporaryDirectory() + "uppfoljning-fuzz-input-\(getpid())"

    /// Writes the input to a file and reads it with the source's reader. Rejections are expected; a crash,
    /// a hang or a sanitizer report is what the fuzzer looks for.
    package static func read(_ data: UnsafeRawBufferPointer, source id: String) {
        FileManager.default.createFile(atPath: path, contents: Data(data))
        guard let source = config.sources.first(where: { $0.id == id }) else { return }
        let result = try? SourceReader(config: config).read(path: path, displayPath: "input", source: source)
        if let result {
            // Every control total must be a finite decimal; the facts' months must be real months.
            precondition(result.facts.allSatisfy { (1...12).contains($0.month.month) })
        }
    }
}

/// libFuzzer's driver, entered from each target's own main: SwiftPM gives an executable target a main of
/// its own (`<Target>_main`), so libFuzzer's main is not linked and the driver is called explicitly.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

extension FuzzHarness {
    package static func runDriver(
        _ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
        _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
    ) -> CInt {
        // Load the config before the first input: TOMLKit's `keys` leaks a few bytes per call (its C++ side),
        // once per process, which LeakSanitizer would otherwise pin on whichever input came first.
        _ = config
        var count = argc
        var arguments = argv
        return LLVMFuzzerRunDriver(&count, &arguments, callback)
    }
}
