#if canImport(Glibc)
    import Glibc
#endif

/// Sums of ledger amounts under (unit, month, measure): the ledger book's accumulator.
///
/// Ten million amounts go into some tens of thousands of sums. In a hash table those sums lie scattered,
/// and each addition cost a cache miss or two (a third of posting a row, measured). Here the months of a
/// three-year window — the year before the first month posted, its year and the year after — lie in one
/// flat array, month after month, so the sums of the month being read (exports come in date order, or
/// nearly) stay in the processor's cache. A month outside the window, or a register too large for one
/// (more than two million sums), goes to a hash table instead. Where a sum is kept never changes it.
final class UnitMonthSums {
    private let units: Int
    private let measures: Int
    /// Months in the window.
    private static let windowMonths = 36
    /// The largest window allocated, in sums (16 MB of sums and 2 MB of flags).
    private static let maxCells = 1 << 21
    /// The window's first month ordinal, once the first sum has placed it.
    private var windowStart = 0
    /// The window's sums and whether each has been added to; `nil` until the first sum, and for a register
    /// too large for a window. Allocated zeroed by `calloc`, so months never posted take no memory.
    private var cells: UnsafeMutablePointer<Int64>?
    private var used: UnsafeMutablePointer<UInt8>?
    private var placed = false
    /// Sums outside the window, keyed as `key(unit:month:measure:)`.
    private let outside = IntegerTable()
    /// How many distinct sums there are.
    private(set) var count = 0

    /// An accumulator for unit indexes below `units` and measure indexes below `measures`.
    init(units: Int, measures: Int) {
        self.units = max(units, 1)
        self.measures = max(measures, 1)
    }

    deinit {
        free(cells)
        free(used)
    }

    @inline(__always)
    private static func key(unit: Int, month: Int, measure: Int) -> UInt64 {
        UInt64(unit << 40 | month << 12 | measure)
    }

    /// Adds `raw` to the sum of `unit`, month ordinal `month` and `measure` (starting from zero).
    @inline(__always)
    func add(unit: Int, month: Int, measure: Int, _ raw: Int64) {
        let slot = month &- windowStart
        if let cells, let used, slot >= 0, slot < Self.windowMonths {
            let index = (slot &* units &+ unit) &* measures &+ measure
            cells[index] &+= raw
            if used[index] == 0 {
                used[index] = 1
                count &+= 1
            }
            return
        }
        addOutside(unit: unit, month: month, measure: measure, raw)
    }

    private func addOutside(unit: Int, month: Int, measure: Int, _ raw: Int64) {
        if !placed {
            placed = true
            let size = Self.windowMonths * units * measures
            if size <= Self.maxCells {
                windowStart = (month / 12 - 1) * 12
                cells = calloc(size, MemoryLayout<Int64>.stride)?.assumingMemoryBound(to: Int64.self)
                used = calloc(size, 1)?.assumingMemoryBound(to: UInt8.self)
                if cells != nil && used != nil {
                    add(unit: unit, month: month, measure: measure, raw)
                    return
                }
                free(cells)
                free(used)
                cells = nil
                used = nil
            }
        }
        let before = outside.count
        outside.add(Self.key(unit: unit, month: month, measure: measure), raw)
        count &+= outside.count &- before
    }

    /// Every sum, in no particular order.
    func forEach(_ body: (_ unit: Int, _ month: Int, _ measure: Int, _ raw: Int64) -> Void) {
        if let cells, let used {
            for index in 0..<(Self.windowMonths * units * measures) where used[index] != 0 {
                let measure = index % measures
                let rest = index / measures
                body(rest % units, windowStart + rest / units, measure, cells[index])
            }
        }
        outside.forEach { key, raw in
            let packed = Int(key)
            body(packed >> 40, (packed >> 12) & 0xFFF_FFFF, packed & 0xFFF, raw)
        }
    }
}
