import FluentKit
import Foundation
import SQLKit
import ZoneOpsDomain
import ZoneOpsStore

/// The status boards: plain values the page, the wall and the phone view render, re-read when
/// the live channel says a CI's state changed.
public enum Boards {
    public enum Kind: String, CaseIterable, Sendable {
        case machineRoom = "machine-room", network, video, lanes, systems
    }

    public struct Tile: Sendable, Equatable {
        public var id: String
        public var name: String
        public var type: String
        public var state: OperationalState
    }

    public struct Group: Sendable, Equatable {
        public var title: String
        /// The CI the group stands for (an NVR, a lane, a business system), if any.
        public var ciId: String?
        public var state: OperationalState
        public var tiles: [Tile]
        /// A lane whose plate camera is not reading plates (the lane watch's alert is firing): it
        /// still lets vehicles through, by manual release (DOMAIN.md's lane state).
        public var manualRelease = false
        public var up: Int { tiles.filter { $0.state == .up }.count }
    }

    public struct Board: Sendable, Equatable {
        public var kind: Kind
        public var groups: [Group]
        public var counts: [OperationalState: Int]
        public var total: Int
    }

    /// The roll-up of a group: down if anything is down, degraded if anything is degraded or in
    /// maintenance, unknown only when nothing is known, else up.
    public static func rollUp(_ states: [OperationalState]) -> OperationalState {
        if states.contains(.down) { return .down }
        if states.contains(.degraded) { return .degraded }
        if states.contains(.maintenance) { return .maintenance }
        if states.isEmpty || states.allSatisfy({ $0 == .unknown }) { return .unknown }
        return .up
    }

    struct Row { var id: UUID; var name: String; var type: String; var state: OperationalState; var location: String? }

    public static func board(_ kind: Kind, typeNames: [String: String] = [:], on db: any Database) async throws -> Board {
        let sql = try db.sql()
        var locations: [UUID: String] = [:]
        for location in try await LocationModel.query(on: db).all() { if let id = location.id { locations[id] = location.name } }
        let domains: [String: String] = Dictionary(try await CITypeModel.query(on: db).all().map { ($0.key, $0.domain) }, uniquingKeysWith: { a, _ in a })
        var rows: [UUID: Row] = [:]
        for row in try await sql.select().columns("id", "name", "type_key", "state", "location_id", "status").from(CIModel.schema).all() {
            guard try row.decode(column: "status", as: String.self) == LifecycleStatus.inUse.rawValue else { continue }
            let id = try row.decode(column: "id", as: UUID.self)
            rows[id] = Row(id: id, name: try row.decode(column: "name", as: String.self), type: try row.decode(column: "type_key", as: String.self),
                           state: OperationalState(rawValue: try row.decode(column: "state", as: String.self)) ?? .unknown,
                           location: try row.decode(column: "location_id", as: UUID?.self).flatMap { locations[$0] })
        }
        var members: [UUID: [UUID]] = [:]   // target -> sources (what is part of / depends on it)
        var uses: [UUID: [UUID]] = [:]      // source -> targets (what it depends on)
        for edge in try await CIRelationModel.query(on: db).all() where RelationType(rawValue: edge.type)?.carriesImpact ?? false {
            members[edge.$target.id, default: []].append(edge.$source.id)
            uses[edge.$source.id, default: []].append(edge.$target.id)
        }
        func tile(_ row: Row) -> Tile { Tile(id: row.id.uuidString, name: row.name, type: typeNames[row.type] ?? row.type, state: row.state) }
        func sorted(_ list: [Row]) -> [Row] { list.sorted { ($0.type, $0.name) < ($1.type, $1.name) } }
        func grouped(_ list: [Row], by key: (Row) -> String) -> [Group] {
            Dictionary(grouping: list, by: key).sorted { $0.key < $1.key }.map { title, rows in
                let tiles = sorted(rows).map(tile)
                return Group(title: title, ciId: nil, state: rollUp(tiles.map(\.state)), tiles: tiles)
            }
        }
        /// A root with what belongs to it, `depth` hops along `edges`.
        func composite(_ root: Row, _ edges: [UUID: [UUID]], depth: Int) -> Group {
            var seen: Set<UUID> = [root.id]
            var frontier = [root.id]
            var found: [Row] = []
            for _ in 0..<depth {
                frontier = frontier.flatMap { edges[$0] ?? [] }.filter { seen.insert($0).inserted }
                found += frontier.compactMap { rows[$0] }
            }
            let tiles = [tile(root)] + sorted(found).map(tile)
            return Group(title: root.name, ciId: root.id.uuidString, state: rollUp(tiles.map(\.state)), tiles: tiles)
        }
        let all = Array(rows.values)
        var groups: [Group]
        var counted: [Row]
        switch kind {
        case .network:
            counted = all.filter { domains[$0.type] == CIDomain.network.rawValue }
            groups = grouped(counted) { typeNames[$0.type] ?? $0.type }
        case .machineRoom:
            counted = all.filter { domains[$0.type] == CIDomain.machineRoom.rawValue }
            groups = grouped(counted) { $0.location ?? "—" }
        case .video:
            counted = all.filter { domains[$0.type] == CIDomain.video.rawValue }
            let nvrs = counted.filter { $0.type == "nvr" }.sorted { $0.name < $1.name }.map { composite($0, members, depth: 2) }
            let cameras = counted.filter { $0.type == "camera" }
            groups = nvrs + grouped(cameras) { $0.location ?? "—" }
        case .lanes:
            let lanes = all.filter { $0.type == "lane" }.sorted { $0.name < $1.name }
            groups = lanes.map { composite($0, members, depth: 2) }
            let blind = Set(try await AlertModel.query(on: db).filter(\.$check == LanePassIntake.check).filter(\.$status == "firing")
                .filter(\.$closedAt == nil).all().compactMap { $0.ciId?.uuidString })
            for index in groups.indices where groups[index].tiles.contains(where: { blind.contains($0.id) }) { groups[index].manualRelease = true }
            counted = lanes
        case .systems:
            let systems = all.filter { $0.type == "business_system" }.sorted { $0.name < $1.name }
            groups = systems.map { composite($0, uses, depth: 3) }
            counted = systems
        }
        var counts: [OperationalState: Int] = [:]
        for row in counted { counts[kind == .lanes || kind == .systems ? groups.first { $0.ciId == row.id.uuidString }?.state ?? row.state : row.state, default: 0] += 1 }
        return Board(kind: kind, groups: groups, counts: counts, total: counted.count)
    }
}
