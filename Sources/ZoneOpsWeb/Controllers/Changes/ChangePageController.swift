import Fluent
import Plot
import Vapor
import ZoneOpsDomain
import ZoneOpsServices
import ZoneOpsStore
import ZoneOpsWire

/// Changes in the browser: the list (and its export), raising and revising, one change with
/// its steps, the implementation log, the maintenance document, the printable request.
struct ChangePageController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let id = SiteURL.idParameter
        routes.get(SiteURL.change(.list).components, use: list)
        routes.get(SiteURL.change(.export).components, use: export)
        routes.get(SiteURL.change(.new).components, use: newForm)
        routes.post(SiteURL.change(.new).components, use: create)
        routes.get(SiteURL.change(.change(id)).components, use: show)
        routes.get(SiteURL.change(.edit(id)).components, use: editForm)
        routes.post(SiteURL.change(.edit(id)).components, use: update)
        routes.get(SiteURL.change(.print(id)).components, use: print)
        routes.post(SiteURL.change(.log(id)).components, use: log)
        routes.on(.POST, SiteURL.change(.document(id)).components, body: .collect(maxSize: ByteCount(value: Changes.maxDocumentBytes + 64 * 1024)),
                  use: document)
        routes.get(SiteURL.change(.documentFile(id)).components, use: documentFile)
        routes.post(SiteURL.change(.action(id, ":action")).components, use: act)
        routes.post(SiteURL.change(.template(id)).components, use: makeTemplate)
    }

    @Sendable func list(req: Request) async throws -> Response {
        try req.authorize(.readChanges)
        let filter = try req.changeFilter()
        let (rows, total) = try await ChangeQueries.list(filter, on: req.db)
        let templates = try await Changes.templates(on: req.db).compactMap { t in t.id.map { (id: $0.uuidString, name: t.name) } }
        let page = ChangeListPage(filter: filter, rows: rows, total: total, templates: templates)
        if req.query[String.self, at: "fragment"] != nil { return IncidentPageController.html(page.list(req.view)) }
        return Page.render(page.body(req.view), title: req.t(.navChanges), request: req)
    }

    @Sendable func export(req: Request) async throws -> Response {
        try req.authorize(.readChanges)
        let filter = try req.changeFilter()
        let rows = try await Paging.all(perPage: ChangeQueries.Filter.perPage) { page in
            var paged = filter
            paged.page = page
            return try await ChangeQueries.list(paged, on: req.db).rows
        }
        let view = req.view
        let header = [view.t(.incNumber), view.t(.incFieldTitle), view.t(.chgFieldType), view.t(.chgEmergencyFlag), view.t(.incFieldStatus),
                      view.t(.chgPlannedStart), view.t(.chgPlannedEnd), view.t(.chgRaisedBy)]
        let data = try XLSXWriter.workbook(sheetName: view.t(.navChanges), rows: [header] + rows.map { row in
            [row.number, row.title, view.t(row.type.label), row.isEmergency ? view.t(.yes) : "", view.t(row.status.label),
             Format.time(row.plannedStart), Format.time(row.plannedEnd), row.raisedByName]
        })
        return LedgerController.download(data, name: "变更清单-\(CalendarDate.today(req.now)).xlsx", fallback: "changes.xlsx")
    }

    @Sendable func newForm(req: Request) async throws -> Response {
        try req.authorize(.raiseChange)
        var values: [String: String] = [:]
        // A form opened from a CI's page starts with that CI.
        if let ci = req.query[String.self, at: "ci"], ci.count <= 80 { values["ciIds"] = ci }
        // From a pre-approved template: a standard change with its plan filled in.
        if let key = req.query[String.self, at: "template"], let id = UUID(uuidString: key),
           let template = try await ChangeTemplateModel.find(id, on: req.db) {
            values.merge(["type": ChangeType.standard.rawValue, "templateId": id.uuidString, "title": template.name, "plan": template.plan,
                          "rollbackPlan": template.rollbackPlan, "risk": template.risk, "testEvidence": template.testEvidence]) { _, new in new }
        }
        return try await form(req, id: nil, values: values, problems: FormProblems(), status: .ok)
    }

    struct FormBody: Content {
        var title: String?
        var type: String?
        var ciIds: String?
        var plannedStart: String?
        var plannedEnd: String?
        var description: String?
        var plan: String?
        var rollbackPlan: String?
        var risk: String?
        var testEvidence: String?
        var emergencyReason: String?
        var templateId: String?

        var request: ChangeRequest {
            ChangeRequest(title: title, type: type, description: description,
                          ciIds: FormList.items(ciIds),
                          plannedStart: plannedStart, plannedEnd: plannedEnd, plan: plan, rollbackPlan: rollbackPlan, risk: risk,
                          testEvidence: testEvidence, emergencyReason: emergencyReason, templateId: templateId?.nilIfBlank)
        }

        var values: [String: String] {
            ["title": title ?? "", "type": type ?? "", "ciIds": ciIds ?? "", "plannedStart": plannedStart ?? "", "plannedEnd": plannedEnd ?? "",
             "description": description ?? "", "plan": plan ?? "", "rollbackPlan": rollbackPlan ?? "", "risk": risk ?? "",
             "testEvidence": testEvidence ?? "", "emergencyReason": emergencyReason ?? "", "templateId": templateId ?? ""]
        }
    }

    @Sendable func create(req: Request) async throws -> Response {
        try req.authorize(.raiseChange)
        let body = try req.content.decode(FormBody.self)
        do {
            let change = try await Changes.create(try body.request.draft(), by: req.actor, in: req.services)
            req.flash(.chgSaved)
            return req.redirect(to: SiteURL.change(.change(try change.requireID().uuidString)).path)
        } catch let error as AppError where error.status == 400 || error.status == 422 {
            return try await form(req, id: nil, values: body.values, problems: FormProblems(error, language: req.language),
                                  status: HTTPResponseStatus(statusCode: error.status))
        }
    }

    @Sendable func editForm(req: Request) async throws -> Response {
        try req.authorize(.raiseChange)
        let detail = try await ChangeQueries.detail(req.parameters.get("id"), graphs: req.graphs, on: req.db)
        return try await form(req, id: detail.row.id.uuidString, values: ChangeFormPage.values(detail), problems: FormProblems(), status: .ok)
    }

    @Sendable func update(req: Request) async throws -> Response {
        let user = try req.authorize(.raiseChange)
        let id = try req.changeID()
        let body = try req.content.decode(FormBody.self)
        do {
            _ = try await Changes.update(id, try body.request.draft(), by: req.actor, subject: user.subject, in: req.services)
            req.flash(.chgSaved)
            return req.redirect(to: SiteURL.change(.change(id.uuidString)).path)
        } catch let error as AppError where error.status == 400 || error.status == 422 {
            return try await form(req, id: id.uuidString, values: body.values, problems: FormProblems(error, language: req.language),
                                  status: HTTPResponseStatus(statusCode: error.status))
        }
    }

    private func form(_ req: Request, id: String?, values: [String: String], problems: FormProblems, status: HTTPResponseStatus) async throws -> Response {
        let rules = try await ChangeRulesStore.load(on: req.db)
        let templates = try await Changes.templates(on: req.db).compactMap { t in t.id.map { (id: $0.uuidString, name: t.name) } }
        let page = ChangeFormPage(id: id, values: values, problems: problems, leadDays: rules.leadDays, templates: templates)
        let response = Page.render(page.body(req.view), title: req.t(id == nil ? .chgNew : .chgEdit), request: req)
        response.status = status
        return response
    }

    @Sendable func show(req: Request) async throws -> Response {
        try req.authorize(.readChanges)
        return try await render(req, id: req.parameters.get("id"), problems: FormProblems(), status: .ok)
    }

    private func render(_ req: Request, id: String?, problems: FormProblems, status: HTTPResponseStatus) async throws -> Response {
        let detail = try await ChangeQueries.detail(id, graphs: req.graphs, on: req.db)
        let implementers = try await UserModel.query(on: req.db).filter(\.$isActive == true)
            .filter(\.$role ~~ [Role.lead.rawValue, Role.engineer.rawValue]).sort(\.$displayName).limit(200).all()
            .map { (username: $0.username, name: $0.displayName) }
        let page = ChangeDetailPage(detail: detail, rules: try await ChangeRulesStore.load(on: req.db), now: req.now, userId: req.user?.id.uuidString,
                                    implementers: implementers, problems: problems)
        let response = Page.render(page.body(req.view), title: detail.row.number + " " + detail.row.title, request: req)
        response.status = status
        return response
    }

    @Sendable func print(req: Request) async throws -> Response {
        try req.authorize(.readChanges)
        let detail = try await ChangeQueries.detail(req.parameters.get("id"), graphs: req.graphs, on: req.db)
        return Page.render(ChangeRequestSheet(detail: detail).body(req.view), title: req.t(.chgSheetTitle) + " " + detail.row.number, request: req)
    }

    @Sendable func act(req: Request) async throws -> Response {
        let id = try req.changeID()
        let body = try req.content.decode(ChangeActionRequest.self)
        do {
            _ = try await ChangeSteps.perform(req.parameters.get("action") ?? "", on: id, body, req)
        } catch let error as AppError where [400, 403, 409, 422].contains(error.status) {
            return try await render(req, id: id.uuidString, problems: FormProblems(error, language: req.language),
                                    status: HTTPResponseStatus(statusCode: error.status))
        }
        req.flash(.chgSaved)
        return req.redirect(to: SiteURL.change(.change(id.uuidString)).path)
    }

    struct TemplateBody: Content { var name: String? }

    @Sendable func makeTemplate(req: Request) async throws -> Response {
        try req.authorize(.approveChange)
        let id = try req.changeID()
        do {
            _ = try await Changes.makeTemplate(from: id, name: try req.content.decode(TemplateBody.self).name ?? "", by: req.actor, in: req.services)
        } catch let error as AppError where [400, 409].contains(error.status) {
            return try await render(req, id: id.uuidString, problems: FormProblems(error, language: req.language),
                                    status: HTTPResponseStatus(statusCode: error.status))
        }
        req.flash(.chgSaved)
        return req.redirect(to: SiteURL.change(.list).path)
    }

    struct LogBody: Content { var body: String }

    @Sendable func log(req: Request) async throws -> Response {
        try req.authorize(.raiseChange)
        let id = try req.changeID()
        do {
            try await Changes.log(id, try req.content.decode(LogBody.self).body, by: req.actor, in: req.services)
        } catch let error as AppError where [400, 409].contains(error.status) {
            return try await render(req, id: id.uuidString, problems: FormProblems(error, language: req.language),
                                    status: HTTPResponseStatus(statusCode: error.status))
        }
        req.flash(.chgSaved)
        return req.redirect(to: SiteURL.change(.change(id.uuidString)).path)
    }

    struct Upload: Content { var file: File }

    @Sendable func document(req: Request) async throws -> Response {
        try req.authorize(.raiseChange)
        let id = try req.changeID()
        do {
            let upload = try req.content.decode(Upload.self)
            try await Changes.attachDocument(id, data: Data(buffer: upload.file.data), filename: upload.file.filename, by: req.actor,
                                             files: req.files, in: req.services)
        } catch let error as AppError where [400, 409, 413].contains(error.status) {
            return try await render(req, id: id.uuidString, problems: FormProblems(error, language: req.language),
                                    status: HTTPResponseStatus(statusCode: error.status))
        }
        req.flash(.chgSaved)
        return req.redirect(to: SiteURL.change(.change(id.uuidString)).path + "#document")
    }

    @Sendable func documentFile(req: Request) async throws -> Response {
        try req.authorize(.readChanges)
        guard let id = req.parameters.get("id", as: UUID.self), let change = try await ChangeModel.find(id, on: req.db),
              let sha = change.documentSHA, let data = req.files.get(sha) else { throw AppError.notFound }
        var headers = HTTPHeaders()
        headers.add(name: .contentType, value: change.documentType ?? "application/octet-stream")
        let name = change.documentName ?? "document"
        headers.add(name: .contentDisposition,
                    value: "attachment; filename=\"document\"; filename*=UTF-8''\(name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "document")")
        headers.add(name: "X-Content-Type-Options", value: "nosniff")
        return Response(status: .ok, headers: headers, body: .init(data: data))
    }
}
