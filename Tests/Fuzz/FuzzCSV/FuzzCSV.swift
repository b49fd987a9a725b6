import Domain
import FuzzSupport

/// libFuzzer entry: the CSV reader in memory (every delimiter and a tiny chunk size, so records straddle
/// chunks), then the ledger CSV reader on the same bytes.
func fuzzCSV(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    for delimiter: UInt8? in [nil, UInt8(ascii: ";"), UInt8(ascii: ",")] {
        guard var reader = try? CSVReader(source: MemoryByteSource(bytes), delimiter: delimiter, chunkSize: 64)
        else { continue }
        var records = 0
        while (try? reader.next()) == true {
            records += 1
            _ = reader.strings
            precondition(reader.line >= records)
        }
    }
    FuzzHarness.read(UnsafeRawBufferPointer(start: data, count: size), source: "ledger")
    return 0
}

@_cdecl("FuzzCSV_main")
func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    FuzzHarness.runDriver(argc, argv, { data, size in fuzzCSV(data, size) })
}
