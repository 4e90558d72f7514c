import FluentKit
import Foundation
import ZoneOpsDomain
import ZoneOpsStore

/// Editing what the SLA clocks run on: the days of the working calendar (one at a time or a
/// year's file), the targets per priority and the desk's rules. Each change is audited and
/// recomputes the due times of open incidents; resolved and closed ones keep their outcome.
public enum WorkingCalendar {
    public struct Day: Sendable, Equatable {
        public var day: CalendarDate
        public var kind: DayKind
        public var name: String
        public var effectiveFrom: Date
    }

    public static func days(year: Int, on db: any Database) async throws -> [Day] {
        try await CalendarDayModel.query(on: db).filter(\.$day >= String(format: "%04d-01-01", year))
            .filter(\.$day <= String(format: "%04d-12-31", year)).sort(\.$day).all().compactMap { row in
                guard let day = CalendarDate(parsing: row.day), let kind = DayKind(rawValue: row.kind) else { return nil }
                return Day(day: day, kind: kind, name: row.name, effectiveFrom: row.effectiveFrom)
            }
    }

    /// The preview of a file: its changes against what is stored, or the errors of its lines.
    public static func preview(_ text: String, on db: any Database) async throws -> (changes: [HolidayFile.Change], errors: [HolidayFile.LineError]) {
        let (entries, errors) = HolidayFile.parse(text)
        guard errors.isEmpty else { return ([], errors) }
        let stored = try await CalendarDayModel.query(on: db).filter(\.$day ~~ entries.map(\.day.description)).all()
        var byDay: [CalendarDate: HolidayFile.Entry] = [:]
        for row in stored {
            if let day = CalendarDate(parsing: row.day), let kind = DayKind(rawValue: row.kind) {
                byDay[day] = HolidayFile.Entry(day: day, kind: kind, name: row.name)
            }
        }
        return (HolidayFile.diff(entries, against: byDay), [])
    }

    /// Applies a file's days (all or nothing) from `effectiveFrom`; answers (days written, open incidents recomputed).
    public static func apply(_ text: String, effectiveFrom: Date, by actor: Actor, in ctx: ServiceContext) async throws -> (Int, Int) {
        let (entries, errors) = HolidayFile.parse(text)
        if let first = errors.first { throw AppError.invalid(field: "file", first.text) }
        guard !entries.isEmpty else { throw AppError.invalid(field: "file", .calendarLineShape) }
        try await ctx.audited(actor, action: AuditAction.calendarUpdate.rawValue, objectType: "calendar") { tx in
            for entry in entries { try await upsert(entry, effectiveFrom: effectiveFrom, on: tx) }
            return ((), nil, nil, AuditDraft.snapshot(CalendarSnapshot(days: entries.map { "\($0.day) \($0.kind.rawValue) \($0.name)" })))
        }
        return (entries.count, try await Incidents.recalculateOpen(in: ctx))
    }

    /// Sets one day (or, with nil, removes its entry so the weekly rule applies again).
    public static func set(_ day: CalendarDate, kind: DayKind?, name: String, by actor: Actor, in ctx: ServiceContext) async throws -> Int {
        let now = ctx.now()
        try await ctx.audited(actor, action: AuditAction.calendarUpdate.rawValue, objectType: "calendar") { tx in
            let before = try await CalendarDayModel.query(on: tx).filter(\.$day == day.description).first()
            if let kind {
                try await upsert(HolidayFile.Entry(day: day, kind: kind, name: String(name.prefix(30))), effectiveFrom: now, on: tx)
            } else {
                try await before?.delete(on: tx)
            }
            return ((), day.description, AuditDraft.snapshot(CalendarSnapshot(days: before.map { ["\($0.day) \($0.kind) \($0.name)"] } ?? [])),
                    AuditDraft.snapshot(CalendarSnapshot(days: kind.map { ["\(day) \($0.rawValue) \(name)"] } ?? [])))
        }
        return try await Incidents.recalculateOpen(in: ctx)
    }

    private static func upsert(_ entry: HolidayFile.Entry, effectiveFrom: Date, on db: any Database) async throws {
        if let row = try await CalendarDayModel.query(on: db).filter(\.$day == entry.day.description).first() {
            row.kind = entry.kind.rawValue
            row.name = entry.name
            row.effectiveFrom = effectiveFrom
            try await row.save(on: db)
        } else {
            try await CalendarDayModel(day: entry.day.description, kind: entry.kind.rawValue, name: entry.name,
                                       effectiveFrom: effectiveFrom).create(on: db)
        }
    }

    /// New targets and rules; recomputes open incidents.
    public static func saveLevels(targets: [SLATarget], warningShare: Double, vendorPauses: Bool, reopenDays: Int, autoCloseDays: Int,
                                  remindDays: Int = 2, remindLimit: Int = 3,
                                  by actor: Actor, in ctx: ServiceContext) async throws -> Int {
        var problems: [FieldProblem] = []
        for target in targets {
            if !(60...(100_000 * 60)).contains(Int(target.responseSeconds)) {
                problems.append(FieldProblem(field: "response\(target.priority.rawValue)", text: .slaTargetRange))
            }
            if !(3600...(100_000 * 3600)).contains(Int(target.resolveSeconds)) {
                problems.append(FieldProblem(field: "resolve\(target.priority.rawValue)", text: .slaTargetRange))
            }
        }
        if !(0.1...0.99).contains(warningShare) { problems.append(FieldProblem(field: "warningShare", text: .slaTargetRange)) }
        if !(0...365).contains(reopenDays) { problems.append(FieldProblem(field: "reopenDays", text: .slaTargetRange)) }
        if !(1...365).contains(autoCloseDays) { problems.append(FieldProblem(field: "autoCloseDays", text: .slaTargetRange)) }
        if !(1...30).contains(remindDays) { problems.append(FieldProblem(field: "remindDays", text: .slaTargetRange)) }
        if !(1...10).contains(remindLimit) { problems.append(FieldProblem(field: "remindLimit", text: .slaTargetRange)) }
        guard problems.isEmpty else { throw AppError.invalidFields(problems) }
        try await ctx.audited(actor, action: AuditAction.slaTargetUpdate.rawValue, objectType: "sla_target") { tx in
            let before = try await ServiceLevels.load(on: tx)
            for target in targets {
                let row = try await SLATargetModel.query(on: tx).filter(\.$priority == target.priority.rawValue).first()
                    ?? SLATargetModel(priority: target.priority.rawValue, responseSeconds: 0, resolveSeconds: 0, calendar: "5x8")
                row.responseSeconds = Int(target.responseSeconds)
                row.resolveSeconds = Int(target.resolveSeconds)
                row.calendar = target.calendar.rawValue
                try await row.save(on: tx)
            }
            let keys = ServiceLevels.keys
            for (key, value) in [(keys.warningShare, String(warningShare)), (keys.vendorPauses, vendorPauses ? "true" : "false"),
                                 (keys.reopenDays, String(reopenDays)), (keys.autoCloseDays, String(autoCloseDays)),
                                 (keys.remindDays, String(remindDays)), (keys.remindLimit, String(remindLimit))] {
                if let row = try await SettingModel.query(on: tx).filter(\.$key == key).first() {
                    row.value = value
                    try await row.save(on: tx)
                } else {
                    try await SettingModel(key: key, value: value).create(on: tx)
                }
            }
            return ((), nil, AuditDraft.snapshot(LevelsSnapshot(before)),
                    AuditDraft.snapshot(LevelsSnapshot(targets: targets, share: warningShare, vendorPauses: vendorPauses,
                                                       reopenDays: reopenDays, autoCloseDays: autoCloseDays)))
        }
        return try await Incidents.recalculateOpen(in: ctx)
    }
}

struct CalendarSnapshot: Encodable { var days: [String] }

struct LevelsSnapshot: Encodable {
    var targets: [String]
    var warningShare: Double
    var vendorPauses: Bool
    var reopenDays: Int
    var autoCloseDays: Int

    init(targets: [SLATarget], share: Double, vendorPauses: Bool, reopenDays: Int, autoCloseDays: Int) {
        self.targets = targets.map { "\($0.priority.label) \(Int($0.responseSeconds))s/\(Int($0.resolveSeconds))s \($0.calendar.rawValue)" }
        warningShare = share
        self.vendorPauses = vendorPauses
        self.reopenDays = reopenDays
        self.autoCloseDays = autoCloseDays
    }

    init(_ levels: ServiceLevels) {
        self.init(targets: Priority.allCases.map(levels.target), share: levels.warningShare, vendorPauses: levels.vendorPauses,
                  reopenDays: levels.reopenDays, autoCloseDays: levels.autoCloseDays)
    }
}
