import Foundation
import Vapor
import ZoneOpsStore

struct OrganizationDTO: Content {
    var id: String
    var name: String
    var kind: String

    init(_ model: OrganizationModel) {
        id = model.id?.uuidString ?? ""
        name = model.name
        kind = model.kind
    }
}

/// A user as the API shows it: never the password hash.
struct UserDTO: Content {
    var id: String
    var username: String
    var displayName: String
    var role: String
    var organization: OrganizationDTO?
    var language: String?
    var mobile: String?
    var isActive: Bool
    var lastLoginAt: Date?

    init(_ model: UserModel, organization: OrganizationModel?) {
        mobile = model.mobile
        id = model.id?.uuidString ?? ""
        username = model.username
        displayName = model.displayName
        role = model.role
        self.organization = organization.map(OrganizationDTO.init)
        language = model.language
        isActive = model.isActive
        lastLoginAt = model.lastLoginAt
    }

    init(_ identity: Identity) {
        id = identity.id.uuidString
        username = identity.username
        displayName = identity.displayName
        role = identity.role.rawValue
        organization = identity.organization
        language = identity.language
        isActive = identity.isActive
        lastLoginAt = identity.lastLoginAt
    }
}

struct TokenDTO: Content {
    var id: String
    var name: String
    var expiresAt: Date
    var revokedAt: Date?
    var lastUsedAt: Date?
    var createdAt: Date?

    init(_ model: APITokenModel) {
        id = model.id?.uuidString ?? ""
        name = model.name
        expiresAt = model.expiresAt
        revokedAt = model.revokedAt
        lastUsedAt = model.lastUsedAt
        createdAt = model.createdAt
    }
}

struct AuditEntryDTO: Content {
    var sequence: Int
    var at: Date
    var actorName: String
    var address: String?
    var action: String
    var objectType: String
    var objectId: String?
    var before: String?
    var after: String?

    init(_ model: AuditEntryModel) {
        sequence = model.sequence
        at = model.at
        actorName = model.actorName
        address = model.address
        action = model.action
        objectType = model.objectType
        objectId = model.objectId
        before = model.before
        after = model.after
    }
}

/// `{"items":[…],"total":n}`, the shape of every list (API.md).
struct ListDTO<Item: Content>: Content {
    var items: [Item]
    var total: Int
}
