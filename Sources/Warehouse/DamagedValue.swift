import Domain

/// A value on record that does not read back as what the schema says it holds: the warehouse is damaged or
/// was written by another program. Reading fails with it (as a `WarehouseError.query`) rather than turn the
/// value into a default, so no report is built on a fact in a month that does not exist.
struct DamagedValue: Error, CustomStringConvertible {
    let column: String
    let value: String

    var description: String {
        "the stored \(column) '\(value.prefix(20))' is not a month (YYYY-MM): the warehouse is damaged or was "
            + "written by another program"
    }

    /// A stored month, or this error.
    static func month(_ text: String) throws(DamagedValue) -> Month {
        guard let month = Month(text) else { throw DamagedValue(column: "month", value: text) }
        return month
    }
}
