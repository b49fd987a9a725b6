/// A hash table from 64-bit keys to 64-bit values for the ingest hot loops.
///
/// Open addressing with linear probing and a Fibonacci hash: several times faster than `Dictionary` with
/// its seeded SipHash, which matters at ten million lookups. Keys are whatever the caller packs (unit code
/// bytes, account digits, unit × month × measure). It grows at three quarters full: a year of payroll in one
/// file puts millions of person-level sums in one table, and at half full its growth step alone was a third
/// of the reader's memory.
final class IntegerTable {
    private var keys: UnsafeMutablePointer<UInt64>
    private var values: UnsafeMutablePointer<Int64>
    private var used: UnsafeMutablePointer<Bool>
    private var capacity: Int
    private var shift: UInt64
    private(set) var count = 0

    init(capacity: Int = 1 << 10) {
        var size = 16
        while size < capacity { size <<= 1 }
        self.capacity = size
        shift = UInt64(64 - size.trailingZeroBitCount)
        keys = .allocate(capacity: size)
        values = .allocate(capacity: size)
        used = .allocate(capacity: size)
        used.initialize(repeating: false, count: size)
    }

    deinit {
        keys.deallocate()
        values.deallocate()
        used.deallocate()
    }

    @inline(__always)
    private func slot(_ key: UInt64) -> Int {
        var index = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
        while used[index] && keys[index] != key { index = (index + 1) & (capacity - 1) }
        return index
    }

    /// The value stored under `key`, if any.
    @inline(__always)
    func value(_ key: UInt64) -> Int64? {
        let index = slot(key)
        return used[index] ? values[index] : nil
    }

    /// Stores `value` under `key`.
    func set(_ key: UInt64, _ value: Int64) {
        let index = slot(key)
        if !used[index] {
            used[index] = true
            keys[index] = key
            count += 1
        }
        values[index] = value
        if count * 4 > capacity * 3 { grow() }
    }

    /// Adds `delta` to the value under `key` (starting from zero).
    @inline(__always)
    func add(_ key: UInt64, _ delta: Int64) {
        let index = slot(key)
        if used[index] {
            values[index] &+= delta
            return
        }
        used[index] = true
        keys[index] = key
        values[index] = delta
        count += 1
        if count * 4 > capacity * 3 { grow() }
    }

    /// Adds `delta` like `add(_:_:)`, but leaves the value and returns `false` when the sum would overflow.
    /// `add` wraps: the ledger readers bound a file's amounts before they add (`AmountMagnitude`), other
    /// readers use this.
    @inline(__always)
    func addChecked(_ key: UInt64, _ delta: Int64) -> Bool {
        let index = slot(key)
        if used[index] {
            let (sum, overflow) = values[index].addingReportingOverflow(delta)
            if !overflow { values[index] = sum }
            return !overflow
        }
        add(key, delta)
        return true
    }

    /// Removes every entry and gives the memory back, keeping a small table.
    func removeAll() {
        keys.deallocate()
        values.deallocate()
        used.deallocate()
        capacity = 16
        shift = UInt64(64 - capacity.trailingZeroBitCount)
        keys = .allocate(capacity: capacity)
        values = .allocate(capacity: capacity)
        used = .allocate(capacity: capacity)
        used.initialize(repeating: false, count: capacity)
        count = 0
    }

    /// Every entry, in no particular order.
    func forEach(_ body: (UInt64, Int64) -> Void) {
        for index in 0..<capacity where used[index] { body(keys[index], values[index]) }
    }

    private func grow() {
        let oldKeys = keys
        let oldValues = values
        let oldUsed = used
        let oldCapacity = capacity
        capacity *= 2
        shift -= 1
        keys = .allocate(capacity: capacity)
        values = .allocate(capacity: capacity)
        used = .allocate(capacity: capacity)
        used.initialize(repeating: false, count: capacity)
        count = 0
        for index in 0..<oldCapacity where oldUsed[index] { set(oldKeys[index], oldValues[index]) }
        oldKeys.deallocate()
        oldValues.deallocate()
        oldUsed.deallocate()
    }
}
