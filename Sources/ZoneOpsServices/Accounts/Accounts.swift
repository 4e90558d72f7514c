import FluentKit
import Foundation
import ZoneOpsDomain
import ZoneOpsStore

/// Creating and changing organizations and users, each change audited.
/// Callers check the policy first; these functions check the input.
public enum Accounts {
    public struct NewUser: Sendable {
        public var username: String
        public var displayName: String
        public var password: String
        public var role: String
        public var organizationId: String?
        public var mobile: String?

        public init(username: String, displayName: String, password: String, role: String, organizationId: String?,
                    mobile: String? = nil) {
            self.mobile = mobile
            self.username = username
            self.displayName = displayName
            self.password = password
            self.role = role
            self.organizationId = organizationId
        }
    }

    public struct UserChange: Sendable {
        public var displayName: String?
        public var role: String?
        /// `.some(nil)` removes the organization.
        public var organizationId: String??
        public var isActive: Bool?
        public var password: String?
        public var language: String??
        /// `.some("")` removes the number.
        public var mobile: String?

        public init(displayName: String? = nil, role: String? = nil, organizationId: String?? = nil,
                    isActive: Bool? = nil, password: String? = nil, language: String?? = nil, mobile: String? = nil) {
            self.mobile = mobile
            self.displayName = displayName
            self.role = role
            self.organizationId = organizationId
            self.isActive = isActive
            self.password = password
            self.language = language
        }
    }

    public static func createOrganization(name: String, kind: String, by actor: Actor,
                                          in ctx: ServiceContext) async throws -> OrganizationModel {
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        try AccountRules.validateOrganizationName(name)
        guard let kind = OrganizationKind(rawValue: kind) else {
            throw AppError.invalid(field: "kind", .errorUnknownOrganizationKind)
        }
        return try await ctx.audited(actor, action: AuditAction.organizationCreate.rawValue, objectType: "organization") { tx in
            if try await OrganizationModel.query(on: tx).filter(\.$name == name).first() != nil {
                throw AppError.conflict(.errorOrganizationNameTaken)
            }
            let organization = OrganizationModel(name: name, kind: kind)
            try await organization.create(on: tx)
            return (organization, organization.id?.uuidString, nil, AuditDraft.snapshot(OrganizationSnapshot(organization)))
        }
    }

    public static func createUser(_ input: NewUser, by actor: Actor, in ctx: ServiceContext) async throws -> UserModel {
        let username = AccountRules.normalizedUsername(input.username)
        let displayName = input.displayName.trimmingCharacters(in: .whitespacesAndNewlines)
        try AccountRules.validateUsername(username)
        try AccountRules.validateDisplayName(displayName)
        try AccountRules.validatePassword(input.password)
        let mobile = try AccountRules.normalizedMobile(input.mobile ?? "")
        guard let role = Role(rawValue: input.role) else { throw AppError.invalid(field: "role", .errorUnknownRole) }
        let organizationId = try parseOrganizationId(input.organizationId)
        let hash = try await ctx.hasher.hash(input.password)
        return try await ctx.audited(actor, action: AuditAction.userCreate.rawValue, objectType: "user") { tx in
            try await checkOrganization(organizationId, admits: role, on: tx)
            if try await UserModel.query(on: tx).filter(\.$username == username).first() != nil {
                throw AppError.conflict(.errorUsernameTaken)
            }
            let user = UserModel(username: username, displayName: displayName, passwordHash: hash,
                                 role: role, organizationId: organizationId)
            user.mobile = mobile
            try await user.create(on: tx)
            return (user, user.id?.uuidString, nil, AuditDraft.snapshot(UserSnapshot(user)))
        }
    }

    public static func updateUser(id: UUID, _ change: UserChange, by actor: Actor,
                                  in ctx: ServiceContext) async throws -> UserModel {
        if let name = change.displayName { try AccountRules.validateDisplayName(name) }
        if let password = change.password { try AccountRules.validatePassword(password) }
        let mobile = try change.mobile.map { raw throws(AppError) in try AccountRules.normalizedMobile(raw) }
        let role = try change.role.map { raw throws(AppError) -> Role in
            guard let role = Role(rawValue: raw) else { throw .invalid(field: "role", .errorUnknownRole) }
            return role
        }
        if let language = change.language ?? nil, AppLanguage(rawValue: language) == nil {
            throw AppError.invalid(field: "language", .errorMalformedBody)
        }
        let organizationId: UUID?? = try change.organizationId.map { try parseOrganizationId($0) }
        let newHash: String? = if let password = change.password { try await ctx.hasher.hash(password) } else { nil }
        return try await ctx.audited(actor, action: AuditAction.userUpdate.rawValue, objectType: "user") { tx in
            guard let user = try await UserModel.find(id, on: tx) else { throw AppError.notFound }
            let before = AuditDraft.snapshot(UserSnapshot(user))
            if let name = change.displayName { user.displayName = name.trimmingCharacters(in: .whitespacesAndNewlines) }
            if let role { user.role = role.rawValue }
            if let organizationId { user.$organization.id = organizationId }
            if let active = change.isActive { user.isActive = active }
            if let language = change.language { user.language = language }
            if let mobile { user.mobile = mobile }
            if let newHash { user.passwordHash = newHash }
            // A reset password or a disabled account ends the user's sessions at once.
            if newHash != nil || change.isActive == false { try await SessionModel.end(for: id, on: tx) }
            try await checkOrganization(user.$organization.id, admits: user.userRole, on: tx)
            try await user.update(on: tx)
            var after = AuditDraft.snapshot(UserSnapshot(user))
            if newHash != nil { after = (after ?? "") + " +password" }
            return (user, user.id?.uuidString, before, after)
        }
    }

    static func parseOrganizationId(_ raw: String?) throws(AppError) -> UUID? {
        guard let raw, !raw.isEmpty else { return nil }
        guard let id = UUID(uuidString: raw) else { throw .invalid(field: "organizationId", .errorUnknownOrganization) }
        return id
    }

    /// Enterprise and customs users must sit in an organization of their kind; others may too.
    static func checkOrganization(_ id: UUID?, admits role: Role, on db: any Database) async throws {
        guard let id else {
            if role == .enterprise || role == .customs {
                throw AppError.invalid(field: "organizationId", .errorRoleOrganizationMismatch)
            }
            return
        }
        guard let organization = try await OrganizationModel.find(id, on: db) else {
            throw AppError.invalid(field: "organizationId", .errorUnknownOrganization)
        }
        guard organization.organizationKind.admits(role) else {
            throw AppError.invalid(field: "organizationId", .errorRoleOrganizationMismatch)
        }
    }
}
