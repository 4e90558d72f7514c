import FluentKit

struct CreateSpareParts: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(SparePartModel.schema)
            .id()
            .field("name", .string, .required)
            .field("part_model", .string, .required)
            .field("type_key", .string)
            .field("unit", .string, .required)
            .field("minimum", .int, .required)
            .field("created_at", .datetime)
            .unique(on: "name", "part_model")
            .create()
        try await database.schema(SpareStockModel.schema)
            .id()
            .field("part_id", .uuid, .required, .references(SparePartModel.schema, .id, onDelete: .cascade))
            .field("location_id", .uuid, .required, .references(LocationModel.schema, .id, onDelete: .restrict))
            .field("quantity", .int, .required)
            .unique(on: "part_id", "location_id")
            .create()
        try await database.schema(SpareMovementModel.schema)
            .id()
            .field("part_id", .uuid, .required, .references(SparePartModel.schema, .id, onDelete: .cascade))
            .field("location_id", .uuid, .required, .references(LocationModel.schema, .id, onDelete: .restrict))
            .field("kind", .string, .required)
            .field("delta", .int, .required)
            .field("ci_id", .uuid, .references(CIModel.schema, .id, onDelete: .setNull))
            .field("note", .string)
            .field("at", .datetime, .required)
            .field("actor_name", .string, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(SpareMovementModel.schema).delete()
        try await database.schema(SpareStockModel.schema).delete()
        try await database.schema(SparePartModel.schema).delete()
    }
}
