/// A reference of an export (a ticket number, an invoice reference) as two independent 64-bit hashes: enough to
/// tell millions of references apart without keeping them, so the reference itself is never held beyond its row,
/// stored, logged or printed. The hashes are seeded per process: they mean nothing outside one read.
struct ReferenceHash: Hashable {
    let high: Int
    let low: Int

    init(_ reference: String) {
        var first = Hasher()
        first.combine(0x5E7D_E5C0)
        first.combine(reference)
        var second = Hasher()
        second.combine(reference)
        second.combine(0x71CCE7)
        high = first.finalize()
        low = second.finalize()
    }
}
