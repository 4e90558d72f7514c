import FluentKit
import Foundation
import ZoneOpsDomain
import ZoneOpsStore
import ZoneOpsWire

/// A person's duty calendar feed: a secret address a phone's calendar subscribes to (calendar
/// apps send no login). Only the secret's SHA-256 is stored; making a new one revokes the old.
public enum DutyFeeds {
    /// Makes (or replaces) the caller's feed secret; answers it, to be shown once.
    public static func make(for userId: UUID, by actor: Actor, in ctx: ServiceContext) async throws -> String {
        let token = TokenCodec.generate()
        let hash = TokenCodec.storageHash(of: token)
        let now = ctx.now()
        try await ctx.audited(actor, action: AuditAction.feedCreate.rawValue, objectType: "duty_feed") { tx in
            try await DutyFeedModel.query(on: tx).filter(\.$userId == userId).delete()
            let feed = DutyFeedModel()
            feed.userId = userId
            feed.tokenHash = hash
            feed.createdAt = now
            try await feed.create(on: tx)
            return ((), userId.uuidString, nil, nil)
        }
        return token
    }

    /// The active account a feed secret belongs to, or nil.
    public static func user(for token: String, on db: any Database) async throws -> UserModel? {
        guard token.count <= 100, token.hasPrefix(TokenCodec.prefix) else { return nil }
        guard let feed = try await DutyFeedModel.query(on: db).filter(\.$tokenHash == TokenCodec.storageHash(of: token)).first(),
              let user = try await UserModel.find(feed.userId, on: db), user.isActive else { return nil }
        return user
    }

    /// A person's shifts from 30 days back to 90 ahead.
    public static func shifts(of userId: UUID, now: Date, on db: any Database) async throws -> [DutyQueries.ShiftRow] {
        try await DutyQueries.shifts(from: now.addingTimeInterval(-30 * 86_400), to: now.addingTimeInterval(90 * 86_400), user: userId, on: db)
    }
}
