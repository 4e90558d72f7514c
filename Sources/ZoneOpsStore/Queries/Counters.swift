import FluentKit
import SQLKit

/// Gapless per-key sequences (incident numbers per year). Call inside the write transaction:
/// the row update locks the counter on PostgreSQL, and SQLite has one writer, so two creates
/// never get the same value; the unique index on the number is the last line of defence.
public enum Counters {
    public static func next(_ key: String, on db: any Database) async throws -> Int {
        let row = try await db.sql().raw("""
            INSERT INTO counters (key, value) VALUES (\(bind: key), 1)
            ON CONFLICT (key) DO UPDATE SET value = counters.value + 1 RETURNING value
            """).first()
        guard let value = try row?.decode(column: "value", as: Int.self) else { throw NotSQLDatabase() }
        return value
    }
}
