import FluentKit
import SQLKit

struct CreateAuditEntries: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(AuditEntryModel.schema)
            .id()
            .field("seq", .int64, .required)
            .field("at", .datetime, .required)
            .field("actor_id", .string)
            .field("actor_name", .string, .required)
            .field("address", .string)
            .field("action", .string, .required)
            .field("object_type", .string, .required)
            .field("object_id", .string)
            .field("before", .string)
            .field("after", .string)
            .field("prev_hash", .string, .required)
            .field("hash", .string, .required)
            .unique(on: "seq")
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "audit_entries_object_idx").on(AuditEntryModel.schema)
                .column("object_type").column("object_id").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(AuditEntryModel.schema).delete()
    }
}
