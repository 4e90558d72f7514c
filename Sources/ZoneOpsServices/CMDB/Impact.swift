import FluentKit
import Foundation
import SQLKit
import ZoneOpsDomain
import ZoneOpsStore

/// The relation graph kept in memory between requests, with each CI's type: rebuilt after a
/// relation or CI changes in this process, and at most `lifetime` seconds old otherwise
/// (other instances' changes).
public final class RelationGraphCache: @unchecked Sendable {
    public struct Snapshot: Sendable {
        public var graph: ImpactGraph
        public var typeById: [String: String]
        public var builtAt: Date
    }

    public static let lifetime: TimeInterval = 30
    /// The object types whose committed changes clear the cache (`ServiceContext.didCommit`).
    public static let invalidatedBy: Set<String> = ["ci", "ci_relation"]
    private let lock = NSLock()
    private var cached: Snapshot?

    public init() {}

    public func snapshot(on db: any Database, now: Date = Date()) async throws -> Snapshot {
        if let cached = lock.withLock({ cached }), now.timeIntervalSince(cached.builtAt) < Self.lifetime { return cached }
        let graph = ImpactGraph(edges: try await Relations.edges(on: db))
        let rows = try await db.sql().raw("SELECT id, type_key FROM cis").all()
        var types: [String: String] = [:]
        types.reserveCapacity(rows.count)
        for row in rows {
            types[try row.decode(column: "id", as: UUID.self).uuidString] = try row.decode(column: "type_key", as: String.self)
        }
        let snapshot = Snapshot(graph: graph, typeById: types, builtAt: now)
        lock.withLock { cached = snapshot }
        return snapshot
    }

    public func clear() { lock.withLock { cached = nil } }
}

/// What fails with a CI: the whole impact counted by type, and the nearest `limit` CIs with
/// names, states and the chain of relations that reaches each. Plain values, for the page,
/// the API and (later) incident correlation alike.
public enum Impact {
    public static let defaultLimit = 200
    public static let maximumLimit = 5000

    public struct Item: Sendable, Equatable {
        public var id: String
        public var name: String
        public var type: String
        public var state: String
        public var depth: Int
        /// From the failed CI to this one: ids, their names, and the relation of each step.
        public var path: [String]
        public var pathNames: [String]
        public var via: [String]
    }

    public struct Result: Sendable {
        public var ci: String
        public var items: [Item]
        public var total: Int
        public var byType: [String: Int]
        public var milliseconds: Double
    }

    public static func of(_ id: UUID, limit: Int = defaultLimit, on db: any Database,
                          graphs: RelationGraphCache) async throws -> Result {
        let start = ContinuousClock.now
        let snapshot = try await graphs.snapshot(on: db)
        let (all, shown) = snapshot.graph.impact(of: id.uuidString, pathsFor: min(max(limit, 1), maximumLimit))
        var byType: [String: Int] = [:]
        for item in all { byType[snapshot.typeById[item] ?? "", default: 0] += 1 }
        let rows = try await summaries(of: Array(Set(shown.flatMap(\.path))), on: db)
        let items = shown.compactMap { item -> Item? in
            guard let row = rows[item.id] else { return nil }
            return Item(id: item.id, name: row.name, type: row.type, state: row.state, depth: item.depth, path: item.path,
                        pathNames: item.path.map { rows[$0]?.name ?? $0 }, via: item.via.map(\.rawValue))
        }
        let elapsed = ContinuousClock.now - start
        let ms = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        return Result(ci: id.uuidString, items: items, total: all.count, byType: byType, milliseconds: (ms * 100).rounded() / 100)
    }

    /// Name, type and state of the given CIs, read as plain columns (no models), 500 ids a query.
    static func summaries(of ids: [String], on db: any Database) async throws -> [String: (name: String, type: String, state: String)] {
        let sql = try db.sql()
        var result: [String: (name: String, type: String, state: String)] = [:]
        for chunk in stride(from: 0, to: ids.count, by: 500).map({ Array(ids[$0..<min($0 + 500, ids.count)]) }) {
            let binds = chunk.compactMap(UUID.init(uuidString:))
            let rows = try await sql.select().columns("id", "name", "type_key", "state").from(CIModel.schema)
                .where("id", .in, binds).all()
            for row in rows {
                result[try row.decode(column: "id", as: UUID.self).uuidString] = (
                    try row.decode(column: "name", as: String.self), try row.decode(column: "type_key", as: String.self),
                    try row.decode(column: "state", as: String.self))
            }
        }
        return result
    }
}
