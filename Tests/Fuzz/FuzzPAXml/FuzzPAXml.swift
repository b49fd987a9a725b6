import FuzzSupport

/// libFuzzer entry: the PAXml reader (libxml2 SAX push parser, DTD refusal, records to facts).
func fuzzPAXml(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    FuzzHarness.read(UnsafeRawBufferPointer(start: data, count: size), source: "lon")
    return 0
}

@_cdecl("FuzzPAXml_main")
func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    FuzzHarness.runDriver(argc, argv, { data, size in fuzzPAXml(data, size) })
}
