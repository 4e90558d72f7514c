import FluentKit
import Foundation

/// A browser session: the SHA-256 of its cookie id (never the id itself), its data as JSON
/// and when it lapses.
public final class SessionModel: Model, @unchecked Sendable {
    public static let schema = "sessions"

    @ID(key: .id) public var id: UUID?
    @Field(key: "key") public var key: String
    @Field(key: "data") public var data: String
    @Field(key: "expires_at") public var expiresAt: Date
    /// The signed-in user, nil before login.
    @OptionalField(key: "user_id") public var userId: UUID?

    public init() {}

    public init(key: String, data: String, expiresAt: Date) {
        self.key = key
        self.data = data
        self.expiresAt = expiresAt
    }
}

extension SessionModel {
    /// Ends every session of `userId` but the one stored under `keptKey` (the caller's own).
    public static func end(for userId: UUID, except keptKey: String? = nil, on db: any Database) async throws {
        let query = SessionModel.query(on: db).filter(\.$userId == userId)
        if let keptKey { query.filter(\.$key != keptKey) }
        try await query.delete()
    }
}

