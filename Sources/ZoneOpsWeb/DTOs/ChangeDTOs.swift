import Foundation
import Vapor
import ZoneOpsDomain
import ZoneOpsServices

/// A change as the API and the browser form send it (API.md's change body). Times are RFC 3339,
/// or a datetime-local value read in Beijing time; CIs by id or asset tag.
struct ChangeRequest: Content {
    var title: String?
    var type: String?
    var description: String?
    var ciIds: [String]?
    var plannedStart: String?
    var plannedEnd: String?
    var plan: String?
    var rollbackPlan: String?
    var risk: String?
    var testEvidence: String?
    var emergencyReason: String?
    /// A standard change's pre-approved template.
    var templateId: String?

    func draft() throws -> ChangeDraft {
        guard let type = ChangeType(rawValue: type ?? "normal") else { throw AppError.invalid(field: "type", .attrNotAChoice) }
        if let start = plannedStart, !start.isEmpty, LocalTime.parse(start) == nil { throw AppError.invalid(field: "plannedStart", .chgTimeInvalid) }
        if let end = plannedEnd, !end.isEmpty, LocalTime.parse(end) == nil { throw AppError.invalid(field: "plannedEnd", .chgTimeInvalid) }
        guard (ciIds?.count ?? 0) <= ChangeDraft.maxCIs * 2 else { throw AppError.invalid(field: "ciIds", .chgTooManyCIs) }
        return ChangeDraft(title: title ?? "", type: type, description: description ?? "", cis: ciIds ?? [],
                           plannedStart: LocalTime.parse(plannedStart), plannedEnd: LocalTime.parse(plannedEnd),
                           plan: plan ?? "", rollbackPlan: rollbackPlan ?? "", risk: risk ?? "", testEvidence: testEvidence ?? "",
                           emergencyReason: emergencyReason, templateKey: templateId.map { String($0.prefix(80)) })
    }
}

/// What a step carries (API.md: `approve {"comment"?}`, `reject {"comment"}`, `complete {"result","document"?}`).
struct ChangeActionRequest: Content {
    var comment: String?
    var result: String?
    var document: String?
    /// For `schedule`: who carries it out (username or id).
    var implementer: String?
}

struct ChangeCreatedDTO: Content {
    var id: String
    var number: String
    var status: String
}

struct ChangeRowDTO: Content {
    var id: String
    var number: String
    var title: String
    var type: String
    var status: String
    var emergency: Bool
    var plannedStart: Date
    var plannedEnd: Date
    var raisedBy: String

    init(_ row: ChangeQueries.Row) {
        id = row.id.uuidString
        number = row.number
        title = row.title
        type = row.type.rawValue
        status = row.status.rawValue
        emergency = row.isEmergency
        plannedStart = row.plannedStart
        plannedEnd = row.plannedEnd
        raisedBy = row.raisedByName
    }
}

struct ChangeDetailDTO: Content {
    struct CI: Content { var id: String; var name: String; var type: String; var state: String; var impacted: Int }
    struct Entry: Content { var kind: String; var body: String; var actor: String; var at: Date }
    struct Collision: Content { var change: ChangeRowDTO; var cis: [String] }
    struct Blackout: Content { var id: String; var title: String; var start: Date; var end: Date }
    struct Window: Content { var ciId: String; var start: Date; var end: Date? }
    struct Document: Content { var name: String; var contentType: String; var url: String }

    var change: ChangeRowDTO
    var description: String
    var plan: String
    var rollbackPlan: String
    var risk: String
    var testEvidence: String
    var emergencyReason: String?
    var actualStart: Date?
    var actualEnd: Date?
    var result: String?
    var document: String?
    var documentFile: Document?
    var reviewNote: String?
    var decidedBy: String?
    var implementer: String?
    var cis: [CI]
    var history: [Entry]
    var collisions: [Collision]
    var blackouts: [Blackout]
    var maintenanceWindows: [Window]

    init(_ detail: ChangeQueries.Detail) {
        let model = detail.model
        change = ChangeRowDTO(detail.row)
        description = model.description
        plan = model.plan
        rollbackPlan = model.rollbackPlan
        risk = model.risk
        testEvidence = model.testEvidence
        emergencyReason = model.emergencyReason
        actualStart = model.actualStart
        actualEnd = model.actualEnd
        result = model.resultNote
        document = model.document
        documentFile = model.documentName.map {
            Document(name: $0, contentType: model.documentType ?? "", url: SiteURL.change(.documentFile(detail.row.id.uuidString)).path)
        }
        reviewNote = model.reviewNote
        decidedBy = model.decidedByName
        implementer = detail.implementerName
        cis = detail.cis.map { CI(id: $0.id.uuidString, name: $0.name, type: $0.type, state: $0.state, impacted: $0.impacted) }
        history = detail.entries.map { Entry(kind: $0.kind, body: $0.body, actor: $0.actorName, at: $0.at) }
        collisions = detail.collisions.map { Collision(change: ChangeRowDTO($0.change), cis: $0.ciNames) }
        blackouts = detail.blackouts.map { Blackout(id: $0.id.uuidString, title: $0.title, start: $0.start, end: $0.end) }
        maintenanceWindows = detail.windows.map { Window(ciId: $0.ciId.uuidString, start: $0.start, end: $0.end) }
    }
}
