import Testing

@testable import Domain

@Suite("Formula")
struct FormulaTests {
    @Test("Precedence, parentheses and references")
    func parses() throws {
        let formula = try Formula.parse("(personalkostnader + kop) / brukare * 100 - 1")
        #expect(formula.description == "((((personalkostnader + kop) / brukare) * 100) - 1)")
        #expect(formula.references.map(\.measure) == ["personalkostnader", "kop", "brukare"])
    }

    @Test("Category and gender filters")
    func filters() throws {
        let formula = try Formula.parse("sjuktimmar[gender=K] / schematimmar[category=underskoterska, gender=K]")
        #expect(
            formula.references == [
                MeasureReference(measure: "sjuktimmar", gender: .kvinnor),
                MeasureReference(measure: "schematimmar", category: "underskoterska", gender: .kvinnor),
            ])
    }

    @Test(
        "Errors name the column",
        arguments: [
            ("a +", "column 4: expected a number, a measure or '(', found the end"),
            ("(a + b", "column 7: expected ')', found the end"),
            ("a b", "column 3: expected an operator or the end, found 'b'"),
            ("a[sex=K]", "column 3: expected 'category' or 'gender', found 'sex'"),
            ("a[gender=X]", "column 10: gender must be 'K' or 'M', found 'X'"),
            ("a * # 2", "column 5: expected a number, a measure or '(', found '#'"),
        ])
    func errors(text: String, message: String) {
        #expect(throws: FormulaError.self) { try Formula.parse(text) }
        do {
            _ = try Formula.parse(text)
        } catch {
            #expect(error.description == message)
        }
    }
}
