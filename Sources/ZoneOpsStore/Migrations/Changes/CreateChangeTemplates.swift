import FluentKit

struct CreateChangeTemplates: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ChangeTemplateModel.schema)
            .id()
            .field("name", .string, .required)
            .field("plan", .string, .required)
            .field("rollback_plan", .string, .required)
            .field("risk", .string, .required)
            .field("test_evidence", .string, .required)
            .field("source_change_id", .uuid, .references(ChangeModel.schema, .id, onDelete: .setNull))
            .field("approved_by_name", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ChangeTemplateModel.schema).delete()
    }
}
