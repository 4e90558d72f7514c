import FluentKit
import SQLKit

/// Gapless per-key sequences (incident numbers per year). Call inside the write transaction:
/// the row update locks the counter on PostgreSQL, and SQLite has one writer, so two creates
/// never get the same value; the unique index on the number is the last line of defence.
public enum Counters {
    /// Inside a writer's batch the counter is read (and advanced) once and carried in the batch,
    /// which writes the last value back before its commit; a write rolled back gives its values back.
    public static func next(_ key: String, on db: any Database) async throws -> Int {
        if let value = WriteBatch.of(db)?.nextCounter(key) { return value }
        let row = try await db.sql().raw("""
            INSERT INTO counters (key, value) VALUES (\(bind: key), 1)
            ON CONFLICT (key) DO UPDATE SET value = counters.value + 1 RETURNING value
            """).first()
        guard let value = try row?.decode(column: "value", as: Int.self) else { throw NotSQLDatabase() }
        WriteBatch.of(db)?.holdCounter(key, at: value)
        return value
    }
}
