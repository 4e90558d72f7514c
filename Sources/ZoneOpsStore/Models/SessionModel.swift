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

    public init() {}

    public init(key: String, data: String, expiresAt: Date) {
        self.key = key
        self.data = data
        self.expiresAt = expiresAt
    }
}
