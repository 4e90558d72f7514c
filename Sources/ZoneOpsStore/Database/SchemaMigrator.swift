import FluentKit
import SQLKit

/// Applies migrations to one database; the server, `zoneops migrate` and restore all use it.
public enum SchemaMigrator {
    public static func migrate(_ database: any Database, migrations list: [any Migration] = ZoneOpsMigrations.all) async throws {
        let migrations = Migrations()
        migrations.add(list)
        let migrator = Migrator(databaseFactory: { _ in database }, migrations: migrations, on: database.eventLoop)
        try await migrator.setupIfNeeded().get()
        try await migrator.prepareBatch().get()
        if DatabaseKind(database) == .sqlite, let sql = database as? any SQLDatabase {
            // WAL lets readers go on while one writer commits; it is a property of the file.
            try await sql.raw("PRAGMA journal_mode=WAL").run()
        }
    }

    /// Names of the migrations already applied, in the order applied.
    public static func applied(_ database: any Database) async throws -> [String] {
        guard let sql = database as? any SQLDatabase else { return [] }
        let rows = try await sql.raw("SELECT name FROM _fluent_migrations ORDER BY batch, created_at").all()
        return try rows.map { try $0.decode(column: "name", as: String.self) }
    }

    /// Whether the database holds no table at all (restore's precondition).
    public static func isEmpty(_ database: any Database) async throws -> Bool {
        guard let sql = database as? any SQLDatabase else { return false }
        let query: SQLQueryString = DatabaseKind(database) == .postgres
            ? "SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = current_schema()"
            : "SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        let count = try await sql.raw(query).first()?.decode(column: "n", as: Int.self) ?? 0
        return count == 0
    }
}
