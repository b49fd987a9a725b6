import Domain

/// Numbers the employees of one PAXml file by the bytes of their id (`anstid`, else `persnr`), so that
/// persons can be counted and told apart without an id ever becoming a string.
///
/// This is the only place a reader holds an id: as bytes in memory while the file is read. Ids are found
/// by a 64-bit FNV-1a hash of their bytes and confirmed byte for byte; two ids with the same hash (not
/// seen in practice, but possible) are kept apart in a dictionary.
struct PersonRegistry {
    private let numbers = IntegerTable(capacity: 1 << 16)
    private var bytes: [UInt8] = []
    /// Where each person's id ends in `bytes`; it starts where the previous one ends.
    private var ends: [Int] = []
    private var collided: [[UInt8]: Int] = [:]
    private let hash: (UnsafeBufferPointer<UInt8>) -> UInt64

    /// - Parameter hash: FNV-1a; tests pass a worse one to exercise ids that collide.
    init(hash: @escaping (UnsafeBufferPointer<UInt8>) -> UInt64 = PersonRegistry.fnv1a) { self.hash = hash }

    static func fnv1a(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash
    }

    /// The number of distinct persons seen.
    var count: Int { ends.count }

    /// The number of the person with this id, assigning the next number to a new one.
    mutating func number(_ id: UnsafeBufferPointer<UInt8>) -> Int {
        let hash = hash(id)
        guard let found = numbers.value(hash) else {
            numbers.set(hash, Int64(count))
            return append(id)
        }
        let number = Int(found)
        let start = number == 0 ? 0 : ends[number - 1]
        if bytes[start..<ends[number]].elementsEqual(id) { return number }
        let key = Array(id)
        if let known = collided[key] { return known }
        collided[key] = count
        return append(id)
    }

    private mutating func append(_ id: UnsafeBufferPointer<UInt8>) -> Int {
        bytes.append(contentsOf: id)
        ends.append(bytes.count)
        return ends.count - 1
    }
}
