import Foundation
import Vapor
import ZoneOpsDomain
import ZoneOpsServices

/// The body of `POST /api/v1/duty/rosters` (and the roster form): numbers may come as text.
struct RosterRequest: Content {
    var name: String?
    var kind: String?
    var from: String?
    var until: String?
    var shiftHours: LooseText?
    var handoff: String?
    var participants: [String]?
    var staffing: LooseText?
    var rotateEvery: LooseText?

    func draft() throws -> Rosters.Draft {
        guard let kind = kind.flatMap(DutyKind.init(rawValue:)) else { throw AppError.invalid(field: "kind", .attrNotAChoice) }
        func number(_ value: LooseText?, _ field: String, _ fallback: Int) throws -> Int {
            guard let text = value?.text.trimmedWhitespace, !text.isEmpty else { return fallback }
            guard text.count <= 4, let number = Int(text) else { throw AppError.invalid(field: field, .attrNotInteger) }
            return number
        }
        return Rosters.Draft(name: String((name ?? "").prefix(200)), kind: kind, from: from ?? "", until: until,
                             shiftHours: try number(shiftHours, "shiftHours", 12), handoff: handoff ?? "08:00",
                             participants: Array((participants ?? []).prefix(DutyRotation.maxParticipants + 1)),
                             staffing: try number(staffing, "staffing", 1), rotateEvery: try number(rotateEvery, "rotateEvery", 1))
    }
}

/// `POST …/generate`: the first day and how many days.
struct GenerateRequest: Content {
    var from: String?
    var days: LooseText?

    func values(today: CalendarDate) throws -> (CalendarDate, Int) {
        var first = today
        if let raw = from?.trimmedWhitespace, !raw.isEmpty {
            guard raw.count <= 20, let parsed = CalendarDate(parsing: raw) else { throw AppError.invalid(field: "from", .chgTimeInvalid) }
            first = parsed
        }
        let text = days?.text.trimmedWhitespace ?? ""
        guard let count = text.isEmpty ? 28 : Int(text.prefix(4)), (1...Rosters.maxGenerateDays).contains(count) else {
            throw AppError.outOfRange(field: "days", lower: 1, upper: Rosters.maxGenerateDays)
        }
        return (first, count)
    }
}

/// A shift set by hand: `POST /api/v1/duty/shifts`, `PATCH /api/v1/duty/shifts/{id}`.
struct ShiftRequest: Content {
    var rosterId: String?
    var person: String?
    var start: String?
    var end: String?
    var note: String?

    func draft(roster fallback: UUID? = nil) throws -> DutyShifts.Draft {
        guard let roster = rosterId.flatMap(UUID.init(uuidString:)) ?? fallback else { throw AppError.invalid(field: "rosterId", .attrRequired) }
        guard let start = LocalTime.parse(start) else { throw AppError.invalid(field: "start", .chgTimeInvalid) }
        guard let end = LocalTime.parse(end) else { throw AppError.invalid(field: "end", .chgTimeInvalid) }
        return DutyShifts.Draft(rosterId: roster, person: person ?? "", start: start, end: end, note: note ?? "")
    }
}

/// `POST /api/v1/duty/swaps`: a swap (with `otherShiftId`) or a cover.
struct SwapRequest: Content {
    var shiftId: String?
    var to: String?
    var otherShiftId: String?
    var reason: String?

    func draft() throws -> DutyShifts.SwapDraft {
        guard let shift = shiftId.flatMap(UUID.init(uuidString:)) else { throw AppError.invalid(field: "shiftId", .attrRequired) }
        var other: UUID?
        if let raw = otherShiftId?.trimmedWhitespace, !raw.isEmpty {
            guard let id = UUID(uuidString: raw) else { throw AppError.invalid(field: "otherShiftId", .dutyOtherShiftRequired) }
            other = id
        }
        return DutyShifts.SwapDraft(shiftId: shift, to: to ?? "", otherShiftId: other, reason: reason ?? "")
    }
}

struct ShiftDTO: Content {
    var id: String; var rosterId: String; var roster: String; var kind: String; var userId: String; var username: String
    var name: String; var start: Date; var end: Date; var origin: String; var note: String; var flagged: Bool

    init(_ row: DutyQueries.ShiftRow) {
        id = row.id.uuidString
        rosterId = row.rosterId.uuidString
        roster = row.rosterName
        kind = row.kind.rawValue
        userId = row.userId.uuidString
        username = row.username
        name = row.userName
        start = row.start
        end = row.end
        origin = row.origin.rawValue
        note = row.note
        flagged = row.flagged
    }
}

struct RosterDTO: Content {
    var id: String; var name: String; var kind: String; var from: String; var until: String?; var shiftHours: Int; var handoff: String
    var participants: [String]; var staffing: Int; var rotateEvery: Int; var active: Bool

    init(_ row: DutyQueries.RosterRow) {
        id = row.id.uuidString
        name = row.name
        kind = row.kind.rawValue
        from = row.plan.from.description
        until = row.plan.until?.description
        shiftHours = row.plan.shiftHours
        handoff = String(format: "%02d:%02d", row.plan.handoffMinute / 60, row.plan.handoffMinute % 60)
        participants = row.participantUsernames
        staffing = row.rotation.staffing
        rotateEvery = row.rotation.rotateEvery
        active = row.active
    }
}

struct OnCallDTO: Content {
    struct Person: Content { var userId: String; var username: String; var name: String; var mobile: String?; var until: Date }
    var rosterId: String; var roster: String; var kind: String; var onDuty: [Person]; var next: ShiftDTO?

    init(_ entry: DutyQueries.OnCall, showMobile: Bool) {
        rosterId = entry.roster.id.uuidString
        roster = entry.roster.name
        kind = entry.roster.kind.rawValue
        onDuty = entry.people.map { Person(userId: $0.userId.uuidString, username: $0.username, name: $0.userName,
                                           mobile: showMobile ? $0.mobile : nil, until: $0.end) }
        next = entry.next.map(ShiftDTO.init)
    }
}

struct GapDTO: Content {
    struct Interval: Content { var start: Date; var end: Date }
    var rosterId: String; var roster: String; var gaps: [Interval]

    init(_ gap: DutyQueries.Gap) {
        rosterId = gap.roster.id.uuidString
        roster = gap.roster.name
        gaps = gap.intervals.map { Interval(start: $0.start, end: $0.end) }
    }
}

struct SwapDTO: Content {
    var id: String; var kind: String; var status: String; var shift: ShiftDTO; var otherShift: ShiftDTO?; var from: String; var to: String
    var reason: String; var createdAt: Date; var decidedBy: String?

    init(_ row: DutyQueries.SwapRow) {
        id = row.id.uuidString
        kind = row.kind.rawValue
        status = row.status.rawValue
        shift = ShiftDTO(row.shift)
        otherShift = row.otherShift.map(ShiftDTO.init)
        from = row.fromName
        to = row.toName
        reason = row.reason
        createdAt = row.createdAt
        decidedBy = row.decidedByName
    }
}
