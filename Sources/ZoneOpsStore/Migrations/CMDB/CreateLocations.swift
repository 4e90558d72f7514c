import FluentKit

struct CreateLocations: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(LocationModel.schema)
            .id()
            .field("parent_id", .uuid, .references(LocationModel.schema, .id, onDelete: .restrict))
            .field("kind", .string, .required)
            .field("name", .string, .required)
            .field("code", .string)
            .field("created_at", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(LocationModel.schema).delete()
    }
}
