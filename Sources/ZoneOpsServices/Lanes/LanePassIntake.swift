import FluentKit
import Foundation
import SQLKit
import Synchronization
import ZoneOpsDomain
import ZoneOpsStore
import ZoneOpsWire

/// Takes pass reports from lane controllers (and the simulated zone's, which use the same path):
/// checks every report, finds each lane by its code, and writes the batch on the bulk path in one
/// transaction, keeping each (lane, seq) once, so a controller may resend whatever it is unsure
/// was received. Answers how many were new and how many it already had.
///
/// After each batch it watches the plate cameras of the lanes it touched through their results
/// (`RecognitionWatch`): a camera that stops reading plates raises an event on the monitoring
/// pipeline (source `lane`, check `plate_recognition`, minor: the camera is degraded, vehicles
/// go to manual release), and an ok once it reads again, so the incident opens and resolves the
/// way any monitored fault does.
public final class LanePassIntake: Sendable {
    public struct Outcome: Sendable, Equatable {
        public var accepted: Int
        public var duplicates: Int
    }

    /// The object type `ServiceContext.didCommit` hears after a batch (the live lane pages).
    public static let objectType = "lane_pass"
    public static let source = "lane"
    public static let check = "plate_recognition"

    public let ctx: ServiceContext
    private let events: EventIntake?
    private let state = Mutex(State())

    struct State {
        var lanes = LaneDirectory()
        var loadedAt: Date?
        /// Each lane's last recognition verdict (true: failing).
        var verdicts: [UUID: Bool] = [:]
    }

    public init(ctx: ServiceContext, events: EventIntake?) {
        self.ctx = ctx
        self.events = events
    }

    /// Checks all reports first (every problem named, by index in a batch) and writes all or none.
    public func accept(_ messages: [LanePassMessage]) async throws -> Outcome {
        guard !messages.isEmpty else { return Outcome(accepted: 0, duplicates: 0) }
        guard messages.count <= LanePass.maxBatch else { throw AppError.invalid(field: "body", .laneTooMany) }
        let now = ctx.now()
        var passes: [LanePass] = []
        var problems: [FieldProblem] = []
        for (index, message) in messages.enumerated() {
            do {
                passes.append(try LanePass.make(message, now: now, prefix: messages.count > 1 ? "[\(index)]." : ""))
            } catch AppError.invalidFields(let found) {
                problems += found
            }
            if problems.count > 20 { break }
        }
        if !problems.isEmpty { throw AppError.invalidFields(problems) }
        let lanes = try await directory(knowing: Set(passes.map(\.lane)))
        for (index, pass) in passes.enumerated() where lanes.byCode[pass.lane] == nil {
            problems.append(.init(field: (passes.count > 1 ? "[\(index)]." : "") + "lane", text: .laneUnknown))
            if problems.count > 20 { break }
        }
        if !problems.isEmpty { throw AppError.invalidFields(problems) }
        let rows: [[any Encodable & Sendable]] = passes.map { pass in
            let lane = lanes.byCode[pass.lane]!.id
            let photos = String(decoding: (try? JSONEncoder().encode(pass.photos)) ?? Data("[]".utf8), as: UTF8.self)
            return [UUID.timeOrdered(at: now), lane, pass.seq, now, pass.arrivedAt, pass.recognisedAt, pass.repliedAt, pass.leftAt, pass.plate,
                    pass.rfidPlate, pass.icCard, pass.containers.joined(separator: ","), pass.containersRecognised, pass.weightKg, photos,
                    pass.releaseNote, pass.releaseStatus?.rawValue, pass.instruction, pass.ledText, pass.passSeconds, pass.manual,
                    pass.manualReason, pass.approver]
        }
        let accepted = try await ctx.writer.write(on: ctx.db) { tx in
            var query = SQLQueryString("INSERT INTO " + LanePassModel.schema + " (" + LanePassModel.columns.joined(separator: ", ") + ") VALUES ")
            for (offset, row) in rows.enumerated() {
                query.appendLiteral(offset == 0 ? "(" : ", (")
                query.appendInterpolation(binds: row)
                query.appendLiteral(")")
            }
            query.appendLiteral(" ON CONFLICT (lane_id, seq) DO NOTHING RETURNING id")
            return try await tx.sql().raw(query).all().count
        }
        if accepted > 0 {
            ctx.didCommit(Self.objectType)
            try await watch(lanes: Set(passes.map { lanes.byCode[$0.lane]!.id }), directory: lanes, at: now)
        }
        return Outcome(accepted: accepted, duplicates: passes.count - accepted)
    }

    /// The lanes, reloaded when a report names a code not yet known (at most every 5 s).
    func directory(knowing codes: Set<String>) async throws -> LaneDirectory {
        let (known, stale) = state.withLock { state -> (LaneDirectory, Bool) in
            let missing = !codes.isSubset(of: state.lanes.byCode.keys)
            let age = state.loadedAt.map { Date().timeIntervalSince($0) } ?? .infinity
            return (state.lanes, state.loadedAt == nil || (missing && age > 5) || age > 300)
        }
        guard stale else { return known }
        let fresh = try await LaneDirectory.load(on: ctx.db)
        state.withLock { state in
            state.lanes = fresh
            state.loadedAt = Date()
        }
        return fresh
    }

    /// Forgets the lanes (a lane CI was added, renamed or recoded).
    public func reloadLanes() { state.withLock { $0.loadedAt = nil } }

    /// Judges each lane's plate recognition over its latest passes and tells the pipeline when a
    /// verdict changes. After a restart the first verdict is compared with what is still firing.
    func watch(lanes ids: Set<UUID>, directory: LaneDirectory, at now: Date) async throws {
        guard let events else { return }
        var raised: [IncomingEvent] = []
        for id in ids.sorted(by: { $0.uuidString < $1.uuidString }) {
            guard let lane = directory.byId[id] else { continue }
            let recent = try await LaneQueries.recentRecognition(of: id, limit: RecognitionWatch.window, on: ctx.db)
            let previous = state.withLock { $0.verdicts[id] }
            guard let failing = RecognitionWatch.verdict(recent: recent, previous: previous), failing != previous else { continue }
            let share = recent.isEmpty ? 0 : Int((Double(recent.filter { $0 }.count) / Double(recent.count) * 100).rounded())
            let summary = failing
                ? "\(lane.name)车牌自动识别率 \(share)%（最近 \(recent.count) 车），车辆转人工放行"
                : "\(lane.name)车牌自动识别恢复：\(share)%（最近 \(recent.count) 车）"
            let event = try IncomingEvent.make(source: Self.source, ciRef: (lane.plateCamera ?? id).uuidString, host: nil, check: Self.check,
                                               severity: failing ? "minor" : "ok", summary: summary, fingerprint: nil,
                                               labels: ["lane": lane.code], occurredAt: now)
            if previous == nil, !failing {
                // First look since start: an ok only clears what an earlier run left firing.
                let firing = try await AlertModel.query(on: ctx.db).filter(\.$fingerprint == event.fingerprint)
                    .filter(\.$status == "firing").count()
                state.withLock { $0.verdicts[id] = failing }
                if firing == 0 { continue }
            }
            state.withLock { $0.verdicts[id] = failing }
            raised.append(event)
        }
        if !raised.isEmpty { try await events.accept(raised) }
    }
}

/// The lane CIs by code (their `chnlNo` attribute), with the plate camera each one's recognition
/// is judged on (the front one when the lane has several).
struct LaneDirectory: Sendable {
    struct Lane: Sendable {
        var id: UUID
        var code: String
        var name: String
        var plateCamera: UUID?
    }

    var byCode: [String: Lane] = [:]
    var byId: [UUID: Lane] = [:]

    static func load(on db: any Database) async throws -> LaneDirectory {
        var directory = LaneDirectory()
        let lanes = try await CIModel.query(on: db).filter(\.$typeKey == "lane").all()
        let ids = try lanes.map { try $0.requireID() }
        var cameras: [UUID: (UUID, Bool)] = [:]
        if !ids.isEmpty {
            let parts = try await CIRelationModel.query(on: db).filter(\.$target.$id ~~ ids).filter(\.$type == RelationType.partOf.rawValue).all()
            let members = Dictionary(parts.map { ($0.$source.id, $0.$target.id) }, uniquingKeysWith: { first, _ in first })
            if !members.isEmpty {
                let found = try await CIModel.query(on: db).filter(\.$id ~~ Array(members.keys)).filter(\.$typeKey == "plate_camera")
                    .sort(\.$assetTag).all()
                for camera in found {
                    guard let id = camera.id, let lane = members[id] else { continue }
                    let front = camera.attributes["position"] == "front"
                    if cameras[lane] == nil || (front && cameras[lane]?.1 == false) { cameras[lane] = (id, front) }
                }
            }
        }
        for ci in lanes {
            guard let id = ci.id, let code = ci.attributes["chnlNo"]?.trimmedWhitespace.nilIfEmpty else { continue }
            let lane = Lane(id: id, code: code, name: ci.name, plateCamera: cameras[id]?.0)
            directory.byCode[code] = lane
            directory.byId[id] = lane
        }
        return directory
    }
}
