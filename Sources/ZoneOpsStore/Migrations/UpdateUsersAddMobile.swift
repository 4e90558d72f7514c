import FluentKit

/// A mobile number on each account: SMS and duty notifications will reach people there.
struct UpdateUsersAddMobile: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(UserModel.schema).field("mobile", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(UserModel.schema).deleteField("mobile").update()
    }
}
