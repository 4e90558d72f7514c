import FluentKit

struct CreateEventRules: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(EventRuleModel.schema)
            .id()
            .field("kind", .string, .required)
            .field("name", .string, .required)
            .field("pattern", .string, .required)
            .field("check_name", .string, .required)
            .field("severity", .string, .required)
            .field("position", .int, .required)
            .field("created_by_name", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(EventRuleModel.schema).delete()
    }
}
