import Rules

/// A judgement as the templates show it: a mark that needs no colour, the text label, and a CSS class
/// (`green`, `yellow`, `red`).
struct StatusMark {
    let label: String
    let `class`: String
    let mark: String

    init(label: String, level: Status.Level) {
        self.label = label
        self.class = level.rawValue
        self.mark = level.mark
    }
}
