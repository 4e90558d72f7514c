import Plot
import Vapor
import ZoneOpsDomain
import ZoneOpsServices
import ZoneOpsStore

/// The hotline desk in the browser (and `POST /api/v1/hotline/calls` for phone systems).
struct HotlineController: RouteCollection {
    struct CallForm: Content {
        var phone: String
        var callerName: String?
        var organizationName: String?
        var summary: String?
        var result: String?
        var impact: LooseText?
        var urgency: LooseText?
    }

    struct CallbackForm: Content { var note: String }

    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.desk(.hotline).components, use: page)
        routes.post(SiteURL.desk(.hotlineCalls).components, use: logPage)
        routes.post(SiteURL.desk(.hotlineCallback(SiteURL.idParameter)).components, use: callback)
        routes.get(SiteURL.desk(.hotlineHistory).components, use: history)
        routes.post(SiteURL.desk(.apiHotlineCalls).components, use: logAPI)
    }

    @Sendable func page(req: Request) async throws -> Response {
        try req.authorize(.logCalls)
        return try await render(req, values: [:], problems: FormProblems(), status: .ok)
    }

    @Sendable func logPage(req: Request) async throws -> Response {
        try req.authorize(.logCalls)
        let form = try req.content.decode(CallForm.self)
        do {
            let logged = try await Self.log(form, req)
            req.flash(.hotlineLogged)
            if let incident = logged.incident { return req.redirect(to: SiteURL.desk(.incident(try incident.requireID().uuidString)).path) }
            return req.redirect(to: SiteURL.desk(.hotline).path)
        } catch let error as AppError {
            let values = ["phone": form.phone, "callerName": form.callerName ?? "", "organizationName": form.organizationName ?? "",
                          "summary": form.summary ?? "", "result": form.result ?? "", "impact": form.impact?.text ?? "",
                          "urgency": form.urgency?.text ?? ""]
            return try await render(req, values: values, problems: FormProblems(error, language: req.language),
                                    status: HTTPResponseStatus(statusCode: error.status))
        }
    }

    struct CallDTO: Content { var id: String; var incidentId: String?; var incidentNumber: String? }

    @Sendable func logAPI(req: Request) async throws -> Response {
        try req.authorize(.logCalls)
        let logged = try await Self.log(try req.content.decode(CallForm.self), req)
        let response = Response(status: .created)
        try response.content.encode(CallDTO(id: logged.call.uuidString, incidentId: logged.incident?.id?.uuidString,
                                            incidentNumber: logged.incident?.number))
        return response
    }

    static func log(_ form: CallForm, _ req: Request) async throws -> (call: UUID, incident: IncidentModel?) {
        guard let result = Hotline.Result(rawValue: form.result ?? "answered") else { throw AppError.invalid(field: "result", .attrNotAChoice) }
        func level(_ text: LooseText?) -> Int { text.flatMap { Int($0.text) } ?? 3 }
        return try await Hotline.log(.init(callerName: form.callerName ?? "", phone: form.phone, organizationName: form.organizationName,
                                           summary: form.summary ?? "", result: result),
                                     impact: level(form.impact), urgency: level(form.urgency), by: req.actor, in: req.services)
    }

    @Sendable func callback(req: Request) async throws -> Response {
        try req.authorize(.logCalls)
        guard let id = req.parameters.get("id", as: UUID.self) else { throw AppError.notFound }
        let form = try req.content.decode(CallbackForm.self)
        do {
            try await Hotline.calledBack(id, note: form.note, by: req.actor, in: req.services)
        } catch let error as AppError where error.status == 400 || error.status == 409 {
            return try await render(req, values: [:], problems: FormProblems(error, language: req.language),
                                    status: HTTPResponseStatus(statusCode: error.status))
        }
        req.flash(.hotlineLogged)
        return req.redirect(to: SiteURL.desk(.hotline).path)
    }

    /// The caller's earlier tickets, as a fragment for the form.
    @Sendable func history(req: Request) async throws -> Response {
        try req.authorize(.logCalls)
        let phone = req.query[String.self, at: "phone"].map { String($0.prefix(40)) }
        let name = req.query[String.self, at: "name"].map { String($0.prefix(60)) }
        let rows = try await Hotline.history(phone: phone, name: name, on: req.db)
        return IncidentPageController.html(HotlinePage.history(rows, req.view))
    }

    private func render(_ req: Request, values: [String: String], problems: FormProblems, status: HTTPResponseStatus) async throws -> Response {
        let start = CalendarDate.today(req.now).startInBeijing ?? req.now
        let page = HotlinePage(today: try await Hotline.calls(since: start, on: req.db),
                               callbacks: try await Hotline.calls(since: start.addingTimeInterval(-30 * 86_400), openCallbacks: true, on: req.db),
                               answerRate: try await Hotline.answerRate(from: start, to: start.addingTimeInterval(86_400), on: req.db),
                               values: values, problems: problems)
        let response = Page.render(page.body(req.view), title: req.t(.hotlineTitle), request: req)
        response.status = status
        return response
    }
}
