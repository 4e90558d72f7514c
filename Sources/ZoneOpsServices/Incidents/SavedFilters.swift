import FluentKit
import Foundation
import ZoneOpsDomain
import ZoneOpsStore

/// A person's saved queue filters (a name and the query string of the queue page), kept as one
/// setting per user.
public enum SavedFilters {
    public struct Filter: Codable, Sendable, Equatable {
        public var name: String
        public var query: String
    }

    static func key(_ userId: UUID) -> String { "filters." + userId.uuidString }
    public static let maxPerUser = 20

    public static func list(for userId: UUID, on db: any Database) async throws -> [Filter] {
        guard let row = try await SettingModel.query(on: db).filter(\.$key == key(userId)).first() else { return [] }
        return (try? JSONDecoder().decode([Filter].self, from: Data(row.value.utf8))) ?? []
    }

    /// Saves (or replaces by name) a filter. The query keeps only the queue's own parameters.
    public static func save(name: String, query: String, for userId: UUID, on db: any Database) async throws {
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...30).contains(name.count) else { throw AppError.invalid(field: "name", .incidentTextRequired) }
        let allowed: Set<String> = ["queue", "q", "status", "priority", "assignee"]
        let items = (URLComponents(string: "?" + query)?.queryItems ?? []).filter { allowed.contains($0.name) && !($0.value ?? "").isEmpty }
        var components = URLComponents()
        components.queryItems = items
        var filters = try await list(for: userId, on: db).filter { $0.name != name }
        guard filters.count < maxPerUser else { throw AppError.rule(code: "too_many_filters", .incidentTooManyFilters) }
        filters.append(Filter(name: name, query: components.percentEncodedQuery ?? ""))
        try await store(filters, for: userId, on: db)
    }

    public static func delete(name: String, for userId: UUID, on db: any Database) async throws {
        try await store(try await list(for: userId, on: db).filter { $0.name != name }, for: userId, on: db)
    }

    private static func store(_ filters: [Filter], for userId: UUID, on db: any Database) async throws {
        let value = String(decoding: try JSONEncoder().encode(filters), as: UTF8.self)
        if let row = try await SettingModel.query(on: db).filter(\.$key == key(userId)).first() {
            row.value = value
            try await row.save(on: db)
        } else {
            try await SettingModel(key: key(userId), value: value).create(on: db)
        }
    }
}
