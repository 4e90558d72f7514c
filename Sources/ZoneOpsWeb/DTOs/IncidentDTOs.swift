import Foundation
import Vapor
import ZoneOpsDomain
import ZoneOpsServices

/// `POST /api/v1/incidents` (API.md) and the report forms.
struct IncidentRequest: Content {
    var title: String
    var description: String?
    var kind: String?
    var impact: LooseText?
    var urgency: LooseText?
    var ciId: String?
    var ciIds: [String]?
    var channel: String?
    var category: String?
    var businessSystem: String?
    var requesterName: String?
    var requesterPhone: String?
    var organizationId: String?
}

/// The body of `POST /api/v1/incidents/{id}/{action}` and of the action forms: each action reads
/// the fields it needs.
struct IncidentActionRequest: Content {
    var assignee: String?
    var group: String?
    var reason: String?
    var pendingReason: String?
    var resolution: String?
    var resolutionCode: String?
    var rating: LooseText?
    var comment: String?
    var body: String?
    var isPublic: String?
    var parent: String?
    var impact: LooseText?
    var urgency: LooseText?
    var note: String?
}

struct IncidentRowDTO: Content {
    var id: String
    var number: String
    var title: String
    var kind: String
    var status: String
    var priority: String
    var channel: String
    var requesterName: String
    var organization: String?
    var assignee: String?
    var group: String?
    var responseDueAt: Date?
    var resolveDueAt: Date?
    var respondedAt: Date?
    var resolvedAt: Date?
    var responseBreached: Bool
    var resolveBreached: Bool
    var slaPaused: Bool
    var major: Bool
    var parentId: String?
    var urgeCount: Int
    var rating: Int?
    var createdAt: Date
    var updatedAt: Date

    init(_ row: IncidentQueries.Row) {
        id = row.id.uuidString
        number = row.number
        title = row.title
        kind = row.kind
        status = row.status.rawValue
        priority = row.priority.label
        channel = row.channel
        requesterName = row.requesterName
        organization = row.organizationName
        assignee = row.assigneeName
        group = row.groupName
        responseDueAt = row.responseDueAt
        resolveDueAt = row.resolveDueAt
        respondedAt = row.respondedAt
        resolvedAt = row.resolvedAt
        responseBreached = row.responseBreached
        resolveBreached = row.resolveBreached
        slaPaused = row.clockPaused
        major = row.isMajor
        parentId = row.parentId?.uuidString
        urgeCount = row.urgeCount
        rating = row.rating
        createdAt = row.createdAt
        updatedAt = row.updatedAt
    }
}

struct IncidentDetailDTO: Content {
    struct CI: Content { var id: String; var name: String; var type: String; var state: String }
    struct Entry: Content { var kind: String; var isPublic: Bool; var body: String; var actor: String; var at: Date }
    struct Clock: Content { var target: Double; var used: Double; var state: String; var dueAt: Date?; var breached: Bool }
    struct SLA: Content { var calendar: String; var response: Clock; var resolve: Clock }

    var incident: IncidentRowDTO
    var description: String
    var impact: Int
    var urgency: Int
    var category: String?
    var businessSystem: String?
    var pendingReason: String?
    var resolution: String?
    var resolutionCode: String?
    var ratingComment: String?
    var closedAt: Date?
    var sla: SLA
    var cis: [CI]
    var workLog: [Entry]
    var parent: String?
    var children: [IncidentRowDTO]

    init(_ detail: IncidentQueries.Detail, levels: ServiceLevels, now: Date, language: AppLanguage) {
        incident = IncidentRowDTO(detail.row)
        description = detail.description
        impact = detail.impact
        urgency = detail.urgency
        category = detail.categoryName.map { language == .en ? $0.en : $0.zh }
        businessSystem = detail.businessSystem
        pendingReason = detail.pendingReason
        resolution = detail.resolution
        resolutionCode = detail.resolutionCode
        ratingComment = detail.ratingComment
        closedAt = detail.closedAt
        let calendar = levels.calendar(BusinessCalendar.Kind(rawValue: detail.slaCalendar) ?? .workingHours)
        func clock(_ clock: SLAClock, breached: Bool) -> Clock {
            Clock(target: clock.target, used: clock.used(at: now, on: calendar), state: clock.state.rawValue,
                  dueAt: clock.due(on: calendar), breached: breached)
        }
        sla = SLA(calendar: detail.slaCalendar, response: clock(detail.clocks.response, breached: detail.row.responseBreached),
                  resolve: clock(detail.clocks.resolve, breached: detail.row.resolveBreached))
        cis = detail.cis.map { CI(id: $0.id.uuidString, name: $0.name, type: $0.typeKey, state: $0.state) }
        workLog = detail.entries.map { Entry(kind: $0.kind, isPublic: $0.isPublic, body: $0.body, actor: $0.actorName, at: $0.at) }
        parent = detail.parent?.number
        children = detail.children.map(IncidentRowDTO.init)
    }
}

/// What `POST /api/v1/incidents` answers (API.md): the record and its SLA due times.
struct IncidentCreatedDTO: Content {
    var id: String
    var number: String
    var priority: String
    var status: String
    var responseDueAt: Date?
    var resolveDueAt: Date?
}
