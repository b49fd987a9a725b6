/// The follow-up family an indicator belongs to.
package enum Family: String, Sendable, CaseIterable {
    case volym
    case resurser
    case produktivitet
    case kvalitet
    case klagomal
    case ekonomi

    package var label: String {
        switch self {
        case .volym: return "Volym"
        case .resurser: return "Resurser"
        case .produktivitet: return "Produktivitet"
        case .kvalitet: return "Kvalitet"
        case .klagomal: return "Klagomål"
        case .ekonomi: return "Ekonomi"
        }
    }
}
