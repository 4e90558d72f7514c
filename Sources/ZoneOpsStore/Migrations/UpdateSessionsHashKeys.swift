import FluentKit

/// Sessions are stored by the SHA-256 of their cookie id from now on, so a leaked database or
/// backup signs nobody in. Ids stored in clear before cannot be hashed in place without
/// keeping them usable, so they are dropped: everyone signs in once more.
struct UpdateSessionsHashKeys: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await SessionModel.query(on: database).delete()
    }

    func revert(on database: any Database) async throws {
        try await SessionModel.query(on: database).delete()
    }
}
