import FluentKit
import Foundation
import ZoneOpsDomain
import ZoneOpsStore

/// The audit log as people read it: filtered by action and day, each entry with the name of the
/// object it touched (not its id) and its change as "field: before → after" lines.
public enum AuditQueries {
    public struct Filter: Sendable, Equatable {
        public var action: String?
        /// Days in Beijing time, both included.
        public var from: CalendarDate?
        public var to: CalendarDate?

        public init(action: String? = nil, from: CalendarDate? = nil, to: CalendarDate? = nil) {
            self.action = action
            self.from = from
            self.to = to
        }
    }

    public struct Change: Sendable, Equatable {
        public var field: String
        public var before: String?
        public var after: String?
    }

    public struct Line: Sendable {
        public var sequence: Int
        public var at: Date
        public var actorName: String
        public var address: String?
        public var action: String
        public var objectType: String
        /// The object's name today (a user's display name, a CI's name…), else its short id.
        public var objectName: String?
        public var changes: [Change]
    }

    public static let pageSize = 50

    public static func page(_ filter: Filter, page: Int, on db: any Database) async throws -> (lines: [Line], hasMore: Bool) {
        var query = AuditEntryModel.query(on: db).sort(\.$sequence, .descending)
        if let action = filter.action, !action.isEmpty { query = query.filter(\.$action == action) }
        if let from = filter.from, let start = from.startInBeijing { query = query.filter(\.$at >= start) }
        if let to = filter.to, let end = to.startInBeijing?.addingTimeInterval(86_400) { query = query.filter(\.$at < end) }
        let rows = try await query.offset((page - 1) * pageSize).limit(pageSize + 1).all()
        let shown = Array(rows.prefix(pageSize))
        let names = try await objectNames(for: shown, on: db)
        let lines = shown.map { entry in
            Line(sequence: entry.sequence, at: entry.at, actorName: entry.actorName, address: entry.address, action: entry.action,
                 objectType: entry.objectType,
                 objectName: entry.objectId.map { names[$0] ?? String($0.prefix(8)) },
                 changes: changes(before: entry.before, after: entry.after))
        }
        return (lines, rows.count > pageSize)
    }

    /// Names of the users, organizations, CIs, places, spare parts, tokens, incidents, changes,
    /// problems, releases and blackouts the entries touched.
    static func objectNames(for entries: [AuditEntryModel], on db: any Database) async throws -> [String: String] {
        func ids(_ type: String) -> [UUID] {
            entries.filter { $0.objectType == type }.compactMap { $0.objectId.flatMap(UUID.init(uuidString:)) }
        }
        var names: [String: String] = [:]
        for user in try await UserModel.query(on: db).filter(\.$id ~~ (ids("user") + ids("session"))).all() {
            if let id = user.id { names[id.uuidString] = "\(user.displayName)（\(user.username)）" }
        }
        for item in try await OrganizationModel.query(on: db).filter(\.$id ~~ ids("organization")).all() {
            if let id = item.id { names[id.uuidString] = item.name }
        }
        for item in try await CIModel.query(on: db).filter(\.$id ~~ ids("ci")).all() {
            if let id = item.id { names[id.uuidString] = item.name }
        }
        for item in try await LocationModel.query(on: db).filter(\.$id ~~ ids("location")).all() {
            if let id = item.id { names[id.uuidString] = item.name }
        }
        for item in try await SparePartModel.query(on: db).filter(\.$id ~~ ids("spare_part")).all() {
            if let id = item.id { names[id.uuidString] = item.name }
        }
        for item in try await APITokenModel.query(on: db).filter(\.$id ~~ ids("api_token")).all() {
            if let id = item.id { names[id.uuidString] = item.name }
        }
        for item in try await IncidentModel.query(on: db).filter(\.$id ~~ ids("incident")).all() {
            if let id = item.id { names[id.uuidString] = item.number + " " + item.title }
        }
        for item in try await ChangeModel.query(on: db).filter(\.$id ~~ ids("change")).all() {
            if let id = item.id { names[id.uuidString] = item.number + " " + item.title }
        }
        for item in try await ProblemModel.query(on: db).filter(\.$id ~~ ids("problem")).all() {
            if let id = item.id { names[id.uuidString] = item.number + " " + item.title }
        }
        for item in try await ReleaseModel.query(on: db).filter(\.$id ~~ ids("release")).all() {
            if let id = item.id { names[id.uuidString] = item.number + " " + item.name + " " + item.version }
        }
        for item in try await BlackoutModel.query(on: db).filter(\.$id ~~ ids("change_blackout")).all() {
            if let id = item.id { names[id.uuidString] = item.title }
        }
        return names
    }

    /// The fields a change touched, from the JSON snapshots before and after.
    public static func changes(before: String?, after: String?) -> [Change] {
        let old = object(before), new = object(after)
        return Set(old.keys).union(new.keys).sorted().compactMap { key in
            let was = old[key], now = new[key]
            return was == now ? nil : Change(field: key, before: was, after: now)
        }
    }

    /// A snapshot's fields as text. Nested objects are spread out: `attributes` into
    /// `attributes.<key>` (named like the type's attributes), others (`dates`) into their keys.
    static func object(_ json: String?) -> [String: String] {
        guard let json, let data = json.data(using: .utf8),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return [:] }
        var fields: [String: String] = [:]
        for (key, value) in object {
            if let nested = value as? [String: Any] {
                for (inner, innerValue) in nested {
                    fields[key == "attributes" ? "attributes." + inner : inner] = text(innerValue)
                }
            } else {
                fields[key] = text(value)
            }
        }
        return fields.compactMapValues { $0 }
    }

    static func text(_ value: Any) -> String? {
        switch value {
        case is NSNull: nil
        case let text as String: text
        default: "\(value)"
        }
    }
}
