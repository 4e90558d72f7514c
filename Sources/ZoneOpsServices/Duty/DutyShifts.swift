import FluentKit
import Foundation
import ZoneOpsDomain
import ZoneOpsStore

/// Single shifts set by hand, and swaps and covers asked for and decided. One person's shifts
/// never overlap, whichever roster they belong to: every write checks, and a refusal names the
/// shift in the way.
public enum DutyShifts {
    public struct Draft: Sendable {
        public var rosterId: UUID
        /// Username or user id.
        public var person: String
        public var start: Date
        public var end: Date
        public var note: String

        public init(rosterId: UUID, person: String, start: Date, end: Date, note: String = "") {
            self.rosterId = rosterId
            self.person = person
            self.start = start
            self.end = end
            self.note = note
        }
    }

    /// Adds a shift (`id` nil) or changes one. A shift that came from a swap or cover keeps its
    /// holder; if its times move, it is flagged for a lead to check that the swap still holds.
    public static func save(_ id: UUID?, _ draft: Draft, by actor: Actor, in ctx: ServiceContext) async throws -> UUID {
        let now = ctx.now()
        if let problem = DutyShiftRules.problem(start: draft.start, end: draft.end, now: now) {
            throw AppError.invalid(field: problem == .dutyEndBeforeStart ? "end" : "start", problem)
        }
        let note = String(draft.note.trimmedWhitespace.prefix(200))
        return try await ctx.audited(actor, action: AuditAction.shiftSave.rawValue, objectType: "duty_shift") { tx in
            guard try await RosterModel.find(draft.rosterId, on: tx) != nil else { throw AppError.notFound }
            guard let user = try await Rosters.staff(draft.person, on: tx), let userId = user.id else {
                throw AppError.invalid(field: "person", .dutyUnknownPerson)
            }
            let shift: DutyShiftModel
            var before: String?
            if let id {
                guard let found = try await DutyShiftModel.find(id, on: tx), found.rosterId == draft.rosterId else { throw AppError.notFound }
                shift = found
                before = AuditDraft.snapshot(ShiftSnapshot(found))
                let swapped = [ShiftOrigin.swap.rawValue, ShiftOrigin.override.rawValue].contains(found.origin)
                let moved = found.startsAt != draft.start || found.endsAt != draft.end
                if swapped, found.userId == userId, moved { shift.flag = "swap_edited" }
                if !swapped || found.userId != userId { shift.origin = ShiftOrigin.manual.rawValue }
            } else {
                shift = DutyShiftModel(rosterId: draft.rosterId, userId: userId, start: draft.start, end: draft.end,
                                       origin: ShiftOrigin.manual.rawValue, at: now)
            }
            try await refuseOverlap(userId, user.displayName, DateInterval(start: draft.start, end: draft.end), excluding: [id].compactMap { $0 }, on: tx)
            shift.userId = userId
            shift.startsAt = draft.start
            shift.endsAt = draft.end
            shift.note = note
            shift.updatedAt = now
            try await shift.save(on: tx)
            let shiftId = try shift.requireID()
            return (shiftId, shiftId.uuidString, before, AuditDraft.snapshot(ShiftSnapshot(shift)))
        }
    }

    public static func delete(_ id: UUID, by actor: Actor, in ctx: ServiceContext) async throws {
        try await ctx.audited(actor, action: AuditAction.shiftDelete.rawValue, objectType: "duty_shift") { tx in
            guard let shift = try await DutyShiftModel.find(id, on: tx) else { throw AppError.notFound }
            let before = AuditDraft.snapshot(ShiftSnapshot(shift))
            try await shift.delete(on: tx)
            return ((), id.uuidString, before, nil)
        }
    }

    /// Throws, naming the shift in the way, when the person has another shift overlapping `interval`.
    static func refuseOverlap(_ user: UUID, _ name: String, _ interval: DateInterval, excluding: [UUID], on db: any Database) async throws {
        var query = DutyShiftModel.query(on: db).filter(\.$userId == user)
            .filter(\.$startsAt < interval.end).filter(\.$endsAt > interval.start)
        if !excluding.isEmpty { query = query.filter(\.$id !~ excluding) }
        guard let clash = try await query.first() else { return }
        let roster = try await RosterModel.find(clash.rosterId, on: db)?.name ?? ""
        throw AppError.ruleDetail(code: "shift_overlap", .dutyOverlap, [name, "\(roster) \(clash.startsAt.beijingText)–\(clash.endsAt.beijingText)"])
    }

    // MARK: Swaps and covers

    public struct SwapDraft: Sendable {
        public var shiftId: UUID
        /// Who takes the shift (username or id).
        public var to: String
        /// For a swap: their shift that the holder takes in return.
        public var otherShiftId: UUID?
        public var reason: String

        public init(shiftId: UUID, to: String, otherShiftId: UUID? = nil, reason: String) {
            self.shiftId = shiftId
            self.to = to
            self.otherShiftId = otherShiftId
            self.reason = reason
        }
    }

    /// Asks for a swap or cover of a shift that has not ended: by its holder, or by a lead for anyone.
    public static func requestSwap(_ draft: SwapDraft, by actor: Actor, mayManage: Bool, in ctx: ServiceContext) async throws -> UUID {
        let now = ctx.now()
        let reason = String(draft.reason.trimmedWhitespace.prefix(500))
        return try await ctx.audited(actor, action: AuditAction.swapRequest.rawValue, objectType: "duty_swap") { tx in
            guard let shift = try await DutyShiftModel.find(draft.shiftId, on: tx) else { throw AppError.notFound }
            guard shift.endsAt > now else { throw AppError.rule(code: "shift_past", .dutyShiftPast) }
            let requester = actor.userId.flatMap(UUID.init(uuidString:))
            guard mayManage || requester == shift.userId, let requester else { throw AppError.forbidden(.dutySwapOwn) }
            var other: DutyShiftModel?
            if let otherId = draft.otherShiftId {
                guard let found = try await DutyShiftModel.find(otherId, on: tx), found.endsAt > now else {
                    throw AppError.invalid(field: "otherShiftId", .dutyOtherShiftRequired)
                }
                other = found
            }
            // A swap names the other shift; its holder is who takes this one.
            let toRef = draft.to.trimmedWhitespace.isEmpty ? (other?.userId.uuidString ?? "") : draft.to
            guard let to = try await Rosters.staff(toRef, on: tx), let toId = to.id else { throw AppError.invalid(field: "to", .dutyUnknownPerson) }
            guard toId != shift.userId else { throw AppError.invalid(field: "to", .dutySwapSame) }
            if let other, other.userId != toId { throw AppError.invalid(field: "otherShiftId", .dutyOtherShiftRequired) }
            let swap = DutySwapModel()
            swap.kind = (draft.otherShiftId == nil ? SwapKind.override : .swap).rawValue
            swap.shiftId = draft.shiftId
            swap.otherShiftId = draft.otherShiftId
            swap.fromUserId = shift.userId
            swap.toUserId = toId
            swap.requestedBy = requester
            swap.reason = reason
            swap.status = SwapStatus.pending.rawValue
            swap.createdAt = now
            try await swap.create(on: tx)
            let id = try swap.requireID()
            return (id, id.uuidString, nil, AuditDraft.snapshot(["shift": draft.shiftId.uuidString, "to": toId.uuidString,
                                                               "kind": swap.kind, "reason": reason]))
        }
    }

    /// A lead approves or rejects a pending request. Approval moves the shift(s) when their
    /// holders are still the ones asked about and nobody ends up on two shifts at once.
    public static func decideSwap(_ id: UUID, approve: Bool, by actor: Actor, in ctx: ServiceContext) async throws {
        let now = ctx.now()
        try await ctx.audited(actor, action: AuditAction.swapDecide.rawValue, objectType: "duty_swap") { tx in
            guard let swap = try await DutySwapModel.find(id, on: tx) else { throw AppError.notFound }
            guard swap.status == SwapStatus.pending.rawValue else { throw AppError.conflict(.dutySwapDecided) }
            if approve {
                guard let shift = try await DutyShiftModel.find(swap.shiftId, on: tx), shift.userId == swap.fromUserId else {
                    throw AppError.conflict(.dutySwapStale)
                }
                guard shift.endsAt > now else { throw AppError.rule(code: "shift_past", .dutyShiftPast) }
                var other: DutyShiftModel?
                if let otherId = swap.otherShiftId {
                    guard let found = try await DutyShiftModel.find(otherId, on: tx), found.userId == swap.toUserId else {
                        throw AppError.conflict(.dutySwapStale)
                    }
                    other = found
                }
                let users = try await DutyQueries.names([swap.fromUserId, swap.toUserId], on: tx)
                let moving = [shift.id, other?.id].compactMap { $0 }
                try await refuseOverlap(swap.toUserId, users[swap.toUserId]?.displayName ?? "?",
                                        DateInterval(start: shift.startsAt, end: shift.endsAt), excluding: moving, on: tx)
                if let other {
                    try await refuseOverlap(swap.fromUserId, users[swap.fromUserId]?.displayName ?? "?",
                                            DateInterval(start: other.startsAt, end: other.endsAt), excluding: moving, on: tx)
                }
                let origin = (SwapKind(rawValue: swap.kind) == .swap ? ShiftOrigin.swap : .override).rawValue
                shift.userId = swap.toUserId
                shift.origin = origin
                shift.flag = nil
                shift.updatedAt = now
                try await shift.save(on: tx)
                if let other {
                    other.userId = swap.fromUserId
                    other.origin = origin
                    other.flag = nil
                    other.updatedAt = now
                    try await other.save(on: tx)
                }
            }
            swap.status = (approve ? SwapStatus.approved : .rejected).rawValue
            swap.decidedByName = try await Changes.displayName(of: actor, on: tx)
            swap.decidedAt = now
            try await swap.save(on: tx)
            return ((), id.uuidString, nil, AuditDraft.snapshot(["status": swap.status]))
        }
    }
}

struct ShiftSnapshot: Encodable {
    var roster: UUID
    var user: UUID
    var start: Date
    var end: Date
    var origin: String
    var note: String

    init(_ shift: DutyShiftModel) {
        roster = shift.rosterId
        user = shift.userId
        start = shift.startsAt
        end = shift.endsAt
        origin = shift.origin
        note = shift.note
    }
}
