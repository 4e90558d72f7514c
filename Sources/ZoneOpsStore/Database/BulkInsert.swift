import FluentKit
import Foundation
import SQLKit

/// The one bulk write path for high-volume rows (events, probe results, imported ledger rows,
/// and the writer's deferred rows): many rows a statement from an explicit column list, never
/// a model save per row. Callers run it inside a transaction (the `Writer`'s) so a batch lands
/// whole or not at all.
public enum BulkInsert {
    /// Binds a statement carries at most: under SQLite's 32,766 and PostgreSQL's 65,535.
    public static let maxBinds = 30_000

    public static func rows(into table: String, columns: [String], _ rows: [[any Encodable & Sendable]],
                            on sql: any SQLDatabase, bindsPerStatement: Int = maxBinds) async throws {
        guard !rows.isEmpty, !columns.isEmpty else { return }
        let perStatement = max(1, min(bindsPerStatement, maxBinds) / columns.count)
        let head = "INSERT INTO " + table + " (" + columns.joined(separator: ", ") + ") VALUES "
        var start = 0
        while start < rows.count {
            let end = min(rows.count, start + perStatement)
            var query = SQLQueryString(head)
            for (offset, row) in rows[start..<end].enumerated() {
                precondition(row.count == columns.count, "a bulk row has a value for each column")
                query.appendLiteral(offset == 0 ? "(" : ", (")
                query.appendInterpolation(binds: row)
                query.appendLiteral(")")
            }
            try await sql.raw(query).run()
            start = end
        }
    }
}
