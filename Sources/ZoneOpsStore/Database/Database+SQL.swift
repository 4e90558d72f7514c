import FluentKit
import SQLKit

/// Both engines ZoneOps runs on are SQL databases; raw queries reach them through this.
public struct NotSQLDatabase: Error, CustomStringConvertible {
    public var description: String { "数据库驱动不支持 SQL 查询 / the database driver does not speak SQL" }
}

extension Database {
    /// This database as SQL (always, with SQLite and PostgreSQL); an error rather than a trap otherwise.
    public func sql() throws -> any SQLDatabase {
        guard let sql = self as? any SQLDatabase else { throw NotSQLDatabase() }
        return sql
    }
}
