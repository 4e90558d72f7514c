import FluentKit
import Foundation
import ZoneOpsDomain
import ZoneOpsStore

extension SpareParts {
    /// One movement of stock, as people read it: what, how many, where, on which CI, by whom.
    public struct Movement: Sendable, Equatable {
        public var at: Date
        public var kind: SpareMovementKind?
        public var delta: Int
        public var partId: UUID
        public var partName: String
        public var unit: String
        public var place: String
        public var ciId: UUID?
        public var ciName: String?
        public var note: String?
        public var actorName: String
    }

    /// The newest movements of one part (its card), at most `limit`.
    public static func history(ofPart partId: UUID, limit: Int = 200, on db: any Database) async throws -> [Movement] {
        try await movements(SpareMovementModel.query(on: db).filter(\.$part.$id == partId), limit: limit, on: db)
    }

    /// The parts used on, or returned from, one CI (its repair record), newest first.
    public static func history(ofCI ciId: UUID, limit: Int = 200, on db: any Database) async throws -> [Movement] {
        try await movements(SpareMovementModel.query(on: db).filter(\.$ci.$id == ciId), limit: limit, on: db)
    }

    private static func movements(_ query: QueryBuilder<SpareMovementModel>, limit: Int,
                                  on db: any Database) async throws -> [Movement] {
        let rows = try await query.with(\.$part).with(\.$ci).sort(\.$at, .descending).limit(limit).all()
        let places = try await LocationModel.query(on: db).all()
        let paths = Dictionary(uniqueKeysWithValues: places.compactMap { place in place.id.map { ($0, Locations.path(of: place, in: places)) } })
        return rows.map { row in
            Movement(at: row.at, kind: SpareMovementKind(rawValue: row.kind), delta: row.delta, partId: row.$part.id,
                     partName: row.part.name, unit: row.part.unit, place: paths[row.$location.id] ?? "—",
                     ciId: row.$ci.id, ciName: row.ci?.name, note: row.note, actorName: row.actorName)
        }
    }
}
