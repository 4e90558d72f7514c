import Vapor
import ZoneOpsDomain
import ZoneOpsServices
import ZoneOpsStore

/// Incidents over JSON (API.md): create, list with the policy's scope, one with its work log,
/// and the actions.
struct IncidentAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let id = SiteURL.idParameter
        routes.post(SiteURL.desk(.apiIncidents).components, use: create)
        routes.get(SiteURL.desk(.apiIncidents).components, use: list)
        routes.get(SiteURL.desk(.apiWorkload).components, use: workload)
        routes.get(SiteURL.desk(.apiIncident(id)).components, use: show)
        routes.post(SiteURL.desk(.apiIncidentAction(id, ":action")).components, use: act)
    }

    @Sendable func create(req: Request) async throws -> Response {
        let body = try req.content.decode(IncidentRequest.self)
        let incident = try await IncidentActions.create(body, channel: .api, req)
        let response = Response(status: .created)
        try response.content.encode(IncidentCreatedDTO(id: try incident.requireID().uuidString, number: incident.number,
                                                       priority: "P\(incident.priority)", status: incident.status,
                                                       responseDueAt: incident.responseDueAt, resolveDueAt: incident.resolveDueAt))
        return response
    }

    @Sendable func list(req: Request) async throws -> ListDTO<IncidentRowDTO> {
        let user = try req.authorize(.readIncidents)
        guard let scope = Policy.scope(user.subject, .readIncidents) else { throw AppError.forbidden(.denyRole) }
        let (rows, total) = try await IncidentQueries.list(try req.incidentFilter(), scope: scope, userId: user.id,
                                                           now: req.application.zoneOps.clients.now(), on: req.db)
        return ListDTO(items: rows.map(IncidentRowDTO.init), total: total)
    }

    @Sendable func show(req: Request) async throws -> IncidentDetailDTO {
        let (_, facts) = try await IncidentQueries.facts(req.parameters.get("id"), on: req.db)
        try req.authorize(.readIncidents, on: facts)
        let detail = try await IncidentQueries.detail(req.parameters.get("id"), includeInternal: req.can(.readInternalNotes), on: req.db)
        return IncidentDetailDTO(detail, levels: try await req.application.zoneOps.levels.levels(on: req.db),
                                 now: req.application.zoneOps.clients.now(), language: req.language)
    }

    @Sendable func act(req: Request) async throws -> IncidentDetailDTO {
        let body = try req.content.decode(IncidentActionRequest.self)
        let incident = try await IncidentActions.perform(req.parameters.get("action") ?? "", on: req.parameters.get("id"), body, req)
        let detail = try await IncidentQueries.detail(try incident.requireID().uuidString, includeInternal: req.can(.readInternalNotes),
                                                      on: req.db)
        return IncidentDetailDTO(detail, levels: try await req.application.zoneOps.levels.levels(on: req.db),
                                 now: req.application.zoneOps.clients.now(), language: req.language)
    }

    /// `onDuty`: the person holds a duty shift now (dispatch suggests them first).
    struct WorkloadDTO: Content { var id: String; var username: String; var name: String; var open: Int; var onDuty: Bool }

    @Sendable func workload(req: Request) async throws -> ListDTO<WorkloadDTO> {
        try req.authorize(.workIncidents)
        let rows = try await IncidentQueries.workload(on: req.db)
        let duty = Set(try await DutyQueries.onDuty(at: req.now, on: req.db).map(\.userId))
        let items = rows.map { WorkloadDTO(id: $0.id.uuidString, username: $0.username, name: $0.name, open: $0.open, onDuty: duty.contains($0.id)) }
        return ListDTO(items: items.filter(\.onDuty) + items.filter { !$0.onDuty }, total: rows.count)
    }
}

extension Request {
    /// The queue filter of the query string, every number bounded.
    func incidentFilter() throws -> IncidentQueries.Filter {
        var priority: Int?
        if let raw = query[String.self, at: "priority"]?.trimmingCharacters(in: .whitespaces), !raw.isEmpty {
            guard let parsed = Priority(label: raw) ?? (raw.count == 1 ? Int(raw).flatMap(Priority.init(rawValue:)) : nil) else {
                throw AppError.invalid(field: "priority", .attrNotAChoice)
            }
            priority = parsed.rawValue
        }
        let queueRaw = query[String.self, at: "queue"] ?? ""
        guard queueRaw.isEmpty || IncidentQueries.Queue(rawValue: queueRaw) != nil else { throw AppError.invalid(field: "queue", .attrNotAChoice) }
        let status = query[String.self, at: "status"]
        if let status, !status.isEmpty, status != "open", IncidentStatus(rawValue: status) == nil {
            throw AppError.invalid(field: "status", .attrNotAChoice)
        }
        let q = query[String.self, at: "q"].map { String($0.prefix(100)) }
        var filter = IncidentQueries.Filter(q: q, status: status, priority: priority,
                                            assignee: query[String.self, at: "assignee"].map { String($0.prefix(80)) },
                                            queue: IncidentQueries.Queue(rawValue: queueRaw) ?? .all, page: try integer(.page))
        filter.searchInternal = can(.readInternalNotes)
        return filter
    }
}
