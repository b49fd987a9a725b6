/// Whether a higher or a lower value is better.
package enum Direction: String, Sendable {
    case higher
    case lower
    /// Neither: volumes are followed, not judged.
    case none
}
