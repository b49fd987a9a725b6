import Testing

@testable import Domain

@Suite("MessageText")
struct MessageTextTests {
    @Test(
        "Personnummer and samordningsnummer are masked in every form, as whole tokens",
        arguments: [
            ("found '19121212-1212'", "found '******-****'"),
            ("unit id '121212-1212' is not in the unit register", "unit id '******-****' is not in the unit register"),
            ("121212+1212", "******-****"),
            ("191212121212", "******-****"),
            ("1212121212;x", "******-****;x"),
            ("19121272-1212", "******-****"),
            ("121272-1212", "******-****"),
            ("persnr=\"198001011234\"", "persnr=\"******-****\""),
            ("a 20000229-1234 b", "a ******-**** b"),
            ("19121212-1212.csv", "******-****.csv"),
            ("HT01;19121212-1212\n", "HT01;******-****\n"),
        ])
    func masked(text: String, expected: String) {
        #expect(MessageText.masked(text) == expected)
    }

    @Test(
        "Numbers that are not date-shaped, or not whole tokens, are left alone",
        arguments: [
            "1234567890",  // month 34
            "1709310326",  // 31 September
            "20250230-1234",  // 30 February
            "19000229-1234",  // 1900 was no leap year
            "21121212-1212",  // no 22nd-century birth years yet
            "12345678901234",  // 14 digits
            "8001011234.50",  // an amount with decimals
            "8001011234,50",
            "0,8001011234",
            "a198001011234",  // inside a word or a hexadecimal hash
            "198001011234f",
            "19121212-12121",
            "2025-03-05",
            "expected 5 fields, found 7",
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        ])
    func notMasked(text: String) {
        #expect(MessageText.masked(text) == text)
    }

    @Test("Control characters become visible escapes; safe text is left as it is and safe is idempotent")
    func escaped() {
        #expect(MessageText.escaped("a\nb\r\tc") == #"a\nb\r\tc"#)
        #expect(MessageText.escaped("x\u{1B}[2Jy\u{7}\u{7F}\u{9B}") == #"x\u{1B}[2Jy\u{7}\u{7F}\u{9B}"#)
        #expect(MessageText.escaped("evil\u{202E}txt.csv\u{2028}") == #"evil\u{202E}txt.csv\u{2028}"#)
        #expect(MessageText.escaped("Bokföringsdatum 'Å' – ok") == "Bokföringsdatum 'Å' – ok")
        let hostile = "f\n19121212-1212\u{1B}]0;pwned\u{7}"
        #expect(MessageText.safe(hostile) == #"f\n******-****\u{1B}]0;pwned\u{7}"#)
        #expect(MessageText.safe(MessageText.safe(hostile)) == MessageText.safe(hostile))
    }

    @Test(
        "A stored and published message keeps the column and the reason, never the cell's value",
        arguments: [
            (
                "column 'Belopp': expected a decimal number, found '12,34,5'",
                "column 'Belopp': expected a decimal number"
            ),
            (
                "column 'Enhet': unit id '121212-1212' is not in the unit register",
                "column 'Enhet': unit id '…' is not in the unit register"
            ),
            (
                "column 'Avslutat': closed '2025-05-01' is before received '2025-06-10'",
                "column 'Avslutat': closed '…' is before received '…'"
            ),
            (
                "#TRANS amount: expected a number with at most two decimals, found 'tusen'",
                "#TRANS amount: expected a number with at most two decimals"
            ),
            ("tidtrans 'timmar': expected a number, found 'åtta'", "tidtrans 'timmar': expected a number"),
            ("expected 5 fields, found 7", "expected 5 fields, found 7"),
            (
                "column 'Ärendetyp': type code 'XYZ' is not mapped; mapped codes: 'KLA', 'SYN'",
                "column 'Ärendetyp': type code '…' is not mapped"
            ),
            ("column 'Text': found 'O'Brien 19121212-1212", "column 'Text':"),
            (
                "column 'Enhet': unit id 'O'Brien' is not in the unit register",
                "column 'Enhet': unit id '…' is not in the unit register"
            ),
            ("column 'Månad': found '2025-01' and '2025-03'", "column 'Månad':"),
            ("column 'Enhet': unit id 'a\nb' is unknown", "column 'Enhet': unit id '…' is unknown"),
        ])
    func withoutValues(message: String, expected: String) {
        #expect(MessageText.withoutValues(message) == expected)
    }

    @Test("A finding's message and path are made safe when it is made")
    func finding() {
        let finding = Finding(
            SourceLocation(file: "inbox/a\nb\u{1B}[31m.csv", line: 2, column: 1), rule: "unknown-unit",
            message:
                "column 'Enhet': unit id '19121212-1212\nfake.csv:1: error: [x] forged' is not in the unit register")
        #expect(
            finding.description
                == #"inbox/a\nb\u{1B}[31m.csv:2:1: error: [unknown-unit] column 'Enhet': unit id '******-****\nfake.csv:1: error: [x] forged' is not in the unit register"#
        )
        #expect(finding.storedMessage == "column 'Enhet': unit id '…' is not in the unit register")
    }
}
