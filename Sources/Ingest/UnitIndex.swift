import Domain

/// Finds the unit a source code belongs to, by register id, ledger code or HR code.
package struct UnitIndex: Sendable {
    private let byID: [String: Enhet]
    private let byLedgerCode: [String: Enhet]
    private let byHRCode: [String: Enhet]
    private let byOtherCode: [String: Enhet]

    package init(_ enheter: [Enhet]) {
        var id: [String: Enhet] = [:]
        var ledger: [String: Enhet] = [:]
        var hr: [String: Enhet] = [:]
        var other: [String: Enhet] = [:]
        for enhet in enheter {
            for code in enhet.otherCodes { other[code] = enhet }
            id[enhet.id] = enhet
            for code in enhet.ledgerCodes { ledger[code] = enhet }
            for code in enhet.hrCodes { hr[code] = enhet }
        }
        byID = id
        byLedgerCode = ledger
        byHRCode = hr
        byOtherCode = other
    }

    package func enhet(for code: String, key: SourceDefinition.UnitKey) -> Enhet? {
        switch key {
        case .id: return byID[code]
        case .ledger: return byLedgerCode[code]
        case .hr: return byHRCode[code]
        case .other: return byOtherCode[code]
        }
    }
}
