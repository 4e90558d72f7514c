import FluentKit
import SQLKit

struct CreateHotlineCalls: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(HotlineCallModel.schema)
            .id()
            .field("at", .datetime, .required)
            .field("caller_name", .string, .required)
            .field("phone", .string, .required)
            .field("organization_id", .uuid, .references(OrganizationModel.schema, .id))
            .field("organization_name", .string)
            .field("summary", .string, .required)
            .field("result", .string, .required)
            .field("handled_by", .string, .required)
            .field("incident_id", .uuid, .references(IncidentModel.schema, .id))
            .field("outside_hours", .bool, .required)
            .field("callback_done_at", .datetime)
            .field("callback_note", .string)
            .create()
        let sql = try database.sql()
        try await sql.create(index: "hotline_calls_at_idx").on(HotlineCallModel.schema).column("at").run()
        try await sql.create(index: "hotline_calls_phone_idx").on(HotlineCallModel.schema).column("phone").run()
        try await database.schema(AttachmentModel.schema)
            .id()
            .field("incident_id", .uuid, .required, .references(IncidentModel.schema, .id, onDelete: .cascade))
            .field("sha256", .string, .required)
            .field("filename", .string, .required)
            .field("content_type", .string, .required)
            .field("size", .int, .required)
            .field("uploaded_by", .string, .required)
            .field("is_public", .bool, .required)
            .field("at", .datetime, .required)
            .create()
        // A per-key sequence (INC-2026, …), taken inside the creating transaction.
        try await sql.raw("CREATE TABLE counters (key VARCHAR(64) PRIMARY KEY, value BIGINT NOT NULL)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.sql().raw("DROP TABLE counters").run()
        try await database.schema(AttachmentModel.schema).delete()
        try await database.schema(HotlineCallModel.schema).delete()
    }
}
