/// How ledger accounts become measures and which dimension names the unit.
package struct LedgerMapping: Sendable {
    /// An inclusive range of accounts, compared on as many leading digits as `from` has.
    package struct AccountRange: Sendable, Hashable {
        package let from: String
        package let to: String
        package let measure: String
        /// +1 keeps the ledger's sign; −1 turns credits (revenues) into positive values. The default is
        /// `defaultSign`, +1.
        package let sign: Int

        /// The sign of a range that names none: +1.
        package static let defaultSign = 1

        package init(from: String, to: String, measure: String, sign: Int) {
            self.from = from
            self.to = to
            self.measure = measure
            self.sign = sign
        }

        /// Whether `account` (digits) falls in the range.
        package func contains(_ account: String) -> Bool {
            let width = from.count
            var key = String(account.prefix(width))
            if key.count < width { key += String(repeating: "0", count: width - key.count) }
            return key >= from && key <= to.padding(toLength: width, withPad: "9", startingAt: 0)
        }
    }

    /// A ledger unit code, or an inclusive range of codes, that names no unit: a central account, the
    /// nämnd's own ansvar (`[ledger] ignore_units`).
    package struct IgnoredUnits: Sendable, Hashable {
        /// The code, or the range's first code.
        package let from: String
        /// The range's last code; `from` for a single code.
        package let to: String

        /// Reads an entry: a code, or `FROM-TO` where both are digits of the same length and FROM is not
        /// above TO; `nil`, with the expectation, otherwise.
        package static func parse(_ text: String) -> Result<IgnoredUnits, IgnoredUnitsError> {
            let code = text.trimmingCharacters(in: .whitespaces)
            guard !code.isEmpty else { return .failure(.empty) }
            let parts = code.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
            let digits = { (part: String) in !part.isEmpty && part.allSatisfy { $0.isASCII && $0.isNumber } }
            guard parts.count == 2, digits(parts[0]), digits(parts[1]) else {
                return .success(IgnoredUnits(from: code, to: code))
            }
            guard parts[0].count == parts[1].count else { return .failure(.lengths) }
            guard parts[0] <= parts[1] else { return .failure(.order) }
            return .success(IgnoredUnits(from: parts[0], to: parts[1]))
        }

        /// Whether a unit code (as the ledger wrote it, spaces trimmed) is ignored.
        package func contains(_ code: String) -> Bool {
            from == to ? code == from : code.count == from.count && code >= from && code <= to
        }
    }

    /// Why an entry of `ignore_units` is refused.
    package enum IgnoredUnitsError: Error, Sendable {
        case empty, lengths, order
    }

    /// The SIE dimension whose objects identify the unit. The default is `defaultUnitDimension`, 1
    /// (kostnadsställe).
    package let unitDimension: Int
    package let accounts: [AccountRange]
    /// Unit codes that name no unit and are expected in the ledger: their amounts are counted as
    /// `amount.ignored`, not unmapped. The default is none.
    package var ignoredUnits: [IgnoredUnits] = []

    /// The SIE dimension that identifies the unit when `[ledger]` names none: 1 (kostnadsställe).
    package static let defaultUnitDimension = 1

    /// Whether a unit code not in the register is one the config ignores.
    package func ignores(_ code: String) -> Bool { ignoredUnits.contains { $0.contains(code) } }

    /// The measure and sign for an account; `nil` means the account is left out of unit results.
    package func range(for account: String) -> AccountRange? { accounts.first { $0.contains(account) } }

    /// The Kommun-Bas defaults: class 3 revenues (shown positive), 4 purchases, 5 personnel, 6–7 other
    /// costs; class 8 and the balance sheet (1–2) are left out.
    package static let kommunBasAccounts: [AccountRange] = [
        AccountRange(from: "3", to: "3", measure: "intakter", sign: -1),
        AccountRange(from: "4", to: "4", measure: "kop_av_tjanster", sign: 1),
        AccountRange(from: "5", to: "5", measure: "personalkostnader", sign: 1),
        AccountRange(from: "6", to: "7", measure: "ovriga_kostnader", sign: 1),
    ]

    /// The measure id of the budget of a ledger measure: `budget_personalkostnader`.
    package static func budgetMeasure(_ measure: String) -> String { "budget_" + measure }

    /// The measures the Kommun-Bas defaults produce, declared automatically when the config does not.
    package static let kommunBasMeasures: [Measure] = [
        Measure(
            id: "intakter", name: "Intäkter", unit: "kr", aggregation: .sum,
            description: "Kontoklass 3, intäkter (visas positivt)"),
        Measure(
            id: "kop_av_tjanster", name: "Köp av material och tjänster", unit: "kr", aggregation: .sum,
            description: "Kontoklass 4"),
        Measure(
            id: "personalkostnader", name: "Personalkostnader", unit: "kr", aggregation: .sum,
            description: "Kontoklass 5"),
        Measure(
            id: "ovriga_kostnader", name: "Övriga kostnader", unit: "kr", aggregation: .sum,
            description: "Kontoklass 6 och 7"),
    ]
}
