import FluentKit
import SQLKit

struct CreateIncidentEntries: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(IncidentEntryModel.schema)
            .id()
            .field("incident_id", .uuid, .required, .references(IncidentModel.schema, .id, onDelete: .cascade))
            .field("kind", .string, .required)
            .field("is_public", .bool, .required)
            .field("body", .string, .required)
            .field("actor_id", .uuid)
            .field("actor_name", .string, .required)
            .field("at", .datetime, .required)
            .field("mark", .string)
            .unique(on: "incident_id", "mark")
            .create()
        try await database.sql().create(index: "incident_entries_incident_idx").on(IncidentEntryModel.schema)
            .column("incident_id").column("at").run()
        try await database.schema(IncidentCIModel.schema)
            .id()
            .field("incident_id", .uuid, .required, .references(IncidentModel.schema, .id, onDelete: .cascade))
            .field("ci_id", .uuid, .required, .references(CIModel.schema, .id, onDelete: .cascade))
            .unique(on: "incident_id", "ci_id")
            .create()
        try await database.sql().create(index: "incident_cis_ci_idx").on(IncidentCIModel.schema).column("ci_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(IncidentCIModel.schema).delete()
        try await database.schema(IncidentEntryModel.schema).delete()
    }
}
