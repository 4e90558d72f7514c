import FluentKit
import Foundation
import ZoneOpsDomain
import ZoneOpsStore

extension Accounts {
    /// A person changes their own password: the current one first, the new one twice. Audited
    /// (without either password); a wrong current password is reported at its field.
    /// Every other session of the user ends with the change; `keptSession` (the storage key of
    /// the session making the change) stays signed in.
    public static func changeOwnPassword(userId: UUID, current: String, new: String, repeated: String,
                                         keptSession: String? = nil, by actor: Actor, in ctx: ServiceContext) async throws {
        guard let user = try await UserModel.find(userId, on: ctx.db) else { throw AppError.notFound }
        guard try await ctx.hasher.verify(current, user.passwordHash) else {
            throw AppError.invalid(field: "currentPassword", .passwordWrong)
        }
        do { try AccountRules.validatePassword(new) } catch { throw AppError.invalid(field: "newPassword", error.text) }
        guard new == repeated else { throw AppError.invalid(field: "repeatPassword", .passwordMismatch) }
        let hash = try await ctx.hasher.hash(new)
        try await ctx.audited(actor, action: AuditAction.passwordChange.rawValue, objectType: "user") { tx in
            try await UserModel.query(on: tx).set(\.$passwordHash, to: hash).filter(\.$id == userId).update()
            try await SessionModel.end(for: userId, except: keptSession, on: tx)
            return ((), userId.uuidString, nil, nil)
        }
    }
}

extension AppError {
    /// The text of a single-field error (what `validatePassword` throws).
    var text: TextKey {
        switch self {
        case .invalid(_, let text), .forbidden(let text), .conflict(let text), .rule(_, let text): text
        default: .errorMalformedBody
        }
    }
}
