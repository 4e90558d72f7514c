import FluentKit
import FluentSQL
import Foundation
import SQLKit

/// The search text of each incident (number, title, description, replies; internal notes in
/// `all_text` only) and the filter that finds incidents by a Chinese substring.
public enum IncidentSearch {
    /// Rewrites the incident's row from what it holds now (inside the writing transaction).
    public static func index(_ id: UUID, on db: any Database) async throws {
        guard let incident = try await IncidentModel.find(id, on: db) else { return }
        let entries = try await IncidentEntryModel.query(on: db).filter(\.$incident.$id == id)
            .filter(\.$kind ~~ ["note", "reply", "created"]).sort(\.$at).all()
        let head = [incident.number, incident.title, incident.description, incident.resolution ?? ""].joined(separator: "\n")
        let publicText = ([head] + entries.filter(\.isPublic).map(\.body)).joined(separator: "\n")
        let allText = ([head] + entries.map(\.body)).joined(separator: "\n")
        let sql = try db.sql()
        try await sql.raw("DELETE FROM incident_search WHERE incident_id = \(bind: id)").run()
        try await sql.raw("INSERT INTO incident_search (incident_id, public_text, all_text) VALUES (\(bind: id), \(bind: publicText), \(bind: allText))").run()
    }

    /// The row of a new incident: one insert, nothing to read back (queued in the writer's batch).
    public static func insert(_ incident: IncidentModel, on db: any Database) async throws {
        let text = [incident.number, incident.title, incident.description].joined(separator: "\n")
        let values: [any Encodable & Sendable] = [try incident.requireID(), text, text]
        if let batch = WriteBatch.of(db) {
            batch.deferInsert(into: "incident_search", columns: ["incident_id", "public_text", "all_text"], values: values,
                              order: IncidentEntryModel.insertOrder)
            return
        }
        try await db.sql().raw("INSERT INTO incident_search (incident_id, public_text, all_text) VALUES (\(binds: values))").run()
    }

    /// Keeps the incidents whose text contains `text`; `publicOnly` searches what requesters see.
    public static func restrict(_ query: QueryBuilder<IncidentModel>, to text: String, publicOnly: Bool) {
        let column = publicOnly ? "public_text" : "all_text"
        // Control characters (a NUL ends a C string early) never belong to a search; drop them.
        let trimmed = String(String(text.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }.map(Character.init)).prefix(100))
        if DatabaseKind(query.database) == .postgres {
            let pattern = "%" + escapeLike(trimmed) + "%"
            query.filter(.sql(embed: "\(ident: "incidents").\(ident: "id") IN (SELECT incident_id FROM incident_search WHERE \(ident: column) ILIKE \(bind: pattern) ESCAPE '\\')"))
        } else if trimmed.count >= 3 {
            // FTS5 trigram: a quoted phrase matches any substring of three characters or more.
            let phrase = "\"" + trimmed.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            query.filter(.sql(embed: "\(ident: "incidents").\(ident: "id") IN (SELECT incident_id FROM incident_search WHERE \(ident: column) MATCH \(bind: phrase))"))
        } else {
            // One or two characters are below a trigram: scan (LIKE on the same text).
            let pattern = "%" + escapeLike(trimmed) + "%"
            query.filter(.sql(embed: "\(ident: "incidents").\(ident: "id") IN (SELECT incident_id FROM incident_search WHERE \(ident: column) LIKE \(bind: pattern) ESCAPE '\\')"))
        }
    }

    static func escapeLike(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
    }
}
