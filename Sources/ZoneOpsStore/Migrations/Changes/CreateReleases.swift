import FluentKit
import SQLKit

struct CreateReleases: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ReleaseModel.schema)
            .id()
            .field("number", .string, .required)
            .field("name", .string, .required)
            .field("kind", .string, .required)
            .field("version", .string, .required)
            .field("rollback_version", .string, .required)
            .field("notes", .string, .required)
            .field("created_by_name", .string, .required)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "number")
            .create()
        try await database.schema(ReleaseChangeModel.schema)
            .id()
            .field("release_id", .uuid, .required, .references(ReleaseModel.schema, .id, onDelete: .cascade))
            .field("change_id", .uuid, .required, .references(ChangeModel.schema, .id, onDelete: .cascade))
            .unique(on: "release_id", "change_id")
            .create()
        try await database.schema(ReleaseDeploymentModel.schema)
            .id()
            .field("release_id", .uuid, .required, .references(ReleaseModel.schema, .id, onDelete: .cascade))
            .field("ci_id", .uuid, .required, .references(CIModel.schema, .id, onDelete: .cascade))
            .field("from_version", .string)
            .field("to_version", .string, .required)
            .field("at", .datetime, .required)
            .field("actor_name", .string, .required)
            .field("rolled_back_at", .datetime)
            .create()
        let sql = try database.sql()
        try await sql.create(index: "release_deployments_ci_idx").on(ReleaseDeploymentModel.schema).column("ci_id").column("at").run()
        try await sql.create(index: "release_deployments_release_idx").on(ReleaseDeploymentModel.schema).column("release_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ReleaseDeploymentModel.schema).delete()
        try await database.schema(ReleaseChangeModel.schema).delete()
        try await database.schema(ReleaseModel.schema).delete()
    }
}
