import FluentKit
import Foundation
import SQLKit
import ZoneOpsDomain

/// A model written on a hot path (an incident, its work-log line, an audit entry) is inserted
/// from an explicit column list instead of Fluent's `create`. Fluent collects a model's input by
/// reflection (`Mirror` over every property wrapper, several passes per insert), and on a wide
/// row that was most of an incident create's CPU. The list is pinned to the model's Fluent fields
/// by `ExplicitRowTests`, so a column added to the model and forgotten here fails a test.
public protocol ExplicitRow: Model where IDValue == UUID {
    /// Every column the model stores, with its value (the id included).
    var row: [(column: String, value: any Encodable & Sendable)] { get }
    /// Where the model's queued rows go among a batch's tables: lower first, so a table others
    /// reference (incidents) goes before the tables referencing it (their work-log lines).
    static var insertOrder: Int { get }
}

extension ExplicitRow {
    /// Inserts the model (giving it a new id if it has none) in one statement; afterwards Fluent
    /// treats it as stored, so a later `save` updates it. `deferred` queues the row in the writer's
    /// batch (`WriteBatch`), to go in with others before the transaction's next statement.
    public func insertRow(on db: any Database, deferred: Bool = false) async throws {
        if id == nil { id = UUID.random() }
        let row = self.row
        if deferred, let batch = WriteBatch.of(db) {
            batch.deferInsert(into: Self.schema, columns: row.map(\.column), values: row.map(\.value), order: Self.insertOrder)
            _$idExists = true
            return
        }
        var query = SQLQueryString("INSERT INTO " + Self.schema + " (")
        query.appendLiteral(row.map(\.column).joined(separator: ", "))
        query.appendLiteral(") VALUES (")
        query.appendInterpolation(binds: row.map(\.value))
        query.appendLiteral(")")
        try await db.sql().raw(query).run()
        _$idExists = true
    }

    /// Writes every column of a stored model back in one statement: the hot path's `save`, which
    /// needs no reflection (the caller knows the model changed).
    public func updateRow(on db: any Database) async throws {
        guard let id else { throw FluentError.idRequired }
        var query = SQLQueryString("UPDATE " + Self.schema + " SET ")
        for (index, item) in row.filter({ $0.column != "id" }).enumerated() {
            query.appendLiteral((index == 0 ? "" : ", ") + item.column + " = ")
            query.appendInterpolation(bind: item.value)
        }
        query.appendLiteral(" WHERE id = ")
        query.appendInterpolation(bind: id)
        try await db.sql().raw(query).run()
    }

    /// Writes back many stored models. On SQLite in one statement a few hundred rows (`UPDATE …
    /// FROM` a CTE of the rows, joined by id): the pipeline writes back every alert a round
    /// touched, and one statement each had been a third of a round. On PostgreSQL one statement
    /// each, since a VALUES list there would need a cast for every column that is all NULLs.
    public static func updateRows(_ models: [Self], on db: any Database) async throws {
        guard let first = models.first else { return }
        guard DatabaseKind(db) == .sqlite else {
            for model in models { try await model.updateRow(on: db) }
            return
        }
        let columns = first.row.map { "\"" + $0.column + "\"" }
        let assignments = columns.filter { $0 != "\"id\"" }.map { $0 + " = v." + $0 }.joined(separator: ", ")
        let perStatement = max(1, 10_000 / columns.count)
        for start in stride(from: 0, to: models.count, by: perStatement) {
            var query = SQLQueryString("WITH v(" + columns.joined(separator: ", ") + ") AS (VALUES ")
            for (offset, model) in models[start..<min(models.count, start + perStatement)].enumerated() {
                guard model.id != nil else { throw FluentError.idRequired }
                query.appendLiteral(offset == 0 ? "(" : ", (")
                query.appendInterpolation(binds: model.row.map(\.value))
                query.appendLiteral(")")
            }
            query.appendLiteral(") UPDATE " + schema + " SET " + assignments + " FROM v WHERE " + schema + ".id = v.\"id\"")
            try await db.sql().raw(query).run()
        }
    }
}

extension SQLRow {
    /// A nullable column: the NULL check first, then a plain decode. `decode(column:as: T?.self)`
    /// on SQLite builds an unwrapping decoder (a class and dynamic casts) for every value.
    public func optional<T: Decodable>(_ column: String, as type: T.Type) throws -> T? {
        try decodeNil(column: column) ? nil : decode(column: column, as: T.self)
    }
}
