import Domain
import Testing

@Suite("CSVHeader")
struct CSVHeaderTests {
    let header = CSVHeader(["Bokföringsdatum", "Ansvar", "BELOPP", "ansvar", "Konto"])

    @Test("A name matches ignoring case, its own surrounding spaces trimmed; the first matching field wins")
    func index() {
        #expect(header.index(of: "belopp") == 2)
        #expect(header.index(of: " Belopp ") == 2)
        #expect(header.index(of: "ansvar") == 1)
        #expect(header.index(of: "bokföringsDatum") == 0)
        #expect(header.index(of: "text") == nil)
    }

    @Test("Of a column's several names, the first field that has any of them")
    func indexOfAny() {
        #expect(header.index(ofAny: ["konto", "ansvar"]) == 1)
        #expect(header.index(ofAny: ["account", "Konto"]) == 4)
        #expect(header.index(ofAny: ["date"]) == nil)
    }
}
