import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Every file in fixtures/bad/ (written by scripts/gen-bad-fixtures) loaded together with a good file of
/// its source: the exact message (file, line, rule, reason), the exit code, the good file's facts stored,
/// and time and memory bounded.
@Suite("Hostile and broken input")
struct HostileInputTests {
    static let config = "fixtures/bad/kommun.toml"

    /// The month `ingest` runs in: today's in UTC, as the tool counts days.
    static var runMonth: String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        let parts = calendar.dateComponents([.year, .month], from: Date())
        return String(format: "%04d-%02d", parts.year ?? 0, parts.month ?? 0)
    }

    /// (bad file under fixtures/bad, exit code, the first line of stderr — or of stdout when stderr is
    /// empty — that names the problem). A message ending in "loaded" is a prefix.
    static let cases: [(String, Int32, String)] = [
        (
            "complaints-xml/entity-bomb.xml", 3,
            #"fixtures/bad/complaints-xml/entity-bomb.xml:2: error: [xml-dtd] a document type declaration (DTD) is not accepted: it could define entities or fetch files"#
        ),
        (
            "complaints-xml/truncated.xml", 3,
            #"fixtures/bad/complaints-xml/truncated.xml:3: error: [xml-not-well-formed] libxml2: Opening and ending tag mismatch: inkom line 3 and in"#
        ),
        (
            "complaints/closed-before-received.csv", 1,
            #"fixtures/bad/complaints/closed-before-received.csv:2:5: error: [closed-before-received] column 'Avslutat': closed '2025-05-01' is before received '2025-06-10'"#
        ),
        (
            "complaints/duplicate-entry.csv", 1,
            #"fixtures/bad/complaints/duplicate-entry.csv:3:1: error: [duplicate-row] column 'Diarienummer': the same entry id as on line 2"#
        ),
        (
            "complaints/unknown-type.csv", 1,
            #"fixtures/bad/complaints/unknown-type.csv:2:4: error: [unknown-type] column 'Ärendetyp': type code 'XYZ' is not mapped; mapped codes: 'KLA', 'SYN'"#
        ),
        (
            "hr/bad-degree.csv", 1,
            #"fixtures/bad/hr/bad-degree.csv:2:4: error: [degree-format] column 'Sysselsättningsgrad': expected a percentage from 0 to 200, found 'hundra'"#
        ),
        (
            "hr/bad-gender.csv", 1,
            #"fixtures/bad/hr/bad-gender.csv:2:5: error: [gender-format] column 'Kön': expected K, M or nothing, found 'X'"#
        ),
        (
            "ledger-utf8/windows-1252.csv", 3,
            #"fixtures/bad/ledger-utf8/windows-1252.csv:1: error: [encoding] the header line is not valid text in encoding = "utf-8": the file has another encoding (try encoding = "auto" or "windows-1252")"#
        ),
        (
            "ledger/bad-amount.csv", 1,
            #"fixtures/bad/ledger/bad-amount.csv:2:4: error: [amount-format] column 'Belopp': expected a decimal number, found '12,34,5'"#
        ),
        (
            "ledger/bad-date.csv", 1,
            #"fixtures/bad/ledger/bad-date.csv:2:1: error: [date-format] column 'Bokföringsdatum': expected YYYY-MM-DD or YYYYMMDD, found '2025-02-30'"#
        ),
        (
            "ledger/duplicate-of-good.csv", 0,
            #"skipped fixtures/bad/ledger/duplicate-of-good.csv (ekonomi): same content as 'fixtures/bad/ledger/good-2025-02.csv', loaded"#
        ),
        (
            "ledger/empty.csv", 3,
            #"fixtures/bad/ledger/empty.csv: error: [empty-file] the file is empty (0 bytes)"#
        ),
        (
            "ledger/extra-fields.csv", 1,
            #"fixtures/bad/ledger/extra-fields.csv:2: error: [field-count] expected 5 fields, found 7"#
        ),
        (
            "ledger/future-dates.csv", 3,
            #"fixtures/bad/ledger/future-dates.csv: error: [future-month] the file has data for 2031-03, after the run's month "#
                + runMonth + #": not loaded; correct the dates (first: 2031-03)"#
        ),
        (
            "ledger/garbage.csv", 3,
            #"fixtures/bad/ledger/garbage.csv:1: error: [not-text] the header line holds control characters: the file is not a text export"#
        ),
        (
            "ledger/line-100mb.csv.gz", 3,
            #"fixtures/bad/ledger/line-100mb.csv.gz:2: error: [record-too-long] the record is longer than 1048576 bytes: the file is not a CSV export, or a quote is never closed"#
        ),
        (
            "ledger/missing-column.csv", 3,
            #"fixtures/bad/ledger/missing-column.csv:1: error: [missing-column] column 'Belopp' (amount) not found in the header; the header line has 4 fields, not quoted: a file without its header starts with a data row"#
        ),
        (
            "ledger/truncated.csv", 1,
            #"fixtures/bad/ledger/truncated.csv:3: error: [field-count] expected 5 fields, found 3"#
        ),
        (
            "ledger/unknown-unit.csv", 1,
            #"fixtures/bad/ledger/unknown-unit.csv: warning: [unmapped-unit] unit code '99999' is not in the unit register: 1 rows, 100.00 kept as unmapped"#
        ),
        (
            "ledger/unterminated-quote.csv", 3,
            #"fixtures/bad/ledger/unterminated-quote.csv:2: error: [unterminated-quote] a quoted field opens here and is not closed before the end of the file: nothing after it can be read"#
        ),
        (
            "ledger/wrong-delimiter.csv", 3,
            #"fixtures/bad/ledger/wrong-delimiter.csv:1: error: [missing-column] column 'Konto' (account), 'Belopp' (amount), 'Bokföringsdatum' (date), 'Ansvar' (unit) not found in the header; the header line has 1 field, not quoted: a file without its header starts with a data row"#
        ),
        (
            "paxml/bad-hours.xml", 1,
            #"fixtures/bad/paxml/bad-hours.xml:5: error: [number-format] tidtrans 'timmar': expected a number, found 'åtta'"#
        ),
        (
            "paxml/date-out-of-range.xml", 1,
            #"fixtures/bad/paxml/date-out-of-range.xml:5: error: [date-range] tidtrans: a date in 2722 is outside the payroll years 2000–2340"#
        ),
        (
            "paxml/empty.xml", 3,
            #"fixtures/bad/paxml/empty.xml: error: [empty-file] the file is empty (0 bytes)"#
        ),
        (
            "paxml/entity-bomb.xml", 3,
            #"fixtures/bad/paxml/entity-bomb.xml:2: error: [xml-dtd] a document type declaration (DTD) is not accepted: it could define entities or fetch files"#
        ),
        (
            "paxml/garbage.xml", 3,
            #"fixtures/bad/paxml/garbage.xml:1: error: [xml-not-well-formed] libxml2: Document is empty"#
        ),
        (
            "paxml/latin1-declared-utf8.xml", 3,
            #"fixtures/bad/paxml/latin1-declared-utf8.xml:4: error: [xml-not-well-formed] libxml2: Input is not proper UTF-8, indicate encoding ! Bytes: 0xF6 0x74 0x65 0x72"#
        ),
        (
            "paxml/not-paxml.xml", 3,
            #"fixtures/bad/paxml/not-paxml.xml:1: error: [not-paxml] the root element is <faktura>, expected <paxml>: not a PAXml export"#
        ),
        (
            "paxml/truncated.xml", 3,
            #"fixtures/bad/paxml/truncated.xml:5: error: [xml-not-well-formed] libxml2: Opening and ending tag mismatch: datum line 5 and da"#
        ),
        (
            "paxml/xxe.xml", 3,
            #"fixtures/bad/paxml/xxe.xml:2: error: [xml-dtd] a document type declaration (DTD) is not accepted: it could define entities or fetch files"#
        ),
        (
            "sie/bad-amount.se", 1,
            #"fixtures/bad/sie/bad-amount.se:9: error: [amount-format] #TRANS amount: expected a number with at most two decimals, found 'tusen'"#
        ),
        (
            "sie/empty.se", 3,
            #"fixtures/bad/sie/empty.se: error: [empty-file] the file is empty (0 bytes)"#
        ),
        (
            "sie/garbage.se", 3,
            #"fixtures/bad/sie/garbage.se:1: error: [not-sie] the file does not start with a SIE record (#FLAGGA, #SIETYP …): not a SIE 4 export"#
        ),
        (
            "sie/not-sie.se", 3,
            #"fixtures/bad/sie/not-sie.se:1: error: [not-sie] the file does not start with a SIE record (#FLAGGA, #SIETYP …): not a SIE 4 export"#
        ),
        (
            "sie/truncated.se", 3,
            #"fixtures/bad/sie/truncated.se:7: error: [unbalanced-voucher] voucher series 'A' number '1' does not balance: its #TRANS rows sum to 1000.00"#
        ),
        (
            "sie/unbalanced.se", 3,
            #"fixtures/bad/sie/unbalanced.se:7: error: [unbalanced-voucher] voucher series 'A' number '1' does not balance: its #TRANS rows sum to 100.00"#
        ),
        (
            "sie/wrong-ksumma.se", 3,
            #"fixtures/bad/sie/wrong-ksumma.se:13: error: [ksumma] #KSUMMA checksum mismatch: the file says '12345', its records give 1709310326"#
        ),
        (
            "survey/missing-columns.csv", 3,
            #"fixtures/bad/survey/missing-columns.csv:1: error: [missing-column] column 'Antal svarande' (respondents), 'Andel positiva (%)' (share) not found in the header; the header line has 3 fields, not quoted: a file without its header starts with a data row"#
        ),
        (
            "survey/share-over-100.csv", 1,
            #"fixtures/bad/survey/share-over-100.csv:2:5: error: [share-format] column 'Andel positiva (%)': expected a percentage from 0 to 100, found '112,0'"#
        ),
        (
            "volume/bad-month.csv", 1,
            #"fixtures/bad/volume/bad-month.csv:2:2: error: [month-format] column 'Månad': expected YYYY-MM or YYYYMM, found '2025-13'"#
        ),
        (
            "volume/header-only.csv", 0,
            #"loaded fixtures/bad/volume/header-only.csv (volymer): 0 rows, 0 facts, 0 rejected"#
        ),
        (
            "volume/negative.csv", 1,
            #"fixtures/bad/volume/negative.csv:2:4: error: [negative-value] column 'Värde': expected zero or more, found '-3'"#
        ),
        (
            "volume/unknown-measure.csv", 1,
            #"fixtures/bad/volume/unknown-measure.csv:2:3: error: [unknown-measure] column 'Mått': no [[measure]] has id 'besok'"#
        ),
        (
            "volume/unknown-unit.csv", 1,
            #"fixtures/bad/volume/unknown-unit.csv:2:1: error: [unknown-unit] column 'Enhet': unit id 'HT99' is not in the unit register"#
        ),
    ]

    @Test("Every bad file gets its exact message and exit code; the good file beside it is stored")
    func hostile() throws {
        #expect(Self.cases.count >= 30)
        var slowest = 0.0
        for (name, status, message) in Self.cases {
            let started = Date()
            let (output, directory, folder, good) = try Self.ingestBesideGood(name)
            slowest = max(slowest, Date().timeIntervalSince(started))
            #expect(output.status == status, "\(name)")
            let lines = (output.stderr.isEmpty ? output.stdout : output.stderr).components(separatedBy: "\n")
            let shown =
                output.stderr.isEmpty ? lines.first { !$0.hasPrefix("loaded " + folder + "/good-") } : lines.first
            if message.hasSuffix(", loaded") {
                #expect(shown?.hasPrefix(message) == true, "\(name): \(shown ?? "")")
            } else {
                #expect(shown?.trimmingCharacters(in: .whitespaces) == message, "\(name)")
            }
            #expect(output.stdout.contains("loaded \(folder)/\(good) ("), "\(name): the good file is loaded")
            let facts = try Executable.run([
                "facts", "--config", Self.config, "--warehouse", directory + "/w.sqlite",
            ])
            #expect(facts.stdout.contains(",\(folder)/\(good)\r\n"), "\(name): the good file's facts are stored")
        }
        // Bounds, not benchmarks: the 100 MB line and the entity bomb must not run away.
        var usage = rusage()
        getrusage(RUSAGE_CHILDREN.rawValue, &usage)
        #expect(usage.ru_maxrss < 300_000, "peak memory of any run: \(usage.ru_maxrss) KB")
        #expect(slowest < 30, "slowest run: \(slowest) s")
    }
}

extension HostileInputTests {
    /// Ingests one file of fixtures/bad/ together with the good file beside it (`good-*`) into a new
    /// warehouse: the run's output, the scratch folder, the file's folder and the good file's name.
    static func ingestBesideGood(_ name: String) throws -> (
        output: Executable.Output, directory: String, folder: String, good: String
    ) {
        let directory = try Executable.temporaryDirectory()
        let bad = "fixtures/bad/" + name
        let folder = (bad as NSString).deletingLastPathComponent
        let good = try #require(
            try FileManager.default.contentsOfDirectory(atPath: Executable.root + "/" + folder)
                .first { $0.hasPrefix("good-") })
        let output = try Executable.run([
            "ingest", "--config", config, "--warehouse", directory + "/w.sqlite", folder + "/" + good, bad,
        ])
        return (output, directory, folder, good)
    }
}
