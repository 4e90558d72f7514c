import FluentKit
import Foundation
import ZoneOpsDomain
import ZoneOpsStore

extension Incidents {
    /// Dispatches to a person and/or a group. The person must be an active O&M account.
    public static func assign(_ id: UUID, assignee: String?, group: String?, by actor: Actor,
                              in ctx: ServiceContext) async throws -> IncidentModel {
        try await change(id, action: .incidentAssign, by: actor, in: ctx) { incident, _, now, tx in
            let next = try requireStatus(incident, allows: .assign)
            let user = try await worker(assignee, on: tx)
            let team = try await supportGroup(group, on: tx)
            guard user != nil || team != nil else { throw AppError.invalid(field: "assignee", .incidentUnknownAssignee) }
            if let user, let previous = incident.assigneeId, previous != user.id { incident.reassignCount += 1 }
            if let user { incident.assigneeId = user.id }
            if let team { incident.groupId = team.id }
            move(incident, to: incident.incidentStatus == .new || user != nil ? next : incident.incidentStatus, now: now)
            let names = [team?.name, user?.displayName].compactMap { $0 }.joined(separator: " / ")
            return Outcome(entries: [(.assign, false, names)])
        }
    }

    /// A group member takes a ticket from the group queue (only where the group allows claiming).
    public static func claim(_ id: UUID, by actor: Actor, in ctx: ServiceContext) async throws -> IncidentModel {
        try await change(id, action: .incidentAssign, by: actor, in: ctx) { incident, _, now, tx in
            let next = try requireStatus(incident, allows: .claim)
            guard let me = actor.userId.flatMap(UUID.init(uuidString:)) else { throw AppError.unauthenticated }
            if let owner = incident.assigneeId, owner != me { throw AppError.conflict(.incidentAlreadyClaimed) }
            if let groupId = incident.groupId, let group = try await SupportGroupModel.find(groupId, on: tx), !group.claimable {
                throw AppError.conflict(.incidentGroupNotClaimable)
            }
            incident.assigneeId = me
            move(incident, to: next, now: now)
            respond(incident, now: now)
            return Outcome(entries: [(.assign, false, actor.name), (.status, true, "claimed")])
        }
    }

    /// Acknowledge (stops the response clock) or start work.
    public static func acknowledge(_ id: UUID, start: Bool, by actor: Actor, in ctx: ServiceContext) async throws -> IncidentModel {
        try await change(id, action: .incidentStatus, by: actor, in: ctx) { incident, _, now, _ in
            let next = try requireStatus(incident, allows: start ? .start : .acknowledge)
            if incident.assigneeId == nil { incident.assigneeId = actor.userId.flatMap(UUID.init(uuidString:)) }
            move(incident, to: next, now: now)
            respond(incident, now: now)
            return Outcome(entries: [(.status, true, next.rawValue)])
        }
    }

    /// Waits for someone; a pausing reason stops the resolution clock (ServiceLevels says which).
    public static func pend(_ id: UUID, reason: PendingReason, note: String, by actor: Actor,
                            in ctx: ServiceContext) async throws -> IncidentModel {
        let note = try text(note, field: "reason", required: true, limit: 1000)
        return try await change(id, action: .incidentStatus, by: actor, in: ctx) { incident, levels, now, _ in
            let next = try requireStatus(incident, allows: .pend)
            move(incident, to: next, now: now)
            respond(incident, now: now)
            incident.pendingReason = reason.rawValue
            if reason.pausesClock(vendorPauses: levels.vendorPauses) {
                var clocks = incident.clocks
                clocks.resolve.pause(at: now)
                incident.clocks = clocks
            }
            return Outcome(entries: [(.status, true, "pending:" + reason.rawValue), (.reply, true, note)])
        }
    }

    /// Resolves; children still open are resolved with it and their requesters told.
    public static func resolve(_ id: UUID, resolution: String, code: String?, by actor: Actor,
                               in ctx: ServiceContext) async throws -> IncidentModel {
        let resolution = try text(resolution, field: "resolution", required: true, limit: 4000)
        let code = code?.trimmingCharacters(in: .whitespaces).nilIfEmpty.map { String($0.prefix(40)) }
        return try await change(id, action: .incidentStatus, by: actor, in: ctx) { incident, _, now, tx in
            let next = try requireStatus(incident, allows: .resolve)
            move(incident, to: next, now: now)
            incident.resolution = resolution
            incident.resolutionCode = code
            var outcome = Outcome(entries: [(.status, true, next.rawValue), (.reply, true, resolution)])
            let children = try await IncidentModel.query(on: tx).filter(\.$parentId == incident.requireID())
                .filter(\.$status ~~ IncidentStatus.open.map(\.rawValue)).all()
            for child in children {
                move(child, to: .resolved, now: now)
                child.resolution = resolution
                child.resolutionCode = code
                try await IncidentEntryModel(incidentId: child.requireID(), kind: EntryKind.status.rawValue, isPublic: true,
                                             body: "resolved-with:" + incident.number, actorId: nil, actorName: actor.name,
                                             at: now).create(on: tx)
                outcome.alsoChanged.append(child)
            }
            return outcome
        }
    }

    public static func close(_ id: UUID, by actor: Actor, in ctx: ServiceContext) async throws -> IncidentModel {
        try await change(id, action: .incidentStatus, by: actor, in: ctx) { incident, _, now, _ in
            let next = try requireStatus(incident, allows: .close)
            move(incident, to: next, now: now)
            return Outcome(entries: [(.status, true, next.rawValue)])
        }
    }

    /// Reopens within the configured days after resolve; the time spent resolved is not counted.
    public static func reopen(_ id: UUID, reason: String, by actor: Actor, in ctx: ServiceContext) async throws -> IncidentModel {
        let reason = try text(reason, field: "reason", required: true, limit: 1000)
        return try await change(id, action: .incidentStatus, by: actor, in: ctx) { incident, levels, now, _ in
            let next = try requireStatus(incident, allows: .reopen)
            if let resolved = incident.resolvedAt, now.timeIntervalSince(resolved) > Double(levels.reopenDays) * 86_400 {
                throw AppError.rule(code: "reopen_window", .incidentReopenWindow)
            }
            move(incident, to: next, now: now)
            return Outcome(entries: [(.status, true, "reopened"), (.reply, true, reason)])
        }
    }

    /// The requester's 1–5 rating, once, after resolve.
    public static func survey(_ id: UUID, rating: Int, comment: String?, by actor: Actor,
                              in ctx: ServiceContext) async throws -> IncidentModel {
        guard (1...5).contains(rating) else { throw AppError.invalid(field: "rating", .incidentRatingRange) }
        let comment = try text(comment ?? "", field: "comment", required: false, limit: 1000)
        return try await change(id, action: .incidentSurvey, by: actor, in: ctx) { incident, _, _, _ in
            guard incident.incidentStatus.after(.survey, hasAssignee: true) != nil else { throw AppError.conflict(.incidentSurveyTooEarly) }
            guard incident.rating == nil else { throw AppError.conflict(.incidentAlreadyRated) }
            incident.rating = rating
            incident.ratingComment = comment.nilIfEmpty
            incident.ratingTokenHash = nil
            return Outcome(entries: [(.survey, true, "\(rating)" + (comment.isEmpty ? "" : " " + comment))])
        }
    }

    /// A trimmed text, or a field error.
    static func text(_ raw: String, field: String, required: Bool, limit: Int) throws -> String {
        let value = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        if required && value.isEmpty { throw AppError.invalid(field: field, .incidentTextRequired) }
        if value.count > limit { throw AppError.invalid(field: field, .incidentDescriptionTooLong) }
        return value
    }

    /// An active O&M account (lead, engineer, duty) by username or id.
    static func worker(_ ref: String?, on db: any Database) async throws -> UserModel? {
        guard let ref = ref?.trimmingCharacters(in: .whitespaces), !ref.isEmpty else { return nil }
        let user = try await UserModel.query(on: db).group(.or) { group in
            group.filter(\.$username == ref.lowercased())
            if let id = UUID(uuidString: ref) { group.filter(\.$id == id) }
        }.first()
        guard let user, user.isActive, [.lead, .engineer, .duty].contains(user.userRole) else {
            throw AppError.invalid(field: "assignee", .incidentUnknownAssignee)
        }
        return user
    }

    static func supportGroup(_ ref: String?, on db: any Database) async throws -> SupportGroupModel? {
        guard let ref = ref?.trimmingCharacters(in: .whitespaces), !ref.isEmpty else { return nil }
        let group = try await SupportGroupModel.query(on: db).group(.or) { group in
            group.filter(\.$name == ref)
            if let id = UUID(uuidString: ref) { group.filter(\.$id == id) }
        }.first()
        guard let group else { throw AppError.invalid(field: "group", .incidentUnknownGroup) }
        return group
    }
}
