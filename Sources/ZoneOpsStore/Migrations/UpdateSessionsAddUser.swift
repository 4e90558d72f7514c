import FluentKit

/// Which user a session belongs to, so a changed or reset password, or a disabled account, ends
/// that user's sessions at once. Sessions from before carry no user and lapse as before.
struct UpdateSessionsAddUser: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(SessionModel.schema).field("user_id", .uuid).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(SessionModel.schema).deleteField("user_id").update()
    }
}
