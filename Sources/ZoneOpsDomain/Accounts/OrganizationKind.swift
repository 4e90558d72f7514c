/// The parties that work in ZoneOps: 甲方 administration, 乙方 provider, customs, enterprises.
public enum OrganizationKind: String, CaseIterable, Codable, Sendable {
    case administration, provider, customs, enterprise

    public var label: TextKey {
        switch self {
        case .administration: .orgAdministration
        case .provider: .orgProvider
        case .customs: .orgCustoms
        case .enterprise: .orgEnterprise
        }
    }

    /// Whether a user of `role` may belong to an organization of this kind.
    /// Enterprise users must sit in an enterprise, customs officers in a customs office;
    /// the O&M roles belong to the provider; the supervisor to the administration.
    public func admits(_ role: Role) -> Bool {
        switch role {
        case .enterprise: self == .enterprise
        case .customs: self == .customs
        case .supervisor: self == .administration
        case .lead, .engineer, .duty: self == .provider
        case .admin: self == .administration || self == .provider
        }
    }
}
