/// The kinds of entries in a complaints register.
package enum ComplaintType: String, Sendable, CaseIterable {
    case synpunkt
    case klagomal
    case berom
    case lexSarah = "lex_sarah"
    case lexMaria = "lex_maria"
    case avvikelse
}
