import FluentKit
import Foundation
import ZoneOpsDomain
import ZoneOpsStore

extension Incidents {
    /// Records the warnings and breaches that came due by `now`, each once: the mark joins the
    /// clocks (same row, same transaction) and its entry has a unique mark per incident.
    /// A breach notes whether it fell in working time.
    @discardableResult
    static func recordDueMarks(_ incident: IncidentModel, levels: ServiceLevels, now: Date, on tx: any Database) async throws -> Int {
        let calendar = levels.calendar(BusinessCalendar.Kind(rawValue: incident.slaCalendar) ?? .workingHours)
        var clocks = incident.clocks
        let due = clocks.due(at: now, share: levels.warningShare, on: calendar)
        guard !due.isEmpty else { return 0 }
        let id = try incident.requireID()
        for item in due {
            let key = IncidentClocks.key(item.which, item.mark)
            clocks.marks.append(key)
            let inWorkingTime = levels.workingCalendar.isWorkingTime(item.at)
            let body = item.which.rawValue + (item.mark == .breach ? (inWorkingTime ? ":working" : ":outside") : "")
            try await IncidentEntryModel(incidentId: id, kind: (item.mark == .warning ? EntryKind.slaWarning : .slaBreach).rawValue,
                                         isPublic: false, body: body, actorId: nil, actorName: "system", at: item.at,
                                         mark: key).create(on: tx)
            if item.mark == .breach {
                if item.which == .response { incident.responseBreached = true } else { incident.resolveBreached = true }
            }
            if item.which == .resolve && item.mark == .warning {
                try await IncidentEntryModel(incidentId: id, kind: EntryKind.escalation.rawValue, isPublic: false, body: "lead",
                                             actorId: nil, actorName: "system", at: item.at, mark: "resolve.escalation").create(on: tx)
            }
        }
        incident.clocks = clocks
        incident.refreshDueTimes(levels)
        return due.count
    }

    /// The scheduler's SLA round: every incident whose next mark has come is updated in its own
    /// audited transaction (`incident.sla_warning` / `incident.sla_breach`). Safe to run twice or
    /// on two instances: a mark already recorded is skipped. Answers how many marks it recorded.
    public static func checkSLA(now: Date, in ctx: ServiceContext, limit: Int = 500) async throws -> Int {
        let due = try await IncidentModel.query(on: ctx.db).filter(\.$slaNextAt <= now)
            .sort(\.$slaNextAt).limit(limit).all()
        var recorded = 0
        for candidate in due {
            let id = try candidate.requireID()
            let count: Int = try await ctx.audited(.system, action: AuditAction.slaWarning.rawValue, objectType: "incident") { tx in
                guard let incident = try await IncidentModel.find(id, on: tx) else { return (0, id.uuidString, nil, nil) }
                let levels = try await ctx.levels.levels(on: tx)
                let before = incident.clocks.marks
                let count = try await recordDueMarks(incident, levels: levels, now: now, on: tx)
                incident.refreshDueTimes(levels)
                try await incident.save(on: tx)
                let added = incident.clocks.marks.filter { !before.contains($0) }
                return (count, id.uuidString, nil, AuditDraft.snapshot(SLAMarkSnapshot(number: incident.number, marks: added)))
            }
            recorded += count
        }
        return recorded
    }

    /// After a calendar or target edit: open incidents get new targets and due times; resolved
    /// and closed ones keep the outcome they had.
    public static func recalculateOpen(in ctx: ServiceContext) async throws -> Int {
        ctx.levels.clear()
        return try await ctx.writer.write(on: ctx.db) { tx in
            let levels = try await ServiceLevels.load(on: tx)
            let open = try await IncidentModel.query(on: tx).filter(\.$status ~~ IncidentStatus.open.map(\.rawValue)).all()
            for incident in open {
                let target = levels.target(Priority(rawValue: incident.priority) ?? .p4)
                var clocks = incident.clocks
                clocks.response.target = target.responseSeconds
                clocks.resolve.target = target.resolveSeconds
                incident.clocks = clocks
                incident.slaCalendar = target.calendar.rawValue
                incident.refreshDueTimes(levels)
                try await incident.save(on: tx)
            }
            return open.count
        }
    }
}

struct SLAMarkSnapshot: Encodable {
    var number: String
    var marks: [String]
}

extension Incidents {
    /// Resolved incidents nobody confirmed within the configured days are closed by the system;
    /// the rating stays empty, never invented.
    public static func autoClose(now: Date, in ctx: ServiceContext, limit: Int = 200) async throws -> Int {
        let levels = try await ServiceLevels.load(on: ctx.db)
        let cutoff = now.addingTimeInterval(-Double(levels.autoCloseDays) * 86_400)
        let stale = try await IncidentModel.query(on: ctx.db).filter(\.$status == IncidentStatus.resolved.rawValue)
            .filter(\.$resolvedAt < cutoff).limit(limit).all()
        for incident in stale { _ = try await close(try incident.requireID(), by: .system, in: ctx) }
        return stale.count
    }
}

extension Incidents {
    /// Tickets waiting for their requester: a public reminder every `remindDays`; after
    /// `remindLimit` reminders without an answer the ticket is resolved (code `no_response`),
    /// which the requester can still reopen. Answers how many tickets it touched.
    public static func remindPending(now: Date, in ctx: ServiceContext, limit: Int = 200) async throws -> Int {
        let levels = try await ctx.levels.levels(on: ctx.db)
        let interval = Double(max(1, levels.remindDays)) * 86_400
        let waiting = try await IncidentModel.query(on: ctx.db).filter(\.$status == IncidentStatus.pending.rawValue)
            .filter(\.$pendingReason == PendingReason.requester.rawValue).limit(limit).all()
        var touched = 0
        for candidate in waiting {
            let id = try candidate.requireID()
            guard let since = candidate.clocks.resolve.pausedSince else { continue }
            let reminders = try await IncidentEntryModel.query(on: ctx.db).filter(\.$incident.$id == id)
                .filter(\.$kind == EntryKind.reminder.rawValue).filter(\.$at >= since).sort(\.$at, .descending).all()
            guard now.timeIntervalSince(reminders.first?.at ?? since) >= interval else { continue }
            if reminders.count >= levels.remindLimit {
                _ = try await resolve(id, resolution: "报告人多次提醒后未回复，按规定解决；如问题仍在，可重新打开。", code: "no_response",
                                      by: .system, in: ctx)
            } else {
                _ = try await change(id, action: .incidentNote, by: .system, in: ctx) { incident, _, _, _ in
                    guard incident.incidentStatus == .pending else { return Outcome() }
                    return Outcome(entries: [(.reminder, true, String(reminders.count + 1))])
                }
            }
            touched += 1
        }
        return touched
    }
}
