import Fluent
import Vapor
import ZoneOpsDomain
import ZoneOpsServices
import ZoneOpsStore
import ZoneOpsWire

/// Problems in the browser: the list and known errors, raising one (from incidents too), one
/// problem with its steps, the recurrence view; and a failed change's follow-up.
struct ProblemPageController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let id = SiteURL.idParameter
        routes.get(SiteURL.problem(.list(knownErrors: false)).components, use: list)
        routes.get(SiteURL.problem(.new(incidents: [])).components, use: newForm)
        routes.post(SiteURL.problem(.new(incidents: [])).components, use: create)
        routes.get(SiteURL.problem(.recurrence).components, use: recurrence)
        routes.get(SiteURL.problem(.knownErrorHint).components, use: knownErrorHint)
        routes.get(SiteURL.problem(.export).components, use: export)
        routes.post(SiteURL.problem(.recurrence).components, use: saveRule)
        routes.get(SiteURL.problem(.problem(id)).components, use: show)
        routes.post(SiteURL.problem(.action(id, ":action")).components, use: act)
        routes.post(SiteURL.problem(.changeFollowUp(id)).components, use: followUp)
    }

    @Sendable func list(req: Request) async throws -> Response {
        try req.authorize(.readProblems)
        let filter = try req.problemFilter()
        let (rows, total) = try await ProblemQueries.list(filter, on: req.db)
        return Page.render(ProblemListPage(filter: filter, rows: rows, total: total).body(req.view), title: req.t(.navProblems), request: req)
    }

    /// Known errors matching the words (and the CI: id, asset tag or name) the desk is typing.
    @Sendable func knownErrorHint(req: Request) async throws -> Response {
        try req.authorize(.readProblems)
        let words = String((req.query[String.self, at: "q"] ?? "").prefix(200))
        var ciIds: [UUID] = []
        if let ref = req.query[String.self, at: "ci"]?.trimmingCharacters(in: .whitespaces), !ref.isEmpty, ref.count <= 80 {
            ciIds = (try? await Changes.resolveCIs([ref], on: req.db)) ?? []
        }
        let rows = try await ProblemQueries.suggestions(ciIds: ciIds, categoryId: nil, text: words, limit: 3, on: req.db)
        return IncidentPageController.html(ProblemLabels.hint(rows, req.view))
    }

    @Sendable func export(req: Request) async throws -> Response {
        try req.authorize(.readProblems)
        let filter = try req.problemFilter()
        let rows = try await Paging.all(perPage: ProblemQueries.Filter.perPage) { page in
            var paged = filter
            paged.page = page
            return try await ProblemQueries.list(paged, on: req.db).rows
        }
        let view = req.view
        let header = [view.t(.incNumber), view.t(.incFieldTitle), view.t(.incFieldStatus), view.t(.prbKnownError), view.t(.prbWorkaround),
                      view.t(.prbIncidents)]
        let data = try XLSXWriter.workbook(sheetName: view.t(.navProblems), rows: [header] + rows.map { row in
            [row.number, row.title, view.t(row.status.label), row.isKnownError ? view.t(.yes) : "", row.workaround, String(row.incidentCount)]
        })
        return LedgerController.download(data, name: "问题清单-\(CalendarDate.today(req.now)).xlsx", fallback: "problems.xlsx")
    }

    @Sendable func newForm(req: Request) async throws -> Response {
        try req.authorize(.manageProblems)
        let incidents = (req.query[String.self, at: "incidents"] ?? "").split(separator: ",").prefix(Problems.maxLinks).joined(separator: "\n")
        let title = String((req.query[String.self, at: "title"] ?? "").prefix(200))
        return form(req, values: ["incidents": incidents, "title": title], problems: FormProblems(), status: .ok)
    }

    struct FormBody: Content { var title: String?; var description: String?; var incidents: String?; var ciIds: String? }

    @Sendable func create(req: Request) async throws -> Response {
        try req.authorize(.manageProblems)
        let body = try req.content.decode(FormBody.self)
        do {
            let request = ProblemRequest(title: body.title, description: body.description, incidents: FormList.items(body.incidents), ciIds: FormList.items(body.ciIds))
            let problem = try await Problems.create(try request.draft(), by: req.actor, in: req.services)
            req.flash(.chgSaved)
            return req.redirect(to: SiteURL.problem(.problem(try problem.requireID().uuidString)).path)
        } catch let error as AppError where error.status == 400 || error.status == 422 {
            return form(req, values: ["title": body.title ?? "", "description": body.description ?? "", "incidents": body.incidents ?? "",
                                      "ciIds": body.ciIds ?? ""], problems: FormProblems(error, language: req.language),
                        status: HTTPResponseStatus(statusCode: error.status))
        }
    }

    private func form(_ req: Request, values: [String: String], problems: FormProblems, status: HTTPResponseStatus) -> Response {
        let response = Page.render(ProblemFormPage(values: values, problems: problems).body(req.view), title: req.t(.prbNew), request: req)
        response.status = status
        return response
    }

    @Sendable func show(req: Request) async throws -> Response {
        try req.authorize(.readProblems)
        return try await render(req, id: req.parameters.get("id"), problems: FormProblems(), status: .ok)
    }

    private func render(_ req: Request, id: String?, problems: FormProblems, status: HTTPResponseStatus) async throws -> Response {
        let detail = try await ProblemQueries.detail(id, now: req.now, on: req.db)
        let response = Page.render(ProblemDetailPage(detail: detail, problems: problems).body(req.view),
                                   title: detail.row.number + " " + detail.row.title, request: req)
        response.status = status
        return response
    }

    struct ActionBody: Content {
        var incident: String?
        var note: String?
        var rootCause: String?
        var workaround: String?
        var knownError: String?
        var change: String?
        var decision: String?
        /// `incident`: go back to the incident the known error was linked from.
        var back: String?
    }

    @Sendable func act(req: Request) async throws -> Response {
        guard let id = req.parameters.get("id", as: UUID.self) else { throw AppError.notFound }
        let body = try req.content.decode(ActionBody.self)
        let request = ProblemActionRequest(incident: body.incident, note: body.note, rootCause: body.rootCause, workaround: body.workaround,
                                           knownError: body.knownError.map { LooseText(text: $0) }, change: body.change, decision: body.decision)
        do {
            try await ProblemSteps.perform(req.parameters.get("action") ?? "", on: id, request, req)
        } catch let error as AppError where [400, 409, 422].contains(error.status) {
            return try await render(req, id: id.uuidString, problems: FormProblems(error, language: req.language),
                                    status: HTTPResponseStatus(statusCode: error.status))
        }
        req.flash(.chgSaved)
        if body.back == "incident", let number = body.incident,
           let incident = try await IncidentModel.query(on: req.db).filter(\.$number == number).first(), let incidentId = incident.id {
            return req.redirect(to: SiteURL.desk(.incident(incidentId.uuidString)).path + "#problems")
        }
        return req.redirect(to: SiteURL.problem(.problem(id.uuidString)).path)
    }

    @Sendable func recurrence(req: Request) async throws -> Response {
        try req.authorize(.readProblems)
        let rule = try await req.recurrenceRule()
        let items = try await ProblemQueries.recurrence(rule, now: req.now, on: req.db)
        return Page.render(RecurrencePage(rule: rule, items: items).body(req.view), title: req.t(.prbRecurrence), request: req)
    }

    struct RuleBody: Content { var days: String?; var minimum: String? }

    @Sendable func saveRule(req: Request) async throws -> Response {
        try req.authorize(.manageProblems)
        let body = try req.content.decode(RuleBody.self)
        guard let days = body.days.flatMap({ Int($0.prefix(4)) }), let minimum = body.minimum.flatMap({ Int($0.prefix(4)) }) else {
            throw AppError.invalid(field: "days", .attrNotAChoice)
        }
        try await RecurrenceStore.save(RecurrenceRule(days: days, minimum: minimum), by: req.actor, in: req.services)
        req.flash(.chgSaved)
        return req.redirect(to: SiteURL.problem(.recurrence).path)
    }

    @Sendable func followUp(req: Request) async throws -> Response {
        try req.authorize(.raiseChange)
        try req.authorize(.manageProblems)
        let (_, problem) = try await Changes.followUp(try req.changeID(), by: req.actor, in: req.services)
        req.flash(.chgFollowUpDone)
        return req.redirect(to: SiteURL.problem(.problem(try problem.requireID().uuidString)).path)
    }
}
