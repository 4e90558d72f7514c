import FluentKit
import Foundation
import ZoneOpsDomain
import ZoneOpsStore

/// The incident: created from any channel, worked through its statuses, each step one audited
/// transaction with a snapshot before and after. Reads live in `IncidentQueries`.
public enum Incidents {
    /// Creates an incident: numbered `INC-YYYY-NNNNNN` inside the transaction (never duplicated),
    /// prioritised from the matrix, with both SLA clocks started.
    public static func create(_ input: NewIncident, by actor: Actor, in ctx: ServiceContext) async throws -> IncidentModel {
        let prepared = try await prepare(input, by: actor, in: ctx)
        return try await ctx.audited(actor, action: AuditAction.incidentCreate.rawValue, objectType: "incident") { tx in
            let ciIds = try await insert(prepared, by: actor, on: tx)
            let incident = prepared.incident
            return (incident, try incident.requireID().uuidString, nil, AuditDraft.snapshot(IncidentSnapshot(incident, cis: ciIds)))
        }
    }

    /// An incident worked out before the write lock: checked input, priority, clocks, due times.
    struct Prepared: @unchecked Sendable {
        var input: NewIncident
        var incident: IncidentModel
        var year: Int
        var now: Date
    }

    static func prepare(_ input: NewIncident, by actor: Actor, in ctx: ServiceContext) async throws -> Prepared {
        let input = try input.validated()
        let now = ctx.now()
        // What needs no lock (priority, SLA clocks and due times) is worked out before the writer;
        // the serialized part is reading the references, numbering, inserting and auditing.
        let levels = try await ctx.levels.levels(on: ctx.db)
        guard let priority = levels.matrix.priority(impact: input.impact, urgency: input.urgency) else {
            throw AppError.invalid(field: "impact", .incidentLevelRange)
        }
        let incident = IncidentModel()
        incident.title = input.title
        incident.description = input.description
        incident.kind = input.kind.rawValue
        incident.channel = input.channel.rawValue
        incident.status = IncidentStatus.new.rawValue
        incident.impact = input.impact
        incident.urgency = input.urgency
        incident.priority = priority.rawValue
        incident.businessSystem = input.businessSystem
        incident.requesterId = input.requesterId
        incident.requesterName = input.requesterName
        incident.requesterPhone = input.requesterPhone
        incident.organizationId = input.organizationId
        incident.isMajor = false
        incident.responseBreached = false
        incident.resolveBreached = false
        incident.reassignCount = 0
        incident.urgeCount = 0
        incident.createdBy = actor.userId.flatMap(UUID.init(uuidString:))
        incident.createdAt = now
        incident.updatedAt = now
        let target = levels.target(priority)
        incident.slaCalendar = target.calendar.rawValue
        var clocks = IncidentClocks(response: SLAClock(target: target.responseSeconds, periods: [.init(start: now)]),
                                    resolve: SLAClock(target: target.resolveSeconds, periods: [.init(start: now)]))
        if input.respondedAtCreation {
            clocks.response.stop(at: now)
            incident.respondedAt = now
        }
        incident.clocks = clocks
        incident.refreshDueTimes(levels)
        return Prepared(input: input, incident: incident, year: CalendarDate.today(now).year, now: now)
    }

    /// Inside a write: reads the references, numbers the incident and queues its rows (the
    /// incident, its first log line, its search row). Answers its CIs.
    static func insert(_ prepared: Prepared, by actor: Actor, on tx: any Database) async throws -> [UUID] {
        let (input, incident, year, now) = (prepared.input, prepared.incident, prepared.year, prepared.now)
        let ciIds = try await resolveCIs(input.cis, on: tx)
        let category = try await category(input.categoryKey, on: tx)
        incident.categoryId = category?.id
        incident.domain = try await domain(of: category, on: tx)
        let sequence = try await Counters.next("INC-\(year)", on: tx)
        incident.number = IncidentNumber.format(year: year, sequence: sequence)
        // The incident, its first log line and its search row are queued in the writer's batch
        // and go in with the others' (before anything reads them).
        try await incident.insertRow(on: tx, deferred: true)
        let id = try incident.requireID()
        for ciId in ciIds { try await IncidentCIModel(incidentId: id, ciId: ciId).create(on: tx) }
        try await IncidentEntryModel(incidentId: id, kind: EntryKind.created.rawValue, isPublic: true, body: input.title,
                                     actorId: incident.createdBy, actorName: actor.name, at: now).insertRow(on: tx, deferred: true)
        try await IncidentSearch.insert(incident, on: tx)
        return ciIds
    }

    /// CIs by id or asset tag; an unknown one is a field error naming it.
    static func resolveCIs(_ refs: [String], field: String = "ciId", on db: any Database) async throws -> [UUID] {
        var ids: [UUID] = []
        for ref in refs {
            let found = try await CIModel.query(on: db).group(.or) { group in
                group.filter(\.$assetTag == ref)
                if let id = UUID(uuidString: ref) { group.filter(\.$id == id) }
            }.first()
            guard let id = found?.id else { throw AppError.invalid(field: field, .incidentUnknownCI) }
            if !ids.contains(id) { ids.append(id) }
        }
        return ids
    }

    static func category(_ key: String?, on db: any Database) async throws -> IncidentCategoryModel? {
        guard let key else { return nil }
        let found = try await IncidentCategoryModel.query(on: db).group(.or) { group in
            group.filter(\.$key == key)
            if let id = UUID(uuidString: key) { group.filter(\.$id == id) }
        }.first()
        guard let found else { throw AppError.invalid(field: "category", .incidentUnknownCategory) }
        return found
    }

    /// The top category's key: the domain policy scopes by (customs follow `lane` and `video`).
    static func domain(of category: IncidentCategoryModel?, on db: any Database) async throws -> String? {
        var node = category
        var hops = 0
        while let current = node, let parent = current.parentId, hops < 10 {
            node = try await IncidentCategoryModel.find(parent, on: db)
            hops += 1
        }
        return node?.key
    }
}

/// Kinds of work-log and timeline entries.
public enum EntryKind: String, Sendable, CaseIterable {
    case created, note, reply, status, assign, urge, slaWarning = "sla_warning", slaBreach = "sla_breach"
    case link, survey, major, timeline, priority, callback
    /// At the resolution warning the ticket is escalated to the leads (notifications will page them).
    case escalation
    /// A reminder to a requester the ticket waits for.
    case reminder
    /// Linked to a problem (its number).
    case problem
}

/// An incident's audited state.
struct IncidentSnapshot: Encodable {
    var number: String
    var title: String
    var status: String
    var priority: String
    var impact: Int
    var urgency: Int
    var assignee: String?
    var group: String?
    var parent: String?
    var pendingReason: String?
    var resolutionCode: String?
    var major: Bool
    var cis: [String]?

    init(_ incident: IncidentModel, cis: [UUID]? = nil) {
        number = incident.number
        title = incident.title
        status = incident.status
        priority = "P\(incident.priority)"
        impact = incident.impact
        urgency = incident.urgency
        assignee = incident.assigneeId?.uuidString
        group = incident.groupId?.uuidString
        parent = incident.parentId?.uuidString
        pendingReason = incident.pendingReason
        resolutionCode = incident.resolutionCode
        major = incident.isMajor
        self.cis = cis?.map(\.uuidString)
    }
}
