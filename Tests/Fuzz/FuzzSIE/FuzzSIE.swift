import FuzzSupport

/// libFuzzer entry: the SIE 4 ledger reader (scanner, #KSUMMA, vouchers, #PBUDGET).
func fuzzSIE(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    FuzzHarness.read(UnsafeRawBufferPointer(start: data, count: size), source: "sie")
    return 0
}

@_cdecl("FuzzSIE_main")
func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    FuzzHarness.runDriver(argc, argv, { data, size in fuzzSIE(data, size) })
}
