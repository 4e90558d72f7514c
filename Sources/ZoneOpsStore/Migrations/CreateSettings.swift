import FluentKit

struct CreateSettings: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(SettingModel.schema)
            .id()
            .field("key", .string, .required)
            .field("value", .string, .required)
            .unique(on: "key")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(SettingModel.schema).delete()
    }
}
