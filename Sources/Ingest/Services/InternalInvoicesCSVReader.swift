import Domain

/// Reads the internal invoicing export (`internal-invoices-csv`): one row per invoice line from the service
/// organisation to a customer förvaltning, with its service, customer, month, quantity and amount.
///
/// A line belongs to a service of the catalogue (its `service` column, or the source's `service`) and is stored
/// under the service's owner, with the service and the customer as the facts' own columns:
/// `<prefix>_belopp` (the amount, exact to the öre), `<prefix>_antal` (the quantity in the service's delivery
/// unit) and `<prefix>_rader` (the lines). The invoice reference refuses a second line with the same reference;
/// it is kept as a hash while the file is read, never stored or printed. A `price_type` column, where mapped,
/// must name the type the catalogue gives the service. Control totals: `amount.read` = `amount.facts` +
/// `amount.rejected`, over every line whose amount reads as a number.
package struct InternalInvoicesCSVReader {
    let definition: SourceDefinition
    let catalogue: ServiceCatalogue
    let enheter: [String: Enhet]

    package init(definition: SourceDefinition, catalogue: ServiceCatalogue, enheter: [Enhet]) {
        self.definition = definition
        self.catalogue = catalogue
        self.enheter = Dictionary(enheter.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// A line's facts: service and customer by their index in the catalogue.
    struct Key: Hashable {
        let service: Int
        let customer: Int
        let month: Int
    }

    package func read(path: String, displayPath: String) throws(FileRejection) -> ReadResult {
        var csv = try CSVSource(
            path: path, displayPath: displayPath, definition: definition, wanted: definition.columns)
        var result = ReadResult(keepingRejects: definition.limits.rejectedRowsKept)
        let services = catalogue.serviceIndexByCode
        let customers = catalogue.customerIndexByCode
        var sums: [Key: (amount: Int64, quantity: Int64, lines: Int)] = [:]
        var references: [ReferenceHash: Int] = [:]
        var overflow = false
        var read = Int64(0)
        var accepted = Int64(0)
        var months: Set<Int> = []
        func add(_ value: Int64, to sum: inout Int64) {
            let (partial, overflowed) = sum.addingReportingOverflow(value)
            if overflowed { overflow = true } else { sum = partial }
        }
        try csv.forEachRow(into: &result) { csv in
            let amount = csv.decimal("amount")
            if let amount { add(amount.raw, to: &read) }
            let finding: Finding? = {
                guard let amount else {
                    let text = csv.string("amount") ?? ""
                    return csv.reject(
                        "amount", rule: "amount-format", "expected an amount such as -1234,50, found '\(text)'")
                }
                let quantityText = csv.string("quantity") ?? ""
                guard let quantity = csv.decimal("quantity") else {
                    return csv.reject(
                        "quantity", rule: "quantity-format",
                        "expected a quantity such as 12 or 2,5, found '\(quantityText)'"
                    )
                }
                guard !(quantity < FixedDecimal(0)) else {
                    return csv.reject(
                        "quantity", rule: "negative-quantity",
                        "expected 0 or more, found \(quantityText) (a credit is a negative amount, not a negative quantity)"
                    )
                }
                let month: Month
                switch csv.month(monthColumn: "month", dateColumn: "date") {
                case .success(let value): month = value
                case .failure(let finding): return finding
                }
                let serviceCode = csv.string("service") ?? definition.service ?? ""
                guard let service = services[serviceCode] else {
                    return csv.reject(
                        "service", rule: "unknown-code", "service code '\(serviceCode)' is not in the servicekatalog")
                }
                let customerCode = csv.string("customer") ?? ""
                guard let customer = customers[customerCode] else {
                    return csv.reject(
                        "customer", rule: "unknown-code", "customer code '\(customerCode)' is not a [[customer]]")
                }
                let entry = catalogue.services[service]
                if let text = csv.string("price_type"), !text.isEmpty {
                    guard let type = PriceType(rawValue: text.uppercased()) else {
                        return csv.reject(
                            "price_type", rule: "unknown-price-type",
                            "price type '\(text)' is none of the catalogue's A, B, C and D")
                    }
                    guard type == entry.priceType else {
                        return csv.reject(
                            "price_type", rule: "price-type-mismatch",
                            "price type \(type.rawValue), but the servicekatalog gives '\(entry.id)' price type "
                                + entry.priceType.rawValue)
                    }
                }
                if let enhet = enheter[entry.owner], !enhet.isValid(in: month) {
                    return csv.reject("service", .unitNotValid(enhet, object: nil, period: month.description))
                }
                if let reference = csv.string("reference"), !reference.isEmpty {
                    let key = ReferenceHash(reference)
                    if let first = references[key] {
                        return csv.reject(
                            "reference", rule: "duplicate-row", "the same invoice reference as on line \(first)")
                    }
                    references[key] = csv.reader.line
                }
                let key = Key(service: service, customer: customer, month: month.ordinal)
                var sum = sums[key] ?? (0, 0, 0)
                add(amount.raw, to: &sum.amount)
                add(quantity.raw, to: &sum.quantity)
                sum.lines += 1
                sums[key] = sum
                add(amount.raw, to: &accepted)
                months.insert(month.ordinal)
                return nil
            }()
            return finding
        }
        if overflow { throw FileRejection(Finding(SourceLocation(file: displayPath), .valueOverflow)) }
        let prefix = definition.measurePrefix
        var facts: [Fact] = []
        for (key, sum) in sums {
            let service = catalogue.services[key.service]
            let base = Fact(
                enhet: service.owner, month: Month(ordinal: key.month), measure: prefix + "_belopp",
                counterparty: catalogue.customers[key.customer].id, service: service.id,
                value: FixedDecimal(raw: sum.amount))
            var quantity = base
            quantity.measure = prefix + "_antal"
            quantity.value = FixedDecimal(raw: sum.quantity)
            var lines = base
            lines.measure = prefix + "_rader"
            lines.value = FixedDecimal(sum.lines)
            facts += [base, quantity, lines]
        }
        facts.sort {
            ($0.enhet, $0.month, $0.measure, $0.service, $0.counterparty)
                < ($1.enhet, $1.month, $1.measure, $1.service, $1.counterparty)
        }
        result.facts = facts
        result.months = months.sorted().map { Month(ordinal: $0) }
        result.controlTotals["amount.read"] = FixedDecimal(raw: read)
        result.controlTotals["amount.facts"] = FixedDecimal(raw: accepted)
        result.controlTotals["amount.rejected"] = FixedDecimal(raw: read &- accepted)
        result.controlTotals["rows.accepted"] = FixedDecimal(result.rowsAccepted)
        return result
    }
}
