import Mustache

/// A page as its template reads it: its own content over the parts every page shares.
///
/// A key is looked up in the content first, then in the frame, as if the two were one object: a property
/// of the content that is `nil` is looked up in the frame (and then, in a section, in the context around
/// it), as Mustache does with every optional.
struct Page<Content>: MustacheParent {
    let frame: PageFrame
    let content: Content

    func child(named name: String) -> Any? {
        Self.value(named: name, in: content) ?? Self.value(named: name, in: frame)
    }

    /// A stored property of a value by name, unwrapped if it is an optional; `nil` when it has none or it
    /// is `nil`. A dictionary (or other `MustacheParent`) answers for itself.
    static func value(named name: String, in object: Any) -> Any? {
        if let parent = object as? MustacheParent { return parent.child(named: name) }
        guard let value = Mirror(reflecting: object).children.first(where: { $0.label == name })?.value else {
            return nil
        }
        let mirror = Mirror(reflecting: value)
        guard mirror.displayStyle == .optional else { return value }
        return mirror.children.first?.value
    }
}
