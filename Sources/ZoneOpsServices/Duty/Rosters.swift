import FluentKit
import Foundation
import ZoneOpsDomain
import ZoneOpsStore

/// Rosters (值班表): saved with their plan and rotation, and their shifts generated from them.
/// Each step is one audited transaction; reads live in `DutyQueries`, single shifts and swaps in
/// `DutyShifts`.
public enum Rosters {
    public struct Draft: Sendable {
        public var name: String
        public var kind: DutyKind
        public var from: String
        public var until: String?
        public var shiftHours: Int
        /// "hh:mm".
        public var handoff: String
        /// Usernames (or user ids) in rotation order.
        public var participants: [String]
        public var staffing: Int
        public var rotateEvery: Int

        public init(name: String, kind: DutyKind, from: String, until: String? = nil, shiftHours: Int = 12, handoff: String = "08:00",
                    participants: [String], staffing: Int = 1, rotateEvery: Int = 1) {
            self.name = name
            self.kind = kind
            self.from = from
            self.until = until
            self.shiftHours = shiftHours
            self.handoff = handoff
            self.participants = participants
            self.staffing = staffing
            self.rotateEvery = rotateEvery
        }
    }

    /// Roles that stand duty: the O&M team.
    public static let dutyRoles: Set<Role> = [.lead, .engineer, .duty]

    public static func save(_ id: UUID?, _ draft: Draft, by actor: Actor, in ctx: ServiceContext) async throws -> RosterModel {
        let now = ctx.now()
        return try await ctx.audited(actor, action: AuditAction.rosterSave.rawValue, objectType: "roster") { tx in
            let (plan, rotation, name) = try await validate(draft, on: tx)
            let roster: RosterModel
            if let id {
                guard let found = try await RosterModel.find(id, on: tx) else { throw AppError.notFound }
                roster = found
            } else {
                roster = RosterModel()
                roster.createdAt = now
                roster.active = true
            }
            let sameName = try await RosterModel.query(on: tx).filter(\.$name == name).first()
            if let sameName, sameName.id != roster.id { throw AppError.invalid(field: "name", .dutyNameTaken) }
            let before = id == nil ? nil : AuditDraft.snapshot(RosterSnapshot(roster))
            roster.name = name
            roster.kind = plan.kind.rawValue
            roster.shiftHours = plan.shiftHours
            roster.handoffMinute = plan.handoffMinute
            roster.startsOn = plan.from.description
            roster.endsOn = plan.until?.description
            roster.participants = DutyJSON.encode(rotation.participants)
            roster.staffing = rotation.staffing
            roster.rotateEvery = rotation.rotateEvery
            roster.updatedAt = now
            try await roster.save(on: tx)
            return (roster, try roster.requireID().uuidString, before, AuditDraft.snapshot(RosterSnapshot(roster)))
        }
    }

    static func validate(_ draft: Draft, on db: any Database) async throws -> (DutyPlan, DutyRotation, String) {
        var problems: [FieldProblem] = []
        let name = draft.name.trimmedWhitespace
        if name.isEmpty { problems.append(FieldProblem(field: "name", text: .dutyNameRequired)) }
        if name.count > 80 { problems.append(FieldProblem(field: "name", text: .incidentTitleTooLong)) }
        let from = CalendarDate(parsing: String(draft.from.prefix(20)))
        if from == nil { problems.append(FieldProblem(field: "from", text: .chgTimeInvalid)) }
        var until: CalendarDate?
        if let raw = draft.until?.trimmedWhitespace, !raw.isEmpty {
            until = CalendarDate(parsing: String(raw.prefix(20)))
            if until == nil { problems.append(FieldProblem(field: "until", text: .chgTimeInvalid)) }
        }
        let handoff = minute(of: draft.handoff)
        if handoff == nil { problems.append(FieldProblem(field: "handoff", text: .dutyBadTime)) }
        let plan = DutyPlan(kind: draft.kind, shiftHours: draft.shiftHours, handoffMinute: handoff ?? 0,
                            from: from ?? CalendarDate(year: 2026, month: 1, day: 1)!, until: until)
        if from != nil { problems += plan.problems().map { FieldProblem(field: $0.field, text: $0.text) } }
        var ids: [UUID] = []
        let refs = draft.participants.map(\.trimmedWhitespace).filter { !$0.isEmpty }
        if refs.count <= DutyRotation.maxParticipants {
            for ref in refs {
                guard let user = try await staff(ref, on: db) else {
                    problems.append(FieldProblem(field: "participants", text: .dutyUnknownPerson))
                    break
                }
                ids.append(try user.requireID())
            }
        }
        let rotation = DutyRotation(participants: refs.count > DutyRotation.maxParticipants ? refs.map { _ in UUID() } : ids,
                                    staffing: draft.staffing, rotateEvery: draft.rotateEvery)
        if !problems.contains(where: { $0.field == "participants" }) {
            problems += rotation.problems().map { FieldProblem(field: $0.field, text: $0.text) }
        }
        guard problems.isEmpty else { throw AppError.invalidFields(problems) }
        return (plan, rotation, name)
    }

    /// "hh:mm" (or "h:mm", "hhmm") as minutes after midnight.
    public static func minute(of text: String) -> Int? {
        let digits = text.trimmedWhitespace.replacingOccurrences(of: "：", with: ":")
        let parts = digits.split(separator: ":", omittingEmptySubsequences: false)
        let (h, m): (Int?, Int?)
        if parts.count == 2 { (h, m) = (Int(parts[0]), Int(parts[1])) }
        else if digits.count == 4, digits.allSatisfy(\.isNumber) { (h, m) = (Int(digits.prefix(2)), Int(digits.suffix(2))) }
        else { return nil }
        guard let h, let m, (0..<24).contains(h), (0..<60).contains(m) else { return nil }
        return h * 60 + m
    }

    /// An active O&M account by username or id.
    static func staff(_ ref: String, on db: any Database) async throws -> UserModel? {
        let ref = String(ref.prefix(80))
        let user: UserModel?
        if let id = UUID(uuidString: ref) { user = try await UserModel.find(id, on: db) }
        else { user = try await UserModel.query(on: db).filter(\.$username == ref.lowercased()).first() }
        guard let user, user.isActive, let role = Role(rawValue: user.role), dutyRoles.contains(role) else { return nil }
        return user
    }

    public struct Generated: Sendable, Equatable {
        public var made: Int
        public var replaced: Int
        public var unfilled: Int
    }

    public static let maxGenerateDays = 92

    /// Makes the rotation's shifts for `days` days from `first`: future rotation shifts there are
    /// replaced, shifts set by people (by hand, swaps, covers) are kept and their slots left to
    /// them, and a member already on another shift is replaced by the next free one.
    public static func generate(_ id: UUID, from first: CalendarDate, days: Int, by actor: Actor, in ctx: ServiceContext) async throws -> Generated {
        let now = ctx.now()
        guard (1...maxGenerateDays).contains(days), first >= CalendarDate.today(now),
              CalendarDate.today(now).days(until: first) <= DutyShiftRules.aheadDays else {
            throw AppError.invalid(field: "from", .dutyGenerateRange)
        }
        let calendar = try await ctx.levels.levels(on: ctx.db).workingCalendar
        return try await ctx.audited(actor, action: AuditAction.rosterGenerate.rawValue, objectType: "roster") { tx in
            guard let roster = try await RosterModel.find(id, on: tx) else { throw AppError.notFound }
            let (plan, rotation) = try DutyQueries.definition(of: roster)
            let last = first.adding(days: days - 1)
            let slots = plan.slots(from: first, through: last, calendar: calendar).filter { $0.start >= now }
            guard let start = slots.first?.start, let end = slots.last?.end else {
                return (Generated(made: 0, replaced: 0, unfilled: 0), id.uuidString, nil, nil)
            }
            let firstIndex = first > plan.from ? plan.slots(from: plan.from, through: first.adding(days: -1), calendar: calendar).count : 0
            let indexOffset = firstIndex + plan.slots(from: first, through: last, calendar: calendar).filter { $0.start < now }.count
            let existing = try await DutyShiftModel.query(on: tx).filter(\.$rosterId == id)
                .filter(\.$startsAt < end).filter(\.$endsAt > start).all()
            let replace = existing.filter { $0.origin == ShiftOrigin.rotation.rawValue && $0.startsAt >= now }
            for shift in replace { try await shift.delete(on: tx) }
            let kept = existing.filter { shift in !replace.contains { $0 === shift } }.map { DateInterval(start: $0.startsAt, end: $0.endsAt) }
            var busy: [UUID: [DateInterval]] = [:]
            if !rotation.participants.isEmpty {
                for shift in try await DutyShiftModel.query(on: tx).filter(\.$userId ~~ rotation.participants)
                    .filter(\.$startsAt < end).filter(\.$endsAt > start).all() {
                    busy[shift.userId, default: []].append(DateInterval(start: shift.startsAt, end: shift.endsAt))
                }
            }
            // Slot positions stay numbered from the roster's start even where people's shifts are kept.
            var made = 0, unfilled = 0
            for (offset, slot) in slots.enumerated() where !kept.contains(where: { $0.overlapsStrictly(slot) }) {
                let assigned = rotation.assign([slot], firstIndex: indexOffset + offset) { user, slot in
                    busy[user]?.contains { $0.overlapsStrictly(slot) } ?? false
                }
                unfilled += max(0, min(rotation.staffing, rotation.participants.count) - assigned.count)
                for assignment in assigned {
                    try await DutyShiftModel(rosterId: id, userId: assignment.userId, start: slot.start, end: slot.end,
                                             origin: ShiftOrigin.rotation.rawValue, at: now).create(on: tx)
                    busy[assignment.userId, default: []].append(slot)
                    made += 1
                }
            }
            let result = Generated(made: made, replaced: replace.count, unfilled: unfilled)
            return (result, id.uuidString, nil,
                    AuditDraft.snapshot(["from": first.description, "days": String(days), "made": String(made),
                                         "replaced": String(replace.count), "unfilled": String(unfilled)]))
        }
    }
}

/// The audited picture of a roster.
struct RosterSnapshot: Encodable {
    var name: String
    var kind: String
    var startsOn: String
    var endsOn: String?
    var shiftHours: Int
    var handoffMinute: Int
    var participants: [UUID]
    var staffing: Int
    var rotateEvery: Int

    init(_ roster: RosterModel) {
        name = roster.name
        kind = roster.kind
        startsOn = roster.startsOn
        endsOn = roster.endsOn
        shiftHours = roster.shiftHours
        handoffMinute = roster.handoffMinute
        participants = DutyJSON.ids(roster.participants)
        staffing = roster.staffing
        rotateEvery = roster.rotateEvery
    }
}

/// The participants column: a JSON array of ids, written and read only through the coders.
enum DutyJSON {
    static func encode(_ ids: [UUID]) -> String {
        (try? String(decoding: JSONEncoder().encode(ids.map(\.uuidString)), as: UTF8.self)) ?? "[]"
    }

    static func ids(_ text: String) -> [UUID] {
        ((try? JSONDecoder().decode([String].self, from: Data(text.utf8))) ?? []).compactMap(UUID.init(uuidString:))
    }
}
