import Fluent
import Foundation
import NIOConcurrencyHelpers
import SQLKit
import ZoneOpsDomain
import ZoneOpsServices
import ZoneOpsStore

/// The relation graph kept in memory between requests, with each CI's type: rebuilt after a
/// relation or CI changes in this process, and at most `lifetime` seconds old otherwise
/// (other instances' changes).
final class RelationGraphCache: Sendable {
    struct Snapshot: Sendable {
        var graph: ImpactGraph
        var typeById: [String: String]
        var builtAt: Date
    }

    static let lifetime: TimeInterval = 30
    static let invalidatedBy: Set<String> = ["ci", "ci_relation"]
    private let state = NIOLockedValueBox<Snapshot?>(nil)

    func snapshot(on db: any Database, now: Date = Date()) async throws -> Snapshot {
        if let cached = state.withLockedValue({ $0 }), now.timeIntervalSince(cached.builtAt) < Self.lifetime { return cached }
        let graph = ImpactGraph(edges: try await Relations.edges(on: db))
        let rows = try await (db as! any SQLDatabase).raw("SELECT id, type_key FROM cis").all()
        var types: [String: String] = [:]
        types.reserveCapacity(rows.count)
        for row in rows {
            types[try row.decode(column: "id", as: UUID.self).uuidString] = try row.decode(column: "type_key", as: String.self)
        }
        let snapshot = Snapshot(graph: graph, typeById: types, builtAt: now)
        state.withLockedValue { $0 = snapshot }
        return snapshot
    }

    func clear() { state.withLockedValue { $0 = nil } }
}

/// What fails with a CI: the whole impact counted by type, and the nearest `limit` CIs with
/// names, states and the chain of relations that reaches each.
enum ImpactQuery {
    static let defaultLimit = 200
    static let maximumLimit = 5000

    static func run(for ci: CIModel, limit: Int = defaultLimit, on db: any Database,
                    graphs: RelationGraphCache) async throws -> ImpactDTO {
        let start = ContinuousClock.now
        let id = try ci.requireID()
        let snapshot = try await graphs.snapshot(on: db)
        let (all, shown) = snapshot.graph.impact(of: id.uuidString, pathsFor: min(max(limit, 1), maximumLimit))
        var byType: [String: Int] = [:]
        for item in all { byType[snapshot.typeById[item] ?? "", default: 0] += 1 }
        let needed = Set(shown.flatMap(\.path))
        let rows = try await summaries(of: Array(needed), on: db)
        let items = shown.compactMap { item -> ImpactDTO.Item? in
            guard let row = rows[item.id] else { return nil }
            return ImpactDTO.Item(id: item.id, name: row.name, type: row.type, state: row.state, depth: item.depth, path: item.path,
                                  pathNames: item.path.map { rows[$0]?.name ?? $0 }, via: item.via.map(\.rawValue))
        }
        let elapsed = ContinuousClock.now - start
        let ms = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        return ImpactDTO(ci: id.uuidString, items: items, total: all.count, byType: byType,
                         milliseconds: (ms * 100).rounded() / 100)
    }

    /// Name, type and state of the given CIs, read as plain columns (no models), 500 ids a query.
    static func summaries(of ids: [String], on db: any Database) async throws -> [String: (name: String, type: String, state: String)] {
        let sql = db as! any SQLDatabase
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
