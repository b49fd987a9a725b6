/// Failures of the warehouse, each with our context around SQLite's message.
package enum WarehouseError: Error, Sendable, CustomStringConvertible {
    case cannotOpen(path: String, reason: String)
    case migration(path: String, reason: String)
    case query(what: String, reason: String)

    package var description: String {
        switch self {
        case .cannotOpen(let path, let reason): return "cannot open the warehouse '\(path)': \(reason)"
        case .migration(let path, let reason): return "cannot migrate the warehouse '\(path)': \(reason)"
        case .query(let what, let reason): return "warehouse: \(what) failed: \(reason)"
        }
    }
}
