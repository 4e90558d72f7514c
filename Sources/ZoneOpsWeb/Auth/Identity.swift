import Foundation
import NIOConcurrencyHelpers
import ZoneOpsDomain
import ZoneOpsStore

/// Who a signed-in user is, as a value: safe to share between requests and to cache.
struct Identity: Sendable {
    var id: UUID
    var username: String
    var displayName: String
    var role: Role
    var organization: OrganizationDTO?
    var language: String?
    var isActive: Bool
    var lastLoginAt: Date?

    init(_ user: UserModel, organization: OrganizationModel?) {
        id = user.id ?? UUID()
        username = user.username
        displayName = user.displayName
        role = user.userRole
        self.organization = organization.map(OrganizationDTO.init)
        language = user.language
        isActive = user.isActive
        lastLoginAt = user.lastLoginAt
    }

    var subject: Subject { Subject(userId: id.uuidString, role: role, organizationId: organization?.id) }
}

/// Recently resolved identities by token hash or session user, for a few seconds, so a busy API
/// client costs no database round trip per request. Any change to a user or a token clears it
/// in this process; other instances see the change when their entries lapse (`lifetime`).
final class IdentityCache: Sendable {
    static let lifetime: TimeInterval = 10
    static let capacity = 10_000
    /// Audited object types whose change may alter a cached identity.
    static let invalidatedBy: Set<String> = ["user", "api_token", "organization"]
    private let entries = NIOLockedValueBox<[String: (identity: Identity, until: Date)]>([:])

    func identity(for key: String, now: Date) -> Identity? {
        entries.withLockedValue { table in
            guard let entry = table[key] else { return nil }
            guard entry.until > now else { table[key] = nil; return nil }
            return entry.identity
        }
    }

    func store(_ identity: Identity, for key: String, until: Date) {
        entries.withLockedValue { table in
            if table.count >= Self.capacity { table.removeAll(keepingCapacity: true) }
            table[key] = (identity, until)
        }
    }

    /// After any change to users or tokens: rare, so forgetting everything is simplest.
    func clear() {
        entries.withLockedValue { $0.removeAll(keepingCapacity: true) }
    }
}
