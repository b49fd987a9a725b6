/// A customer of the service organisation: a förvaltning (or nämnd) that orders services and pays for them
/// through interndebitering.
package struct Customer: Hashable, Sendable {
    package let id: String
    package let name: String
    /// Its codes in the invoicing and service-desk exports (kundnummer, ansvar, a förvaltning's short name);
    /// the id itself always matches.
    package var codes: [String] = []
    /// The nämnd it answers to, where it is one of the config's `[[namnd]]`.
    package var namnd: String?

    package init(id: String, name: String) {
        self.id = id
        self.name = name
    }
}
