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

    /// Loads the dumped rows, parents before children, in one transaction.
    static func load(_ database: any Database, from folder: URL, tables names: [String]) async throws {
        try await database.transaction { tx in
            let sql = tx as! any SQLDatabase
            for table in try await dependencyOrder(sql, names) where !skipped.contains(table) {
                let json = try String(contentsOf: folder.appendingPathComponent("\(table).json"), encoding: .utf8)
                try await sql.raw("""
                    INSERT INTO \(ident: table) SELECT * FROM json_populate_recordset(NULL::\(ident: table), \(bind: json)::json)
                    """).run()
            }
        }
    }

    static func tables(_ sql: any SQLDatabase) async throws -> [String] {
        try await sql.raw("""
            SELECT table_name AS name FROM information_schema.tables
            WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name
            """).all().map { try $0.decode(column: "name", as: String.self) }
    }

    /// Orders tables so every foreign key's target comes before the table that refers to it.
    static func dependencyOrder(_ sql: any SQLDatabase, _ names: [String]) async throws -> [String] {
        let edges = try await sql.raw("""
            SELECT c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent
            FROM pg_constraint c WHERE c.contype = 'f'
            """).all().map { (try $0.decode(column: "child", as: String.self).trimmingCharacters(in: ["\""]),
                              try $0.decode(column: "parent", as: String.self).trimmingCharacters(in: ["\""])) }
        var ordered: [String] = []
        var remaining = names.sorted()
        while !remaining.isEmpty {
            let ready = remaining.filter { table in
                !edges.contains { $0.0 == table && $0.1 != table && remaining.contains($0.1) }
            }
            let next = ready.isEmpty ? [remaining[0]] : ready
            ordered += next
            remaining.removeAll { next.contains($0) }
        }
        return ordered
    }
}
