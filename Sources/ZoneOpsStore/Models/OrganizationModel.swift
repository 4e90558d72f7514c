import FluentKit
import Foundation
import ZoneOpsDomain

/// A party in the zone: the administration, the O&M provider, a customs office, an enterprise.
public final class OrganizationModel: Model, @unchecked Sendable {
    public static let schema = "organizations"

    @ID(key: .id) public var id: UUID?
    @Field(key: "name") public var name: String
    @Field(key: "kind") public var kind: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}

    public init(id: UUID? = nil, name: String, kind: OrganizationKind) {
        self.id = id
        self.name = name
        self.kind = kind.rawValue
    }

    public var organizationKind: OrganizationKind { OrganizationKind(rawValue: kind) ?? .enterprise }
}
