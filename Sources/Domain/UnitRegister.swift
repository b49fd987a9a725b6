import Foundation

/// Reads the unit register: the CSV export of the municipality's organisation register.
///
/// Columns (header names, any order, case-insensitive): `id`, `namn`, `omrade`, `regi` (`egen`/`extern`),
/// `avtalsform` (`lov`/`lou`/`direkt`/`fristaende`), `ansvar` (ledger codes), `hr_koder` (HR codes), `giltig_fran`,
/// `giltig_till` (dates, empty = open), and optionally `ovriga_koder`, `senaste_fordjupning` (the date of the
/// latest fördjupad uppföljning) and `eget_kapital` (opening eget kapital of the economics' equity year, in
/// kronor). Code lists are separated by `|`. The CSV conventions are those of
/// every other export (delimiter sniffed, UTF-8 or Windows-1252).
package enum UnitRegister {
    static let required = ["id", "namn", "omrade", "regi", "avtalsform"]

    static func load(path: String, displayPath: String, omraden: [Omrade], sink: FindingSink) -> [Enhet] {
        guard let data = FileManager.default.contents(atPath: path) else {
            sink.findings.append(
                Finding(
                    SourceLocation(file: displayPath), rule: "register-unreadable",
                    message: "cannot read the unit register"))
            return []
        }
        let (enheter, findings) = parse(Array(data), file: displayPath, omraden: omraden)
        sink.findings.append(contentsOf: findings)
        return enheter
    }

    /// Parses register bytes into units and findings.
    package static func parse(_ bytes: [UInt8], file: String, omraden: [Omrade]) -> ([Enhet], [Finding]) {
        var findings: [Finding] = []
        func fail(_ line: Int?, _ column: Int?, _ rule: String, _ message: String) {
            findings.append(
                Finding(SourceLocation(file: file, line: line, column: column), rule: rule, message: message))
        }
        do {
            var reader = try CSVReader(source: MemoryByteSource(bytes))
            guard try reader.next() else {
                fail(nil, nil, "register-empty", "the unit register has no header line")
                return ([], findings)
            }
            let header = CSVHeader(reader.strings)
            let missing = required.filter { header.index(of: $0) == nil }
            if !missing.isEmpty {
                let names = missing.map { "'\($0)'" }.joined(separator: ", ")
                fail(
                    1, nil, "register-columns",
                    "missing column \(names); \(MessageText.headerNotQuoted(fields: header.names.count))")
                return ([], findings)
            }
            var enheter: [Enhet] = []
            var ids: Set<String> = []
            var ledgerOwners: [String: String] = [:]
            while try reader.next() {
                let line = reader.line
                let fields = reader.strings
                if fields.count != header.names.count {
                    fail(line, nil, "register-columns", "expected \(header.names.count) fields, found \(fields.count)")
                    continue
                }
                func field(_ name: String) -> String { header.index(of: name).map { fields[$0] } ?? "" }
                func column(_ name: String) -> Int? { header.index(of: name).map { $0 + 1 } }
                var ok = true
                let id = field("id")
                if id.isEmpty {
                    fail(line, column("id"), "register-value", "column 'id': expected a unit id, found nothing")
                    ok = false
                } else if !Config.isIdentifier(id) {
                    fail(
                        line, column("id"), "register-value",
                        "column 'id': "
                            + Diagnostic.unexpectedValue(expected: Diagnostic.identifierCharacters, found: id).message)
                    ok = false
                } else if !ids.insert(id).inserted {
                    fail(line, column("id"), "register-duplicate", "column 'id': unit '\(id)' is listed twice")
                    ok = false
                }
                let omrade = field("omrade")
                if !omraden.contains(where: { $0.id == omrade }) {
                    fail(
                        line, column("omrade"), "register-reference",
                        "column 'omrade': no [[omrade]] has id '\(omrade)'")
                    ok = false
                }
                let regi = Regi(rawValue: field("regi").lowercased())
                if regi == nil {
                    fail(
                        line, column("regi"), "register-value",
                        "column 'regi': expected 'egen' or 'extern', found '\(field("regi"))'")
                    ok = false
                }
                let avtalsform = Avtalsform(rawValue: field("avtalsform").lowercased())
                if avtalsform == nil {
                    fail(
                        line, column("avtalsform"), "register-value",
                        "column 'avtalsform': expected 'lov', 'lou', 'direkt' or 'fristaende', found '\(field("avtalsform"))'"
                    )
                    ok = false
                }
                var validity: [Day?] = []
                for name in ["giltig_fran", "giltig_till"] {
                    let text = field(name)
                    if text.isEmpty {
                        validity.append(nil)
                    } else if let day = Day(text) {
                        validity.append(day)
                    } else {
                        fail(
                            line, column(name), "register-value",
                            "column '\(name)': expected YYYY-MM-DD, found '\(text)'")
                        validity.append(nil)
                        ok = false
                    }
                }
                if let from = validity[0], let to = validity[1], to < from {
                    fail(
                        line, column("giltig_till"), "register-value",
                        "column 'giltig_till': '\(to)' is before giltig_fran '\(from)'")
                    ok = false
                }
                let ledgerCodes = codes(field("ansvar"))
                for code in ledgerCodes {
                    if let owner = ledgerOwners[code], owner != id {
                        fail(
                            line, column("ansvar"), "register-duplicate",
                            "column 'ansvar': code '\(code)' already belongs to unit '\(owner)'")
                        ok = false
                    }
                    ledgerOwners[code] = id
                }
                guard ok, let regi, let avtalsform else { continue }
                var enhet = Enhet(
                    id: id, name: field("namn"), omrade: omrade, regi: regi, avtalsform: avtalsform,
                    ledgerCodes: ledgerCodes, hrCodes: codes(field("hr_koder")), validFrom: validity[0],
                    validTo: validity[1])
                enhet.otherCodes = codes(field("ovriga_koder"))
                let review = field("senaste_fordjupning")
                if !review.isEmpty {
                    if let day = Day(review) {
                        enhet.lastInDepthReview = day
                    } else {
                        fail(
                            line, column("senaste_fordjupning"), "register-value",
                            "column 'senaste_fordjupning': expected YYYY-MM-DD, found '\(review)'")
                    }
                }
                let equity = field("eget_kapital")
                if !equity.isEmpty {
                    if let amount = FixedDecimal(equity) {
                        enhet.openingEquity = amount
                    } else {
                        fail(
                            line, column("eget_kapital"), "register-value",
                            "column 'eget_kapital': expected an amount in kronor, found '\(equity)'")
                    }
                }
                enheter.append(enhet)
            }
            return (enheter, findings)
        } catch {
            fail(nil, nil, "register-unreadable", "\(error)")
            return ([], findings)
        }
    }

    static func codes(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == "|" }).map { String($0).trimmingSpaces() }.filter { !$0.isEmpty }
    }
}
