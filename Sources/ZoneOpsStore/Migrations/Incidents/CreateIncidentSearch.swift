import FluentKit
import SQLKit

/// Chinese substring search over incidents: an FTS5 trigram table on SQLite, a pg_trgm-indexed
/// table on PostgreSQL (where the extension is missing the search still works, unindexed).
struct CreateIncidentSearch: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let sql = try database.sql()
        if DatabaseKind(database) == .postgres {
            try await sql.raw("""
                CREATE TABLE incident_search (incident_id UUID PRIMARY KEY REFERENCES incidents(id) ON DELETE CASCADE,
                                              public_text TEXT NOT NULL, all_text TEXT NOT NULL)
                """).run()
            do {
                try await sql.raw("CREATE EXTENSION IF NOT EXISTS pg_trgm").run()
                try await sql.raw("CREATE INDEX incident_search_all_trgm ON incident_search USING gin (all_text gin_trgm_ops)").run()
                try await sql.raw("CREATE INDEX incident_search_public_trgm ON incident_search USING gin (public_text gin_trgm_ops)").run()
            } catch {
                database.logger.warning("pg_trgm is not available: incident search runs without its index (\(error))")
            }
        } else {
            try await sql.raw("""
                CREATE VIRTUAL TABLE incident_search USING fts5(incident_id UNINDEXED, public_text, all_text, tokenize = 'trigram')
                """).run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.sql().raw("DROP TABLE incident_search").run()
    }
}
