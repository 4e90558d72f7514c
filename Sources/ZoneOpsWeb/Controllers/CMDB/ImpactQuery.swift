import Fluent
import Foundation
import NIOConcurrencyHelpers
import ZoneOpsDomain
import ZoneOpsServices
import ZoneOpsStore

/// The relation graph kept in memory between requests: rebuilt after a relation or CI changes
/// in this process, and at most `lifetime` seconds old otherwise (other instances' changes).
final class RelationGraphCache: Sendable {
    static let lifetime: TimeInterval = 30
    static let invalidatedBy: Set<String> = ["ci", "ci_relation"]
    private let state = NIOLockedValueBox<(graph: ImpactGraph, builtAt: Date)?>(nil)

    func graph(on db: any Database, now: Date = Date()) async throws -> ImpactGraph {
        if let cached = state.withLockedValue({ $0 }), now.timeIntervalSince(cached.builtAt) < Self.lifetime {
            return cached.graph
        }
        let graph = ImpactGraph(edges: try await Relations.edges(on: db))
        state.withLockedValue { $0 = (graph, now) }
        return graph
    }

    func clear() { state.withLockedValue { $0 = nil } }
}

/// What fails with a CI: the impact graph walked, then names, types and states looked up.
enum ImpactQuery {
    static func run(for ci: CIModel, on db: any Database, graphs: RelationGraphCache) async throws -> ImpactDTO {
        let start = ContinuousClock.now
        let id = try ci.requireID()
        let impacted = try await graphs.graph(on: db).impact(of: id.uuidString)
        var rows: [UUID: CIModel] = [id: ci]
        let ids = impacted.compactMap { UUID(uuidString: $0.id) }
        for chunk in stride(from: 0, to: ids.count, by: 500).map({ Array(ids[$0..<min($0 + 500, ids.count)]) }) {
            for row in try await CIModel.query(on: db).filter(\.$id ~~ chunk).all() { if let key = row.id { rows[key] = row } }
        }
        let items = impacted.compactMap { item -> ImpactDTO.Item? in
            guard let key = UUID(uuidString: item.id), let row = rows[key] else { return nil }
            return ImpactDTO.Item(id: item.id, name: row.name, type: row.typeKey, state: row.state, depth: item.depth,
                                  path: item.path,
                                  pathNames: item.path.map { UUID(uuidString: $0).flatMap { rows[$0]?.name } ?? $0 },
                                  via: item.via.map(\.rawValue))
        }
        let elapsed = ContinuousClock.now - start
        let ms = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        return ImpactDTO(ci: id.uuidString, items: items, total: items.count, milliseconds: (ms * 100).rounded() / 100)
    }
}
