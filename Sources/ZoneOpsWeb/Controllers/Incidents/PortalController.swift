import Plot
import Vapor
import ZoneOpsDomain
import ZoneOpsServices

/// The self-service portal for enterprises, customs and anyone reporting: their tickets (live),
/// the report form, one ticket with its public replies, confirm / reopen / rate / urge.
struct PortalController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let id = SiteURL.idParameter
        routes.get(SiteURL.desk(.portal).components, use: portal)
        routes.get(SiteURL.desk(.portalNew).components, use: newForm)
        routes.on(.POST, SiteURL.desk(.portalNew).components, body: .collect(maxSize: AttachmentController.maxBody), use: create)
            .bodyLimit(AttachmentController.maxBody.value)
        routes.get(SiteURL.desk(.portalTicket(id)).components, use: ticket)
        routes.post(SiteURL.desk(.portalAction(id, ":action")).components, use: act)
    }

    @Sendable func portal(req: Request) async throws -> Response {
        let user = try req.authorize(.reportIncident)
        var queue = try await IncidentPageController.queuePage(req, portal: true)
        if Policy.scope(user.subject, .readIncidents) == .all {
            // Staff and the supervisor see everything elsewhere; here, what they reported themselves.
            queue.rows = try await IncidentQueries.reported(by: user.id, limit: IncidentQueries.Filter.perPage, on: req.db)
            queue.total = queue.rows.count
        }
        if req.query[String.self, at: "fragment"] != nil {
            return IncidentPageController.html(queue.rows.isEmpty ? .p(.class("muted"), .text(req.t(.portalNoTickets))) : queue.list(req.view))
        }
        let page = PortalPage(queue: queue, majors: try await IncidentQueries.openMajors(on: req.db),
                              contact: try await ServiceDeskContact.load(on: req.db))
        return Page.render(page.body(req.view), title: req.t(.portalTitle), request: req)
    }

    @Sendable func newForm(req: Request) async throws -> Response {
        try req.authorize(.reportIncident)
        let values = ["ciId": req.query[String.self, at: "ci"] ?? "", "kind": req.query[String.self, at: "kind"] ?? "fault"]
        return try await IncidentPageController.renderForm(req, portal: true, values: values, problems: FormProblems(), status: .ok)
    }

    /// A screenshot sent with the report (multipart form).
    struct Screenshot: Content { var screenshot: File? }

    @Sendable func create(req: Request) async throws -> Response {
        let body = try req.content.decode(IncidentRequest.self)
        let screenshot = req.headers.contentType?.type == "multipart" ? try? req.content.decode(Screenshot.self).screenshot : nil
        let shot = screenshot.flatMap { $0.data.readableBytes > 0 ? ($0.filename, Data(buffer: $0.data)) : nil }
        do {
            if let shot { try Attachments.check(shot.1, field: "screenshot") }
            let channel: IncidentChannel = req.headers.first(name: .userAgent)?.contains("Mobile") == true ? .mobile : .portal
            var portalBody = body
            portalBody.requesterName = nil
            portalBody.organizationId = nil
            portalBody.channel = nil
            let incident = try await IncidentActions.create(portalBody, channel: channel, req)
            if let shot {
                _ = try await Attachments.add(incident: try incident.requireID(), data: shot.1, filename: shot.0, isPublic: true,
                                              by: req.actor, store: req.application.zoneOps.files, in: req.services)
            }
            req.session.data[Page.flashKey] = req.view.format(.incCreated, incident.number)
            return req.redirect(to: SiteURL.desk(.portalTicket(try incident.requireID().uuidString)).path)
        } catch let error as AppError {
            return try await IncidentPageController.renderForm(req, portal: true, values: IncidentPageController.typed(body),
                                                               problems: FormProblems(error, language: req.language),
                                                               status: HTTPResponseStatus(statusCode: error.status))
        }
    }

    @Sendable func ticket(req: Request) async throws -> Response {
        try await IncidentPageController.renderDetail(req, ref: req.parameters.get("id"), portal: true, problems: FormProblems(), status: .ok)
    }

    @Sendable func act(req: Request) async throws -> Response {
        try await IncidentPageController.act(req, portal: true)
    }
}
