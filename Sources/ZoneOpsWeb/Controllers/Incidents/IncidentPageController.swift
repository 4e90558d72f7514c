import Fluent
import Plot
import Vapor
import ZoneOpsDomain
import ZoneOpsServices
import ZoneOpsStore

/// The desk's incident pages: queues (with the live fragment), the report form, one incident
/// and its action forms. The portal (`PortalController`) shows the same records to requesters.
struct IncidentPageController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let id = SiteURL.idParameter
        routes.get(SiteURL.desk(.queue).components, use: queue)
        routes.get(SiteURL.desk(.queueFragment).components, use: fragment)
        routes.get(SiteURL.desk(.newIncident).components, use: newForm)
        routes.post(SiteURL.desk(.newIncident).components, use: create)
        routes.get(SiteURL.desk(.incident(id)).components, use: show)
        routes.post(SiteURL.desk(.incidentAction(id, ":action")).components, use: act)
    }

    @Sendable func queue(req: Request) async throws -> Response {
        let page = try await Self.queuePage(req)
        return Page.render(page.body(req.view), title: req.t(.incTitle), request: req)
    }

    @Sendable func fragment(req: Request) async throws -> Response {
        let page = try await Self.queuePage(req)
        return Self.html(page.list(req.view))
    }

    static func queuePage(_ req: Request, portal: Bool = false) async throws -> IncidentQueuePage {
        let user = try req.authorize(.readIncidents)
        guard let scope = Policy.scope(user.subject, .readIncidents) else { throw AppError.forbidden(.denyRole) }
        let filter = try req.incidentFilter()
        let (rows, total) = try await IncidentQueries.list(filter, scope: scope, userId: user.id, now: req.now, on: req.db)
        var page = IncidentQueuePage(filter: filter, rows: rows, total: total, now: req.now, portal: portal)
        if !portal {
            page.saved = try await SavedFilters.list(for: user.id, on: req.db)
            if req.can(.workIncidents) {
                page.assignees = try await IncidentQueries.workload(on: req.db).map { ($0.username, $0.name, $0.open) }
            }
        }
        return page
    }

    static func html(_ node: Node<HTML.BodyContext>) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .html
        headers.add(name: .cacheControl, value: "no-store")
        return Response(status: .ok, headers: headers, body: .init(string: node.render()))
    }

    @Sendable func newForm(req: Request) async throws -> Response {
        try req.authorize(.reportIncident)
        var values = ["ciId": req.query[String.self, at: "ci"] ?? "", "kind": req.query[String.self, at: "kind"] ?? "fault"]
        values["channel"] = "hotline"
        return try await Self.renderForm(req, portal: !req.can(.workIncidents), values: values, problems: FormProblems(), status: .ok)
    }

    @Sendable func create(req: Request) async throws -> Response {
        let portal = !req.can(.workIncidents)
        let body = try req.content.decode(IncidentRequest.self)
        do {
            let incident = try await IncidentActions.create(body, channel: portal ? .portal : .hotline, req)
            req.session.data[Page.flashKey] = req.view.format(.incCreated, incident.number)
            let id = try incident.requireID().uuidString
            return req.redirect(to: portal ? SiteURL.desk(.portalTicket(id)).path : SiteURL.desk(.incident(id)).path)
        } catch let error as AppError {
            return try await Self.renderForm(req, portal: portal, values: Self.typed(body), problems: FormProblems(error, language: req.language),
                                             status: HTTPResponseStatus(statusCode: error.status))
        }
    }

    static func typed(_ body: IncidentRequest) -> [String: String] {
        ["title": body.title, "description": body.description ?? "", "kind": body.kind ?? "", "impact": body.impact?.text ?? "",
         "urgency": body.urgency?.text ?? "", "ciId": body.ciId ?? "", "category": body.category ?? "",
         "businessSystem": body.businessSystem ?? "", "requesterName": body.requesterName ?? "",
         "requesterPhone": body.requesterPhone ?? "", "channel": body.channel ?? ""]
    }

    static func renderForm(_ req: Request, portal: Bool, values: [String: String], problems: FormProblems,
                           status: HTTPResponseStatus) async throws -> Response {
        let page = IncidentFormPage(portal: portal, categories: try await IncidentQueries.categories(on: req.db), values: values,
                                    problems: problems)
        let response = Page.render(page.body(req.view), title: req.t(portal ? .portalReport : .incNew), request: req)
        response.status = status
        return response
    }

    @Sendable func show(req: Request) async throws -> Response {
        try await Self.renderDetail(req, ref: req.parameters.get("id"), portal: false, problems: FormProblems(), status: .ok)
    }

    @Sendable func act(req: Request) async throws -> Response {
        try await Self.act(req, portal: false)
    }

    /// Runs a form's action; a refusal re-renders the incident with the problem at its field.
    static func act(_ req: Request, portal: Bool) async throws -> Response {
        let ref = req.parameters.get("id")
        let body = try req.content.decode(IncidentActionRequest.self)
        do {
            let incident = try await IncidentActions.perform(req.parameters.get("action") ?? "", on: ref, body, req)
            req.flash(.incUpdated)
            let id = try incident.requireID().uuidString
            return req.redirect(to: portal ? SiteURL.desk(.portalTicket(id)).path : SiteURL.desk(.incident(id)).path)
        } catch let error as AppError where error.status != 404 && error.status != 401 {
            return try await renderDetail(req, ref: ref, portal: portal, problems: FormProblems(error, language: req.language),
                                          status: HTTPResponseStatus(statusCode: error.status))
        }
    }

    static func renderDetail(_ req: Request, ref: String?, portal: Bool, problems: FormProblems,
                             status: HTTPResponseStatus) async throws -> Response {
        let user = try req.authorize(.readIncidents)
        let (_, facts) = try await IncidentQueries.facts(ref, on: req.db)
        try req.authorize(.readIncidents, on: facts)
        let detail = try await IncidentQueries.detail(ref, includeInternal: req.can(.readInternalNotes) && !portal, on: req.db)
        let isRequester = Policy.isRequester(user.subject, of: detail.facts)
        let work = req.can(.workIncidents) && !portal
        let page = IncidentDetailPage(detail: detail, now: req.now, workload: work ? try await IncidentQueries.workload(on: req.db) : [],
                                      groups: work ? try await SupportGroupModel.query(on: req.db).sort(\.$name).all().map(\.name) : [],
                                      isRequester: isRequester, portal: portal, problems: problems,
                                      ratingToken: work ? try await IncidentQueries.ratingToken(detail.row.id, secrets: req.application.zoneOps.secrets,
                                                                                              on: req.db) : nil,
                                      attachments: try await Attachments.list(incident: detail.row.id,
                                                                              includeInternal: req.can(.readInternalNotes) && !portal, on: req.db))
        var shown = page
        if work { shown.onDuty = try await DutyQueries.onDuty(at: req.now, on: req.db).map(\.userId) }
        if detail.row.isMajor && !portal && (req.can(.readInternalNotes)) {
            let (report, actions) = try await MajorIncidents.report(incident: detail.row.id, on: req.db)
            shown.major = MajorReportSection(incidentId: detail.row.id.uuidString, report: report, actions: actions,
                                             canEdit: req.can(.workIncidents) || req.can(.declareMajorIncident),
                                             today: CalendarDate.today(req.now), problems: problems)
        }
        if !portal && req.can(.readProblems) {
            shown.linkedProblems = try await ProblemQueries.of(incident: detail.row.id, on: req.db)
            // While the incident is open the desk sees the known errors it may be, to link in one click.
            if detail.row.status.isOpen && (req.can(.workIncidents) || req.can(.manageProblems)) {
                shown.knownErrors = try await ProblemSteps.suggestions(for: detail.row.id.uuidString, on: req.db)
            }
        }
        let response = Page.render(shown.body(req.view), title: detail.row.number, request: req)
        response.status = status
        return response
    }
}
