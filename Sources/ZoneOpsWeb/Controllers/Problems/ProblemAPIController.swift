import Fluent
import Vapor
import ZoneOpsDomain
import ZoneOpsServices
import ZoneOpsStore

/// Problems over JSON: create, list, one with its incidents and log, the steps; the known
/// errors that match an incident; the recurrence view; a failed change's follow-up.
struct ProblemAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let id = SiteURL.idParameter
        routes.post(SiteURL.problem(.apiProblems).components, use: create)
        routes.get(SiteURL.problem(.apiProblems).components, use: list)
        routes.get(SiteURL.problem(.apiRecurrence).components, use: recurrence)
        routes.get(SiteURL.problem(.apiProblem(id)).components, use: show)
        routes.post(SiteURL.problem(.apiAction(id, ":action")).components, use: act)
        routes.get(SiteURL.problem(.apiKnownErrors).components, use: knownErrors)
        routes.post(SiteURL.problem(.apiChangeFollowUp(id)).components, use: followUp)
    }

    @Sendable func create(req: Request) async throws -> Response {
        try req.authorize(.manageProblems)
        let problem = try await Problems.create(try req.content.decode(ProblemRequest.self).draft(), by: req.actor, in: req.services)
        let response = Response(status: .created)
        try response.content.encode(["id": try problem.requireID().uuidString, "number": problem.number])
        return response
    }

    @Sendable func list(req: Request) async throws -> ListDTO<ProblemRowDTO> {
        try req.authorize(.readProblems)
        let (rows, total) = try await ProblemQueries.list(try req.problemFilter(), on: req.db)
        return ListDTO(items: rows.map(ProblemRowDTO.init), total: total)
    }

    @Sendable func show(req: Request) async throws -> ProblemDetailDTO {
        try req.authorize(.readProblems)
        return ProblemDetailDTO(try await ProblemQueries.detail(req.parameters.get("id"), now: req.now, on: req.db))
    }

    @Sendable func act(req: Request) async throws -> ProblemDetailDTO {
        guard let id = req.parameters.get("id", as: UUID.self) else { throw AppError.notFound }
        try await ProblemSteps.perform(req.parameters.get("action") ?? "", on: id, try req.content.decode(ProblemActionRequest.self), req)
        return ProblemDetailDTO(try await ProblemQueries.detail(id.uuidString, now: req.now, on: req.db))
    }

    /// Open known errors matching an incident (`?incidentId=`), or words and a CI (`?q=&ciId=`).
    @Sendable func knownErrors(req: Request) async throws -> ListDTO<ProblemRowDTO> {
        try req.authorize(.readProblems)
        let rows: [ProblemQueries.Row]
        if let ref = req.query[String.self, at: "incidentId"], !ref.isEmpty {
            rows = try await ProblemSteps.suggestions(for: ref, on: req.db)
        } else {
            let q = String((req.query[String.self, at: "q"] ?? "").prefix(200))
            var ciIds: [UUID] = []
            if let raw = req.query[String.self, at: "ciId"], !raw.isEmpty {
                guard let id = UUID(uuidString: raw) else { throw AppError.invalid(field: "ciId", .incidentUnknownCI) }
                ciIds = [id]
            }
            rows = try await ProblemQueries.suggestions(ciIds: ciIds, categoryId: nil, text: q, on: req.db)
        }
        return ListDTO(items: rows.map(ProblemRowDTO.init), total: rows.count)
    }

    @Sendable func recurrence(req: Request) async throws -> ListDTO<RecurrenceDTO> {
        try req.authorize(.readProblems)
        let rule = try await req.recurrenceRule()
        let items = try await ProblemQueries.recurrence(rule, now: req.now, on: req.db)
        return ListDTO(items: items.map(RecurrenceDTO.init), total: items.count)
    }

    struct FollowUpDTO: Content { var incidentId: String; var incidentNumber: String; var problemId: String; var problemNumber: String }

    @Sendable func followUp(req: Request) async throws -> Response {
        try req.authorize(.raiseChange)
        try req.authorize(.manageProblems)
        let (incident, problem) = try await Changes.followUp(try req.changeID(), by: req.actor, in: req.services)
        let response = Response(status: .created)
        try response.content.encode(FollowUpDTO(incidentId: try incident.requireID().uuidString, incidentNumber: incident.number,
                                                problemId: try problem.requireID().uuidString, problemNumber: problem.number))
        return response
    }
}

/// The steps on a problem, shared by the API and the pages.
enum ProblemSteps {
    static func perform(_ name: String, on id: UUID, _ body: ProblemActionRequest, _ req: Request) async throws {
        switch name {
        case "link":
            // The desk links a known error to an incident it is working in one click.
            guard req.can(.manageProblems) || req.can(.workIncidents) else { throw AppError.forbidden(.denyRole) }
            guard let incident = body.incident, !incident.isEmpty, incident.count <= 80 else { throw AppError.invalid(field: "incident", .prbUnknownIncident) }
            try await Problems.link(id, incident: incident, by: req.actor, in: req.services)
        case "investigate":
            try req.authorize(.manageProblems)
            var known: Bool?
            if let raw = body.knownError?.text, !raw.isEmpty {
                guard ["true", "false", "on", "1", "0"].contains(raw) else { throw AppError.invalid(field: "knownError", .attrNotAChoice) }
                known = ["true", "on", "1"].contains(raw)
            }
            _ = try await Problems.investigate(id, note: body.note, rootCause: body.rootCause, workaround: body.workaround, knownError: known,
                                               by: req.actor, in: req.services)
        case "close":
            try req.authorize(.manageProblems)
            guard (body.change?.count ?? 0) <= 80 else { throw AppError.invalid(field: "change", .prbUnknownChange) }
            _ = try await Problems.close(id, change: body.change, decision: body.decision, by: req.actor, in: req.services)
        default:
            throw AppError.notFound
        }
    }

    /// Known errors that match an incident (its CIs, category and words), not yet linked to it.
    static func suggestions(for ref: String, on db: any Database) async throws -> [ProblemQueries.Row] {
        guard let id = UUID(uuidString: ref), let incident = try await IncidentModel.find(id, on: db) else { throw AppError.notFound }
        let cis = try await IncidentCIModel.query(on: db).filter(\.$incident.$id == id).all().map { $0.ciId }
        let linked = Set(try await ProblemIncidentModel.query(on: db).filter(\.$incidentId == id).all().map(\.problemId))
        return try await ProblemQueries.suggestions(ciIds: cis, categoryId: incident.categoryId, text: incident.title + " " + incident.description,
                                                    excluding: linked, on: db)
    }
}

extension Request {
    func problemFilter() throws -> ProblemQueries.Filter {
        var status: ProblemStatus?
        if let raw = query[String.self, at: "status"], !raw.isEmpty {
            guard let parsed = ProblemStatus(rawValue: raw) else { throw AppError.invalid(field: "status", .attrNotAChoice) }
            status = parsed
        }
        let known = ["1", "true"].contains(query[String.self, at: "known"] ?? query[String.self, at: "knownError"] ?? "")
        let q = query[String.self, at: "q"].map { String($0.unicodeScalars.filter { $0.value >= 0x20 }.prefix(100).map(Character.init)) }
        return ProblemQueries.Filter(q: q, status: status, knownErrors: known, page: try integer(.page))
    }

    /// The recurrence thresholds: the saved ones, or `?days=&minimum=` for this look.
    func recurrenceRule() async throws -> RecurrenceRule {
        var rule = try await RecurrenceStore.load(on: db)
        func bounded(_ name: String, _ range: ClosedRange<Int>) throws -> Int? {
            guard let raw = query[String.self, at: name], !raw.isEmpty else { return nil }
            guard raw.count <= 4, let value = Int(raw), range.contains(value) else {
                throw AppError.outOfRange(field: name, lower: range.lowerBound, upper: range.upperBound)
            }
            return value
        }
        if let days = try bounded("days", RecurrenceRule.daysRange) { rule.days = days }
        if let minimum = try bounded("minimum", RecurrenceRule.minimumRange) { rule.minimum = minimum }
        return rule
    }
}
