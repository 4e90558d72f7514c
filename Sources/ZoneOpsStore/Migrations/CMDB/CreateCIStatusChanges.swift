import FluentKit
import SQLKit

struct CreateCIStatusChanges: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(CIStatusChangeModel.schema)
            .id()
            .field("ci_id", .uuid, .required, .references(CIModel.schema, .id, onDelete: .cascade))
            .field("from_status", .string)
            .field("to_status", .string, .required)
            .field("at", .datetime, .required)
            .field("actor_name", .string, .required)
            .field("note", .string)
            .create()
        try await (database as! any SQLDatabase).create(index: "ci_status_changes_ci_idx")
            .on(CIStatusChangeModel.schema).column("ci_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(CIStatusChangeModel.schema).delete()
    }
}
