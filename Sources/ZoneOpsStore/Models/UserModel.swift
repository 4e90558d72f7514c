import FluentKit
import Foundation
import ZoneOpsDomain

/// A person who logs in. The password is stored as a bcrypt hash only.
public final class UserModel: Model, @unchecked Sendable {
    public static let schema = "users"

    @ID(key: .id) public var id: UUID?
    @Field(key: "username") public var username: String
    @Field(key: "display_name") public var displayName: String
    @Field(key: "password_hash") public var passwordHash: String
    @Field(key: "role") public var role: String
    @OptionalParent(key: "organization_id") public var organization: OrganizationModel?
    /// The user's chosen language; nil follows the browser.
    @OptionalField(key: "language") public var language: String?
    /// Mainland mobile number, 11 digits, for SMS and duty notifications.
    @OptionalField(key: "mobile") public var mobile: String?
    @Field(key: "is_active") public var isActive: Bool
    @OptionalField(key: "last_login_at") public var lastLoginAt: Date?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?

    public init() {}

    public init(id: UUID? = nil, username: String, displayName: String, passwordHash: String,
                role: Role, organizationId: UUID?, isActive: Bool = true) {
        self.id = id
        self.username = username
        self.displayName = displayName
        self.passwordHash = passwordHash
        self.role = role.rawValue
        self.$organization.id = organizationId
        self.isActive = isActive
    }

    public var userRole: Role { Role(rawValue: role) ?? .enterprise }

    /// The policy's view of this user.
    public var subject: Subject {
        Subject(userId: id?.uuidString ?? "", role: userRole, organizationId: $organization.id?.uuidString)
    }
}
