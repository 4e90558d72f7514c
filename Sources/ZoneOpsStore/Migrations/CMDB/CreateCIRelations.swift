import FluentKit
import SQLKit

struct CreateCIRelations: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(CIRelationModel.schema)
            .id()
            .field("source_id", .uuid, .required, .references(CIModel.schema, .id, onDelete: .cascade))
            .field("target_id", .uuid, .required, .references(CIModel.schema, .id, onDelete: .cascade))
            .field("type", .string, .required)
            .field("port", .string)
            .field("created_at", .datetime)
            .unique(on: "source_id", "target_id", "type")
            .create()
        try await (database as! any SQLDatabase).create(index: "ci_relations_target_idx")
            .on(CIRelationModel.schema).column("target_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(CIRelationModel.schema).delete()
    }
}
