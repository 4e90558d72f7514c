import FluentKit
import Foundation
import ZoneOpsDomain
import ZoneOpsStore

extension Incidents {
    /// Who writes on a ticket: O&M staff (their public reply is a response) or its requester
    /// (whose answer ends a wait for them, by any channel).
    public enum Author: Sendable { case staff, requester }

    /// A note (internal) or a reply (public). A requester's words are always public, and end a
    /// pending wait: the clock resumes.
    public static func comment(_ id: UUID, body: String, isPublic: Bool, as author: Author, by actor: Actor,
                               in ctx: ServiceContext) async throws -> IncidentModel {
        let body = try text(body, field: "body", required: true, limit: 4000)
        return try await change(id, action: .incidentNote, by: actor, in: ctx) { incident, _, now, _ in
            switch author {
            case .staff:
                if isPublic { respond(incident, now: now) }
                return Outcome(entries: [(isPublic ? .reply : .note, isPublic, body)])
            case .requester:
                guard incident.incidentStatus != .closed else { throw AppError.conflict(.incidentActionNotAllowed) }
                if incident.incidentStatus == .pending { move(incident, to: .inProgress, now: now) }
                return Outcome(entries: [(.reply, true, body)])
            }
        }
    }

    /// 催办: the requester or a supervisor urges; counted, logged, and the assignee is told.
    public static func urge(_ id: UUID, note: String?, by actor: Actor, in ctx: ServiceContext) async throws -> IncidentModel {
        let note = try text(note ?? "", field: "note", required: false, limit: 500)
        return try await change(id, action: .incidentUrge, by: actor, in: ctx) { incident, _, _, _ in
            guard incident.incidentStatus.isOpen else { throw AppError.conflict(.incidentActionNotAllowed) }
            incident.urgeCount += 1
            return Outcome(entries: [(.urge, true, note)])
        }
    }

    /// Links a report to the incident of the same outage (nil unlinks). A link that would make a
    /// loop, or onto a closed parent, is refused.
    public static func link(_ id: UUID, toParent parentRef: String?, by actor: Actor, in ctx: ServiceContext) async throws -> IncidentModel {
        try await change(id, action: .incidentLink, by: actor, in: ctx) { incident, _, _, tx in
            guard let parentRef = parentRef?.trimmingCharacters(in: .whitespaces), !parentRef.isEmpty else {
                incident.parentId = nil
                return Outcome(entries: [(.link, false, "-")])
            }
            let parent = try await IncidentModel.query(on: tx).group(.or) { group in
                group.filter(\.$number == parentRef.uppercased())
                if let uuid = UUID(uuidString: parentRef) { group.filter(\.$id == uuid) }
            }.first()
            guard let parent, let parentId = parent.id else { throw AppError.invalid(field: "parent", .incidentUnknownParent) }
            guard parent.incidentStatus.isOpen else { throw AppError.conflict(.incidentParentClosed) }
            // Walk up from the parent: meeting this incident means the link closes a loop.
            var cursor: IncidentModel? = parent
            var hops = 0
            while let node = cursor, hops < 100 {
                if node.id == id { throw AppError.rule(code: "parent_loop", .incidentParentLoop) }
                cursor = try await node.parentId.asyncMap { try await IncidentModel.find($0, on: tx) } ?? nil
                hops += 1
            }
            if try await IncidentModel.query(on: tx).filter(\.$parentId == id).count() > 0 {
                throw AppError.rule(code: "parent_loop", .incidentParentLoop)
            }
            incident.parentId = parentId
            return Outcome(entries: [(.link, true, parent.number)])
        }
    }

    /// New impact and urgency; the targets change, the time used so far stays (and a paused
    /// clock stays paused).
    public static func reprioritize(_ id: UUID, impact: Int, urgency: Int, by actor: Actor,
                                    in ctx: ServiceContext) async throws -> IncidentModel {
        try await change(id, action: .incidentPriority, by: actor, in: ctx) { incident, levels, _, _ in
            guard incident.incidentStatus.isOpen else { throw AppError.conflict(.incidentActionNotAllowed) }
            guard let priority = levels.matrix.priority(impact: impact, urgency: urgency) else {
                throw AppError.invalid(field: PriorityMatrix.levels.contains(impact) ? "urgency" : "impact", .incidentLevelRange)
            }
            let target = levels.target(priority)
            var clocks = incident.clocks
            clocks.response.target = target.responseSeconds
            clocks.resolve.target = target.resolveSeconds
            incident.clocks = clocks
            incident.slaCalendar = target.calendar.rawValue
            let old = incident.priority
            incident.impact = impact
            incident.urgency = urgency
            incident.priority = priority.rawValue
            return Outcome(entries: [(.priority, false, "P\(old)→\(priority.label)")])
        }
    }

    /// Declares a major incident (重大事件): flagged on every list, a banner on the portal, and a
    /// timeline that starts with the declaration.
    public static func declareMajor(_ id: UUID, reason: String, by actor: Actor, in ctx: ServiceContext) async throws -> IncidentModel {
        let reason = try text(reason, field: "reason", required: true, limit: 1000)
        return try await change(id, action: .incidentMajor, by: actor, in: ctx) { incident, _, _, _ in
            guard incident.incidentStatus.isOpen else { throw AppError.conflict(.incidentActionNotAllowed) }
            guard !incident.isMajor else { throw AppError.conflict(.incidentAlreadyMajor) }
            incident.isMajor = true
            return Outcome(entries: [(.major, false, reason)])
        }
    }

    /// A hand-written line of a major incident's timeline.
    public static func addTimeline(_ id: UUID, body: String, by actor: Actor, in ctx: ServiceContext) async throws -> IncidentModel {
        let body = try text(body, field: "body", required: true, limit: 1000)
        return try await change(id, action: .incidentNote, by: actor, in: ctx) { incident, _, _, _ in
            guard incident.isMajor else { throw AppError.conflict(.incidentNotMajor) }
            return Outcome(entries: [(.timeline, false, body)])
        }
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let self else { return nil }
        return try await transform(self)
    }
}
