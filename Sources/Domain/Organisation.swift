/// Who runs a unit: the municipality itself or a private provider.
package enum Regi: String, Sendable, CaseIterable, Codable {
    case egen
    case extern

    package var label: String { self == .egen ? "egen regi" : "extern utförare" }
}

/// The form of the contract under which a unit delivers.
package enum Avtalsform: String, Sendable, CaseIterable, Codable {
    /// Kundval under LOV.
    case lov
    /// Procured under LOU.
    case lou
    /// Direct internal order (egen regi).
    case direkt
    /// A fristående förskola or skola: approved by the municipality and paid a grant (bidrag) under the
    /// Education Act, neither chosen under LOV nor procured under LOU.
    case fristaende
}

/// A beställarnämnd: the purchasing committee that owns one or more områden.
package struct Namnd: Hashable, Sendable {
    package let id: String
    package let name: String

    package init(id: String, name: String) {
        self.id = id
        self.name = name
    }
}

/// A verksamhetsområde, e.g. hemtjänst; owned by one nämnd.
package struct Omrade: Hashable, Sendable {
    package let id: String
    package let name: String
    package let namnd: String

    package init(id: String, name: String, namnd: String) {
        self.id = id
        self.name = name
        self.namnd = namnd
    }
}

/// One utförarenhet from the unit register.
package struct Enhet: Hashable, Sendable {
    package let id: String
    package let name: String
    package let omrade: String
    package let regi: Regi
    package let avtalsform: Avtalsform
    /// Ledger codes (ansvar / kostnadsställe) whose amounts belong to the unit.
    package let ledgerCodes: [String]
    /// Codes the HR and payroll systems use for the unit.
    package let hrCodes: [String]
    /// Other systems' codes for the unit, e.g. the national statistics' unit id (Kolada's OU id) used in
    /// downloaded survey results.
    package var otherCodes: [String] = []
    /// The date of the unit's latest fördjupad uppföljning; `nil` = none on record.
    package var lastInDepthReview: Day?
    /// Eget kapital at the start of the economics' equity year (egen regi).
    package var openingEquity: FixedDecimal?
    /// First day the unit delivers; `nil` = always.
    package let validFrom: Day?
    /// Last day the unit delivers; `nil` = still open.
    package let validTo: Day?

    package init(
        id: String, name: String, omrade: String, regi: Regi, avtalsform: Avtalsform, ledgerCodes: [String],
        hrCodes: [String], validFrom: Day?, validTo: Day?
    ) {
        self.id = id
        self.name = name
        self.omrade = omrade
        self.regi = regi
        self.avtalsform = avtalsform
        self.ledgerCodes = ledgerCodes
        self.hrCodes = hrCodes
        self.validFrom = validFrom
        self.validTo = validTo
    }

    /// Whether the unit delivers on at least one day of `month`.
    package func isValid(in month: Month) -> Bool {
        if let from = validFrom, from.monthValue > month { return false }
        if let to = validTo, to.monthValue < month { return false }
        return true
    }

    /// Whether the unit delivers on at least one day of any of `months`.
    package func isValid(inAnyOf months: [Month]) -> Bool { months.contains { isValid(in: $0) } }
}
