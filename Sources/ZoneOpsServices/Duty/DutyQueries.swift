import FluentKit
import Foundation
import ZoneOpsDomain
import ZoneOpsStore

/// Reads of duty: rosters, shifts in a range, who is on duty now, the gaps ahead, the swaps
/// waiting. Values only; pages and the API render them.
///
/// Seam for escalation and notifications: `onDuty(at:)` answers who holds a shift of which
/// roster at an instant, and `gaps(from:days:calendar:)` where nobody does, so a policy step
/// "notify the on-call of roster X" resolves to people or, in a gap, to its fallback.
public enum DutyQueries {
    public struct RosterRow: Sendable, Equatable {
        public var id: UUID
        public var name: String
        public var kind: DutyKind
        public var plan: DutyPlan
        public var rotation: DutyRotation
        public var participantNames: [String]
        public var participantUsernames: [String]
        public var active: Bool
    }

    public struct ShiftRow: Sendable, Equatable {
        public var id: UUID
        public var rosterId: UUID
        public var rosterName: String
        public var kind: DutyKind
        public var userId: UUID
        public var userName: String
        public var username: String
        public var mobile: String?
        public var start: Date
        public var end: Date
        public var origin: ShiftOrigin
        public var note: String
        public var flagged: Bool
    }

    public struct OnCall: Sendable, Equatable {
        public var roster: RosterRow
        public var people: [ShiftRow]
        public var next: ShiftRow?
    }

    public struct Gap: Sendable, Equatable {
        public var roster: RosterRow
        public var intervals: [DateInterval]
    }

    public struct SwapRow: Sendable, Equatable {
        public var id: UUID
        public var kind: SwapKind
        public var status: SwapStatus
        public var shift: ShiftRow
        public var otherShift: ShiftRow?
        public var fromName: String
        public var toName: String
        public var requestedBy: UUID
        public var reason: String
        public var createdAt: Date
        public var decidedByName: String?
    }

    static func definition(of roster: RosterModel) throws -> (DutyPlan, DutyRotation) {
        guard let kind = DutyKind(rawValue: roster.kind), let from = CalendarDate(parsing: roster.startsOn) else { throw AppError.notFound }
        let plan = DutyPlan(kind: kind, shiftHours: roster.shiftHours, handoffMinute: roster.handoffMinute, from: from,
                            until: roster.endsOn.flatMap(CalendarDate.init(parsing:)))
        return (plan, DutyRotation(participants: DutyJSON.ids(roster.participants), staffing: roster.staffing, rotateEvery: roster.rotateEvery))
    }

    public static func rosters(activeOnly: Bool = false, on db: any Database) async throws -> [RosterRow] {
        var query = RosterModel.query(on: db).sort(\.$name)
        if activeOnly { query = query.filter(\.$active == true) }
        let models = try await query.all()
        let ids = Set(models.flatMap { DutyJSON.ids($0.participants) })
        let users = try await names(Array(ids), on: db)
        return models.compactMap { model in
            guard let id = model.id, let (plan, rotation) = try? definition(of: model) else { return nil }
            return RosterRow(id: id, name: model.name, kind: plan.kind, plan: plan, rotation: rotation,
                             participantNames: rotation.participants.map { users[$0]?.displayName ?? "?" },
                             participantUsernames: rotation.participants.map { users[$0]?.username ?? "?" }, active: model.active)
        }
    }

    public static func roster(_ id: UUID, on db: any Database) async throws -> RosterRow {
        guard let row = try await rosters(on: db).first(where: { $0.id == id }) else { throw AppError.notFound }
        return row
    }

    /// Shifts overlapping `[from, to)`, of one roster or one person if given, in time order.
    public static func shifts(from: Date, to: Date, roster: UUID? = nil, user: UUID? = nil, limit: Int = 2_000,
                              on db: any Database) async throws -> [ShiftRow] {
        var query = DutyShiftModel.query(on: db).filter(\.$startsAt < to).filter(\.$endsAt > from)
        if let roster { query = query.filter(\.$rosterId == roster) }
        if let user { query = query.filter(\.$userId == user) }
        return try await rows(query.sort(\.$startsAt).limit(limit).all(), on: db)
    }

    public static func shift(_ id: UUID, on db: any Database) async throws -> ShiftRow {
        guard let model = try await DutyShiftModel.find(id, on: db), let row = try await rows([model], on: db).first else { throw AppError.notFound }
        return row
    }

    static func rows(_ models: [DutyShiftModel], on db: any Database) async throws -> [ShiftRow] {
        guard !models.isEmpty else { return [] }
        let rosters = try await RosterModel.query(on: db).filter(\.$id ~~ Set(models.map(\.rosterId))).all()
        let byId = Dictionary(rosters.compactMap { r in r.id.map { ($0, r) } }, uniquingKeysWith: { a, _ in a })
        let users = try await names(Array(Set(models.map(\.userId))), on: db)
        return models.compactMap { model in
            guard let id = model.id, let roster = byId[model.rosterId] else { return nil }
            let user = users[model.userId]
            return ShiftRow(id: id, rosterId: model.rosterId, rosterName: roster.name, kind: DutyKind(rawValue: roster.kind) ?? .onsite,
                            userId: model.userId, userName: user?.displayName ?? "?", username: user?.username ?? "?", mobile: user?.mobile,
                            start: model.startsAt, end: model.endsAt, origin: ShiftOrigin(rawValue: model.origin) ?? .manual,
                            note: model.note, flagged: model.flag != nil)
        }
    }

    static func names(_ ids: [UUID], on db: any Database) async throws -> [UUID: UserModel] {
        guard !ids.isEmpty else { return [:] }
        let users = try await UserModel.query(on: db).filter(\.$id ~~ ids).all()
        return Dictionary(users.compactMap { u in u.id.map { ($0, u) } }, uniquingKeysWith: { a, _ in a })
    }

    /// Who holds a shift of each active roster at `now`, and the next shift to start.
    public static func onCall(at now: Date, on db: any Database) async throws -> [OnCall] {
        let rosters = try await rosters(activeOnly: true, on: db)
        let current = try await shifts(from: now, to: now.addingTimeInterval(0.001), on: db)
        var result: [OnCall] = []
        for roster in rosters {
            let next = try await DutyShiftModel.query(on: db).filter(\.$rosterId == roster.id).filter(\.$startsAt > now)
                .sort(\.$startsAt).first()
            let nextRow = try await rows(next.map { [$0] } ?? [], on: db).first
            result.append(OnCall(roster: roster, people: current.filter { $0.rosterId == roster.id }, next: nextRow))
        }
        return result
    }

    /// The people on duty at `now` (any roster, or the given kinds), for dispatch to suggest.
    public static func onDuty(at now: Date, kinds: Set<DutyKind> = Set(DutyKind.allCases), on db: any Database) async throws -> [ShiftRow] {
        let rosterIds = try await RosterModel.query(on: db).filter(\.$active == true).filter(\.$kind ~~ kinds.map(\.rawValue)).all().compactMap(\.id)
        guard !rosterIds.isEmpty else { return [] }
        let models = try await DutyShiftModel.query(on: db).filter(\.$rosterId ~~ rosterIds)
            .filter(\.$startsAt <= now).filter(\.$endsAt > now).sort(\.$startsAt).all()
        return try await rows(models, on: db)
    }

    /// For each active roster with any, the times in the next `days` days that its plan needs
    /// staffed and no shift covers.
    public static func gaps(from now: Date, days: Int = 7, calendar: BusinessCalendar, on db: any Database) async throws -> [Gap] {
        let end = now.addingTimeInterval(TimeInterval(days) * 86_400)
        let first = CalendarDate.today(now).adding(days: -1)
        let last = CalendarDate.today(end)
        var gaps: [Gap] = []
        for roster in try await rosters(activeOnly: true, on: db) {
            let slots = roster.plan.slots(from: first, through: last, calendar: calendar).compactMap { slot -> DateInterval? in
                let start = max(slot.start, now), stop = min(slot.end, end)
                return stop > start ? DateInterval(start: start, end: stop) : nil
            }
            guard !slots.isEmpty else { continue }
            let shifts = try await DutyShiftModel.query(on: db).filter(\.$rosterId == roster.id)
                .filter(\.$startsAt < end).filter(\.$endsAt > now).all().map { DateInterval(start: $0.startsAt, end: $0.endsAt) }
            let open = DutyCoverage.gaps(slots: slots, shifts: shifts)
            if !open.isEmpty { gaps.append(Gap(roster: roster, intervals: open)) }
        }
        return gaps
    }

    /// Swap requests: the pending ones, or a person's (asked by them or touching their shifts).
    public static func swaps(status: SwapStatus? = .pending, involving user: UUID? = nil, limit: Int = 100, on db: any Database) async throws -> [SwapRow] {
        var query = DutySwapModel.query(on: db).sort(\.$createdAt, .descending).limit(limit)
        if let status { query = query.filter(\.$status == status.rawValue) }
        if let user {
            query = query.group(.or) { $0.filter(\.$fromUserId == user).filter(\.$toUserId == user).filter(\.$requestedBy == user) }
        }
        let models = try await query.all()
        let shiftIds = Set(models.flatMap { [$0.shiftId] + ($0.otherShiftId.map { [$0] } ?? []) })
        let shifts = try await rows(try await DutyShiftModel.query(on: db).filter(\.$id ~~ shiftIds).all(), on: db)
        let byId = Dictionary(shifts.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let users = try await names(Array(Set(models.flatMap { [$0.fromUserId, $0.toUserId] })), on: db)
        return models.compactMap { model in
            guard let id = model.id, let shift = byId[model.shiftId] else { return nil }
            return SwapRow(id: id, kind: SwapKind(rawValue: model.kind) ?? .override, status: SwapStatus(rawValue: model.status) ?? .pending,
                           shift: shift, otherShift: model.otherShiftId.flatMap { byId[$0] },
                           fromName: users[model.fromUserId]?.displayName ?? "?", toName: users[model.toUserId]?.displayName ?? "?",
                           requestedBy: model.requestedBy, reason: model.reason, createdAt: model.createdAt, decidedByName: model.decidedByName)
        }
    }
}

extension DutyQueries {
    public struct Person: Sendable, Equatable {
        public var id: UUID
        public var username: String
        public var name: String
    }

    /// The active O&M accounts that can stand duty, by name.
    public static func staff(on db: any Database) async throws -> [Person] {
        try await UserModel.query(on: db).filter(\.$isActive == true).filter(\.$role ~~ Rosters.dutyRoles.map(\.rawValue))
            .sort(\.$displayName).limit(500).all().compactMap { user in
                user.id.map { Person(id: $0, username: user.username, name: user.displayName) }
            }
    }
}
