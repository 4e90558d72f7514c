import Foundation
import ZoneOpsStore

/// What the audit log keeps of a user: never the password hash.
struct UserSnapshot: Codable {
    var username: String
    var displayName: String
    var role: String
    var organizationId: String?
    var isActive: Bool
    var language: String?
    var mobile: String?

    init(_ user: UserModel) {
        username = user.username
        displayName = user.displayName
        role = user.role
        organizationId = user.$organization.id?.uuidString
        isActive = user.isActive
        language = user.language
        mobile = user.mobile
    }
}

struct OrganizationSnapshot: Codable {
    var name: String
    var kind: String

    init(_ organization: OrganizationModel) {
        name = organization.name
        kind = organization.kind
    }
}
