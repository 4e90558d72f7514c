import FluentKit
import Foundation
import ZoneOpsDomain
import ZoneOpsStore

extension Incidents {
    /// What a change to an incident records besides its new state.
    struct Outcome {
        var entries: [(kind: EntryKind, isPublic: Bool, body: String)] = []
        /// Other incidents changed in the same step (children resolved with their parent).
        var alsoChanged: [IncidentModel] = []
    }

    /// Loads the incident, records SLA marks that came due, applies `change`, refreshes due
    /// times and saves, with work-log entries and one audit entry (before/after): all in one
    /// transaction, so a refused step (409, 422) changes nothing.
    static func change(_ id: UUID, action: AuditAction, by actor: Actor, in ctx: ServiceContext,
                       _ body: @escaping @Sendable (IncidentModel, ServiceLevels, Date, any Database) async throws -> Outcome)
        async throws -> IncidentModel {
        let now = ctx.now()
        return try await ctx.audited(actor, action: action.rawValue, objectType: "incident") { tx in
            guard let incident = try await IncidentModel.find(id, on: tx) else { throw AppError.notFound }
            let levels = try await ctx.levels.levels(on: tx)
            try await recordDueMarks(incident, levels: levels, now: now, on: tx)
            let before = AuditDraft.snapshot(IncidentSnapshot(incident))
            let outcome = try await body(incident, levels, now, tx)
            incident.updatedAt = now
            incident.refreshDueTimes(levels)
            try await incident.save(on: tx)
            let actorId = actor.userId.flatMap(UUID.init(uuidString:))
            for entry in outcome.entries {
                try await IncidentEntryModel(incidentId: id, kind: entry.kind.rawValue, isPublic: entry.isPublic, body: entry.body,
                                             actorId: actorId, actorName: actor.name, at: now).create(on: tx)
            }
            for other in outcome.alsoChanged {
                other.updatedAt = now
                other.refreshDueTimes(levels)
                try await other.save(on: tx)
            }
            if !outcome.entries.isEmpty { try await IncidentSearch.index(id, on: tx) }
            return (incident, id.uuidString, before, AuditDraft.snapshot(IncidentSnapshot(incident)))
        }
    }

    /// Moves to `status`, keeping the clocks right: leaving pending resumes the resolution
    /// clock; resolving stops both; reopening starts a new period.
    static func move(_ incident: IncidentModel, to status: IncidentStatus, now: Date) {
        let from = incident.incidentStatus
        var clocks = incident.clocks
        if from == .pending && status != .pending {
            incident.pendingReason = nil
            if clocks.resolve.state == .paused { clocks.resolve.start(at: now) }
        }
        switch status {
        case .resolved:
            clocks.resolve.stop(at: now)
            if clocks.response.isRunning { clocks.response.stop(at: now); incident.respondedAt = incident.respondedAt ?? now }
            incident.resolvedAt = now
        case .closed:
            incident.closedAt = now
        case .new, .assigned, .inProgress:
            if from == .resolved || from == .closed {
                clocks.resolve.start(at: now)
                incident.resolvedAt = nil
                incident.closedAt = nil
            }
        case .pending:
            break
        }
        incident.clocks = clocks
        incident.status = status.rawValue
    }

    /// Staff acknowledged or answered: the response clock stops.
    static func respond(_ incident: IncidentModel, now: Date) {
        var clocks = incident.clocks
        guard clocks.response.isRunning else { return }
        clocks.response.stop(at: now)
        incident.clocks = clocks
        incident.respondedAt = now
    }

    static func requireStatus(_ incident: IncidentModel, allows action: IncidentAction) throws -> IncidentStatus {
        guard let next = incident.incidentStatus.after(action, hasAssignee: incident.assigneeId != nil) else {
            throw AppError.conflict(.incidentActionNotAllowed)
        }
        return next
    }
}
