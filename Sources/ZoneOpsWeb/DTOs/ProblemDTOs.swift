import Foundation
import Vapor
import ZoneOpsDomain
import ZoneOpsServices

struct ProblemRequest: Content {
    var title: String?
    var description: String?
    /// Incident ids or numbers.
    var incidents: [String]?
    /// CI ids, asset tags or names.
    var ciIds: [String]?
    var category: String?

    func draft() throws -> Problems.Draft {
        guard (incidents?.count ?? 0) <= Problems.maxLinks * 2 else { throw AppError.invalid(field: "incidents", .prbTooManyLinks) }
        guard (ciIds?.count ?? 0) <= ChangeDraft.maxCIs * 2 else { throw AppError.invalid(field: "ciIds", .chgTooManyCIs) }
        return Problems.Draft(title: title ?? "", description: description ?? "", incidents: incidents ?? [], cis: ciIds ?? [],
                              categoryKey: category)
    }
}

/// What a step on a problem carries: `link {incident}`, `investigate {note?, rootCause?,
/// workaround?, knownError?}`, `close {change? | decision?}`.
struct ProblemActionRequest: Content {
    var incident: String?
    var note: String?
    var rootCause: String?
    var workaround: String?
    var knownError: LooseText?
    var change: String?
    var decision: String?
}

struct ProblemRowDTO: Content {
    var id: String
    var number: String
    var title: String
    var status: String
    var knownError: Bool
    var workaround: String
    var incidents: Int
    var updatedAt: Date

    init(_ row: ProblemQueries.Row) {
        id = row.id.uuidString
        number = row.number
        title = row.title
        status = row.status.rawValue
        knownError = row.isKnownError
        workaround = row.workaround
        incidents = row.incidentCount
        updatedAt = row.updatedAt
    }
}

struct ProblemDetailDTO: Content {
    struct Incident: Content { var id: String; var number: String; var title: String; var status: String }
    struct CI: Content { var id: String; var name: String; var state: String }
    struct Entry: Content { var kind: String; var body: String; var actor: String; var at: Date }

    var problem: ProblemRowDTO
    var description: String
    var rootCause: String
    var workaround: String
    var category: String?
    var incidents: [Incident]
    var cis: [CI]
    var history: [Entry]
    var closingChange: String?
    var closingDecision: String?

    init(_ detail: ProblemQueries.Detail) {
        problem = ProblemRowDTO(detail.row)
        description = detail.model.description
        rootCause = detail.model.rootCause
        workaround = detail.model.workaround
        category = detail.categoryName
        incidents = detail.incidents.map { Incident(id: $0.id.uuidString, number: $0.number, title: $0.title, status: $0.status.rawValue) }
        cis = detail.cis.map { CI(id: $0.id.uuidString, name: $0.name, state: $0.state) }
        history = detail.entries.map { Entry(kind: $0.kind, body: $0.body, actor: $0.actorName, at: $0.at) }
        closingChange = detail.closingChange?.number
        closingDecision = detail.model.closingDecision
    }
}

struct RecurrenceDTO: Content {
    var kind: String
    var id: String
    var name: String
    var count: Int
    var incidents: [String]
    var problem: String?

    init(_ item: ProblemQueries.Recurrence) {
        kind = item.kind.rawValue
        id = item.id.uuidString
        name = item.name
        count = item.count
        incidents = item.numbers
        problem = item.problemNumber
    }
}
