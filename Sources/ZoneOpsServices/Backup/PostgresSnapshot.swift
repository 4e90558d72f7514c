import FluentKit
import Foundation
import SQLKit

/// A logical snapshot of a PostgreSQL schema as JSON rows per table, taken in one
/// REPEATABLE READ transaction so every table is seen at the same instant.
enum PostgresSnapshot {
    static let skipped: Set<String> = ["_fluent_migrations"]

    static func dump(_ database: any Database, into folder: URL) async throws -> [String: Int] {
        try await database.transaction { tx in
            let sql = tx as! any SQLDatabase
            try await sql.raw("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY").run()
            var counts: [String: Int] = [:]
            for table in try await tables(sql) where !skipped.contains(table) {
                let row = try await sql.raw("""
                    SELECT count(*) AS n, coalesce(json_agg(t), '[]'::json)::text AS rows FROM \(ident: table) t
                    """).first()
                let json = try row?.decode(column: "rows", as: String.self) ?? "[]"
                counts[table] = try row?.decode(column: "n", as: Int.self) ?? 0
                try Data(json.utf8).write(to: folder.appendingPathComponent("\(table).json"))
            }
            return counts
        }
    }

    /// Loads the dumped rows in one transaction. Foreign keys are dropped for the load and put
    /// back after it, which checks every row at once: no table order to get right, and tables
    /// that refer to themselves (the location tree) load whatever the row order.
    static func load(_ database: any Database, from folder: URL, tables names: [String]) async throws {
        try await database.transaction { tx in
            let sql = tx as! any SQLDatabase
            let keys = try await sql.raw("""
                SELECT c.conrelid::regclass::text AS tbl, c.conname AS name, pg_get_constraintdef(c.oid) AS def
                FROM pg_constraint c WHERE c.contype = 'f' AND c.connamespace = current_schema()::regnamespace
                """).all().map { (table: try $0.decode(column: "tbl", as: String.self),
                                  name: try $0.decode(column: "name", as: String.self),
                                  definition: try $0.decode(column: "def", as: String.self)) }
            for key in keys {
                try await sql.raw("ALTER TABLE \(unsafeRaw: key.table) DROP CONSTRAINT \(ident: key.name)").run()
            }
            // Seeding migrations (the built-in CI types) put rows in before the load; the backup is the truth.
            for table in names where !skipped.contains(table) {
                try await sql.raw("DELETE FROM \(ident: table)").run()
            }
            for table in names where !skipped.contains(table) {
                let json = try String(contentsOf: folder.appendingPathComponent("\(table).json"), encoding: .utf8)
                try await sql.raw("""
                    INSERT INTO \(ident: table) SELECT * FROM json_populate_recordset(NULL::\(ident: table), \(bind: json)::json)
                    """).run()
            }
            for key in keys {
                try await sql.raw("ALTER TABLE \(unsafeRaw: key.table) ADD CONSTRAINT \(ident: key.name) \(unsafeRaw: key.definition)").run()
            }
        }
    }

    static func tables(_ sql: any SQLDatabase) async throws -> [String] {
        try await sql.raw("""
            SELECT table_name AS name FROM information_schema.tables
            WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name
            """).all().map { try $0.decode(column: "name", as: String.self) }
    }
}
