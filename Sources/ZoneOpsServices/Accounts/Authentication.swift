import FluentKit
import Foundation
import ZoneOpsDomain
import ZoneOpsStore
import ZoneOpsWire

/// Logging in with a password, and API tokens. Every attempt is audited.
public enum Authentication {
    /// Answers the user when the password is right and the account active; audits either way.
    public static func login(username: String, password: String, address: String?,
                             via channel: String, in ctx: ServiceContext) async throws -> UserModel? {
        let name = AccountRules.normalizedUsername(username)
        let user = try await UserModel.query(on: ctx.db).filter(\.$username == name).first()
        // Hash even for an unknown user so timing does not reveal which usernames exist.
        let valid = try await ctx.hasher.verify(password, user?.passwordHash ?? ctx.hasher.decoyHash)
        guard let user, valid, user.isActive, let id = user.id else {
            let actor = Actor(userId: user?.id?.uuidString, name: String(name.prefix(64)), address: address)
            try await ctx.record(actor, action: AuditAction.loginFailure.rawValue, objectType: "session", objectId: nil,
                                 after: AuditDraft.snapshot(LoginSnapshot(channel: channel)))
            return nil
        }
        let actor = Actor(userId: id.uuidString, name: user.username, address: address)
        let now = ctx.now()
        try await ctx.audited(actor, action: AuditAction.loginSuccess.rawValue, objectType: "session") { tx in
            try await UserModel.query(on: tx).set(\.$lastLoginAt, to: now).filter(\.$id == id).update()
            return ((), id.uuidString, nil, AuditDraft.snapshot(LoginSnapshot(channel: channel)))
        }
        user.lastLoginAt = now
        return user
    }

    public static func issueToken(for user: UserModel, name: String, validDays: Int, by actor: Actor,
                                  in ctx: ServiceContext) async throws -> (token: String, model: APITokenModel) {
        guard (1...365).contains(validDays) else { throw AppError.invalid(field: "validDays", .errorTokenExpiryRange) }
        let userId = try user.requireID()
        let token = TokenCodec.generate()
        let expires = ctx.now().addingTimeInterval(TimeInterval(validDays) * 86_400)
        let label = String(name.trimmingCharacters(in: .whitespacesAndNewlines).prefix(64))
        let model = try await ctx.audited(actor, action: AuditAction.tokenCreate.rawValue, objectType: "api_token") { tx in
            let model = APITokenModel(userId: userId, name: label.isEmpty ? "api" : label,
                                      tokenHash: TokenCodec.storageHash(of: token), expiresAt: expires)
            try await model.create(on: tx)
            return (model, model.id?.uuidString, nil, AuditDraft.snapshot(TokenSnapshot(name: model.name, expiresAt: expires)))
        }
        return (token, model)
    }

    public static func revokeToken(id: UUID, ownedBy userId: UUID, by actor: Actor, in ctx: ServiceContext) async throws {
        let now = ctx.now()
        try await ctx.audited(actor, action: AuditAction.tokenRevoke.rawValue, objectType: "api_token") { tx in
            guard let token = try await APITokenModel.find(id, on: tx), token.$user.id == userId else {
                throw AppError.notFound
            }
            token.revokedAt = now
            try await token.update(on: tx)
            return ((), id.uuidString, nil, nil)
        }
    }

    /// The active user behind a bearer token and the token, or nil. Touches `last_used_at` at most
    /// every 5 minutes.
    public static func user(forToken token: String, in ctx: ServiceContext) async throws -> (UserModel, APITokenModel)? {
        guard token.hasPrefix(TokenCodec.prefix) else { return nil }
        let now = ctx.now()
        guard let stored = try await APITokenModel.query(on: ctx.db)
            .filter(\.$tokenHash == TokenCodec.storageHash(of: token)).with(\.$user).first(),
            stored.isUsable(at: now), stored.user.isActive
        else { return nil }
        if (stored.lastUsedAt.map { now.timeIntervalSince($0) > 300 } ?? true), let id = stored.id {
            try await APITokenModel.query(on: ctx.db).set(\.$lastUsedAt, to: now).filter(\.$id == id).update()
        }
        return (stored.user, stored)
    }
}
