import FluentKit
import Foundation
import SQLKit
import ZoneOpsDomain
import ZoneOpsStore

/// Reads of lane traffic, as values: the lanes, their KPIs over a period (counted in the
/// database, one grouped query), and their latest passes.
public enum LaneQueries {
    public struct LaneInfo: Sendable, Equatable {
        public var id: UUID
        public var code: String
        public var name: String
        public var direction: String?
        public var laneType: String?
        public var gates: String?
    }

    public struct LaneKPI: Sendable {
        public var lane: LaneInfo
        public var figures: LaneFigures
        /// The lane's availability (its devices' state history, 7x24) over the same period.
        public var availability: Availability.Figure
    }

    public struct Report: Sendable {
        public var period: TimeSpan
        public var lanes: [LaneKPI]
        public var total: LaneFigures { lanes.reduce(LaneFigures()) { $0 + $1.figures } }
        public var availability: Availability.Figure { lanes.reduce(.empty) { $0 + $1.availability } }
    }

    /// One pass as lists show it.
    public struct PassRow: Sendable, Equatable {
        public var id: UUID
        public var laneId: UUID
        public var laneName: String
        public var seq: Int64
        public var arrivedAt: Date
        public var leftAt: Date?
        public var passSeconds: Double?
        public var plate: String?
        public var rfidPlate: String?
        public var icCard: String?
        public var containers: [String]
        public var containersRecognised: Bool?
        public var weightKg: Int?
        public var releaseNote: String?
        public var releaseStatus: ReleaseStatus?
        public var instruction: String?
        public var ledText: String?
        public var manual: Bool
        public var manualReason: String?
        public var approver: String?
    }

    public static let maxList = 500

    /// Every lane CI with a code, by code.
    public static func lanes(on db: any Database) async throws -> [LaneInfo] {
        try await CIModel.query(on: db).filter(\.$typeKey == "lane").all().compactMap { ci -> LaneInfo? in
            let attributes = ci.attributes
            guard let id = ci.id, let code = attributes["chnlNo"]?.trimmedWhitespace.nilIfEmpty else { return nil }
            return LaneInfo(id: id, code: code, name: ci.name, direction: attributes["direction"], laneType: attributes["laneType"], gates: attributes["gates"])
        }.sorted { $0.code < $1.code }
    }

    /// KPIs of every lane (or those named) over the period, by arrival time.
    public static func report(over period: TimeSpan, lanes only: Set<UUID>? = nil, on db: any Database) async throws -> Report {
        let lanes = try await lanes(on: db).filter { only?.contains($0.id) ?? true }
        let counted = try await figures(over: period, on: db)
        var rows: [LaneKPI] = []
        for lane in lanes {
            let availability = try await AvailabilityQueries.composite(lane.id, over: period, on: db).figure
            rows.append(LaneKPI(lane: lane, figures: counted[lane.id] ?? LaneFigures(), availability: availability))
        }
        return Report(period: period, lanes: rows)
    }

    /// Figures per lane, counted by the database.
    static func figures(over period: TimeSpan, on db: any Database) async throws -> [UUID: LaneFigures] {
        let rows = try await db.sql().raw("""
            SELECT lane_id, COUNT(*) AS passes,
                   SUM(CASE WHEN plate IS NOT NULL THEN 1 ELSE 0 END) AS plates,
                   SUM(CASE WHEN rfid_plate IS NOT NULL THEN 1 ELSE 0 END) AS rfid,
                   SUM(CASE WHEN containers <> '' THEN 1 ELSE 0 END) AS with_containers,
                   SUM(CASE WHEN containers_recognised THEN 1 ELSE 0 END) AS containers_read,
                   SUM(CASE WHEN manual THEN 1 ELSE 0 END) AS manual,
                   COUNT(pass_seconds) AS timed, SUM(pass_seconds) AS seconds
            FROM \(unsafeRaw: LanePassModel.schema)
            WHERE arrived_at >= \(bind: period.start) AND arrived_at < \(bind: period.end)
            GROUP BY lane_id
            """).all()
        var result: [UUID: LaneFigures] = [:]
        for row in rows {
            result[try row.decode(column: "lane_id", as: UUID.self)] = LaneFigures(
                passes: try row.decode(column: "passes", as: Int.self), platesRecognised: try row.decode(column: "plates", as: Int.self),
                rfidRead: try row.decode(column: "rfid", as: Int.self), withContainers: try row.decode(column: "with_containers", as: Int.self),
                containersRecognised: try row.decode(column: "containers_read", as: Int.self), manual: try row.decode(column: "manual", as: Int.self),
                timed: try row.decode(column: "timed", as: Int.self), passSeconds: try row.decode(column: "seconds", as: Double?.self) ?? 0)
        }
        return result
    }

    /// The latest passes, newest first: of one lane or all, optionally only manual releases.
    public static func recent(lane: UUID? = nil, manualOnly: Bool = false, limit: Int = 50, on db: any Database) async throws -> [PassRow] {
        var query = LanePassModel.query(on: db).sort(\.$arrivedAt, .descending).sort(\.$seq, .descending).limit(max(1, min(limit, maxList)))
        if let lane { query = query.filter(\.$laneId == lane) }
        if manualOnly { query = query.filter(\.$manual == true) }
        let passes = try await query.all()
        let names = Dictionary(try await lanes(on: db).map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        return passes.compactMap { pass in
            guard let id = pass.id else { return nil }
            return PassRow(id: id, laneId: pass.laneId, laneName: names[pass.laneId] ?? "", seq: pass.seq, arrivedAt: pass.arrivedAt,
                           leftAt: pass.leftAt, passSeconds: pass.passSeconds, plate: pass.plate, rfidPlate: pass.rfidPlate, icCard: pass.icCard,
                           containers: pass.containers.split(separator: ",").map(String.init),
                           containersRecognised: pass.containersRecognised, weightKg: pass.weightKg, releaseNote: pass.releaseNote,
                           releaseStatus: pass.releaseStatus.flatMap(ReleaseStatus.init(rawValue:)), instruction: pass.instruction,
                           ledText: pass.ledText, manual: pass.manual, manualReason: pass.manualReason, approver: pass.approver)
        }
    }

    /// Whether the camera read the plate, for a lane's latest passes (by seq, the order its controller reported them, newest first).
    static func recentRecognition(of lane: UUID, limit: Int, on db: any Database) async throws -> [Bool] {
        try await LanePassModel.query(on: db).filter(\.$laneId == lane).sort(\.$seq, .descending).limit(limit)
            .field(\.$plate).all().map { $0.plate != nil }
    }
}
