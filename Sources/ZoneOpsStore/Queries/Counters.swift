import FluentKit
import SQLKit

/// Gapless per-key sequences (incident numbers per year). Call inside the write transaction:
/// the row update locks the counter on PostgreSQL, and SQLite has one writer, so two creates
/// never get the same value; the unique index on the number is the last line of defence.
public enum Counters {
    public static func next(_ key: String, on db: any Database) async throws -> Int {
        let sql = try db.sql()
        try await sql.raw("INSERT INTO counters (key, value) VALUES (\(bind: key), 0) ON CONFLICT (key) DO NOTHING").run()
        let row = try await sql.raw("UPDATE counters SET value = value + 1 WHERE key = \(bind: key) RETURNING value").first()
        guard let value = try row?.decode(column: "value", as: Int.self) else { throw NotSQLDatabase() }
        return value
    }
}
