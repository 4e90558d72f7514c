/// The seven roles of ZoneOps (DESIGN.md, Security). The raw value is the stable API spelling.
public enum Role: String, CaseIterable, Codable, Sendable {
    case admin, lead, engineer, duty, supervisor, customs, enterprise

    /// Catalog key of the role's display name.
    public var label: TextKey {
        switch self {
        case .admin: .roleAdmin
        case .lead: .roleLead
        case .engineer: .roleEngineer
        case .duty: .roleDuty
        case .supervisor: .roleSupervisor
        case .customs: .roleCustoms
        case .enterprise: .roleEnterprise
        }
    }
}
