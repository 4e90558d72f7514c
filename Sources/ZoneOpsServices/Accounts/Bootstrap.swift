import FluentKit
import Foundation
import ZoneOpsDomain
import ZoneOpsStore
import ZoneOpsWire

/// The first start of an empty database: the administration, the provider and user `admin`.
public enum Bootstrap {
    public struct Outcome: Sendable {
        /// The password to print once, when it was generated rather than configured.
        public var generatedPassword: String?
        public var created: Bool
    }

    public static let administrationName = "综合保税区管理委员会"
    public static let providerName = "运维服务商"

    public static func ensureAdmin(password configured: String?, in ctx: ServiceContext) async throws -> Outcome {
        guard try await UserModel.query(on: ctx.db).count() == 0 else {
            return Outcome(generatedPassword: nil, created: false)
        }
        let generated = configured == nil ? randomPassword() : nil
        let administration = try await organization(named: administrationName, kind: .administration, in: ctx)
        _ = try await organization(named: providerName, kind: .provider, in: ctx)
        let input = Accounts.NewUser(username: "admin", displayName: "系统管理员", password: configured ?? generated!,
                                     role: Role.admin.rawValue, organizationId: administration.id?.uuidString)
        _ = try await Accounts.createUser(input, by: .system, in: ctx)
        return Outcome(generatedPassword: generated, created: true)
    }

    /// The organization of that name, created when missing.
    static func organization(named name: String, kind: OrganizationKind, in ctx: ServiceContext) async throws -> OrganizationModel {
        if let existing = try await OrganizationModel.query(on: ctx.db).filter(\.$name == name).first() { return existing }
        return try await Accounts.createOrganization(name: name, kind: kind.rawValue, by: .system, in: ctx)
    }

    static func randomPassword() -> String {
        let token = TokenCodec.generate().dropFirst(TokenCodec.prefix.count)
        return String(token.prefix(16))
    }
}
