import Mustache

/// A text a row always has, possibly none: a section over it renders only when there is text, and, unlike
/// an optional, a row without text does not take the key from the context around it.
///
/// Mustache looks a missing key (an optional that is `nil`) up in the enclosing context, so a source row
/// without a `stale` note would show the data-quality page's own `stale` summary. This value is present
/// either way and counts as null when it has no text.
struct LocalText: MustacheCustomRenderable {
    /// The text; `nil` when the row has none.
    let text: String?

    init(_ text: String?) { self.text = text }

    var renderText: String { text ?? "" }
    var isNull: Bool { text == nil }
}
