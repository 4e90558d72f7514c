import Foundation
import SQLKit
import ZoneOpsStore

/// A received event as the pipeline applies it: read straight from `monitor_events` rows (a
/// round reads up to a thousand; building Fluent models by reflection had cost more than the
/// rest of the round), with its labels decoded once and its CI matched once.
struct PendingEvent: Sendable {
    var id: UUID
    var occurredAt: Date
    var source: String
    var ciRef: String?
    var host: String?
    var check: String
    var severity: String
    var summary: String
    var fingerprint: String
    var occurrence: String?
    var labels: [String: String]
    /// The CI the directory matched (set once the round has loaded the directory).
    var ciId: UUID?

    /// The oldest unprocessed events, in order of arrival (batch order within a batch).
    static func waiting(limit: Int, on sql: any SQLDatabase) async throws -> [PendingEvent] {
        let rows = try await sql.select()
            .columns("id", "occurred_at", "source", "ci_ref", "host", "check_name", "severity", "summary", "fingerprint",
                     "occurrence", "labels")
            .from(EventRecordModel.schema)
            .where("processed", .equal, SQLBind(false))
            .orderBy("received_at").orderBy("ord")
            .limit(limit)
            .all()
        return try rows.map(PendingEvent.init(row:))
    }

    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: UUID.self)
        occurredAt = try row.decode(column: "occurred_at", as: Date.self)
        source = try row.decode(column: "source", as: String.self)
        ciRef = try row.optional("ci_ref", as: String.self)
        host = try row.optional("host", as: String.self)
        check = try row.decode(column: "check_name", as: String.self)
        severity = try row.decode(column: "severity", as: String.self)
        summary = try row.decode(column: "summary", as: String.self)
        fingerprint = try row.decode(column: "fingerprint", as: String.self)
        occurrence = try row.optional("occurrence", as: String.self)
        let json = try row.decode(column: "labels", as: String.self)
        labels = json == "{}" ? [:] : (try? JSONDecoder().decode([String: String].self, from: Data(json.utf8))) ?? [:]
    }

    /// Marks events processed, many a statement.
    static func markProcessed(_ ids: [UUID], on sql: any SQLDatabase) async throws {
        for start in stride(from: 0, to: ids.count, by: 500) {
            try await sql.update(EventRecordModel.schema)
                .set("processed", to: SQLBind(true))
                .where("id", .in, SQLBind.group(ids[start..<min(start + 500, ids.count)].map { $0 as any Encodable & Sendable }))
                .run()
        }
    }
}
