import FluentKit
import FluentSQL

/// Records which canonical format each audit entry was sealed in. Entries already stored were
/// sealed in format 1 and keep it; new entries are written in `AuditRecord.currentFormat`.
struct UpdateAuditEntriesAddFormat: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(AuditEntryModel.schema)
            .field("format", .int, .required, .sql(.default(1)))
            .update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(AuditEntryModel.schema).deleteField("format").update()
    }
}
