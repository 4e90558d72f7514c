import FluentKit
import SQLKit

/// Which database engine is in use; both run every migration and query.
public enum DatabaseKind: String, Sendable, Codable {
    case sqlite, postgres

    public init(_ database: any Database) {
        let dialect = (database as? any SQLDatabase)?.dialect.name ?? ""
        self = dialect.contains("postgres") ? .postgres : .sqlite
    }
}
