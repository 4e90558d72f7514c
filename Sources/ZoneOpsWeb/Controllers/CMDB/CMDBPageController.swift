import Fluent
import Vapor
import ZoneOpsDomain
import ZoneOpsServices
import ZoneOpsStore

/// The CMDB in the browser: list and search, register and edit, relations, impact, the phone page.
struct CMDBPageController: RouteCollection {
    struct RelationForm: Content {
        var type: String
        var target: String
        var port: String?
    }

    func boot(routes: any RoutesBuilder) throws {
        let id = SiteURL.idParameter
        routes.get(SiteURL.cis.components, use: list)
        routes.post(SiteURL.cis.components, use: create)
        routes.get(SiteURL.newCI.components, use: new)
        routes.get(SiteURL.ci(id).components, use: show)
        routes.get(SiteURL.editCI(id).components, use: edit)
        routes.post(SiteURL.editCI(id).components, use: update)
        routes.post(SiteURL.deleteCI(id).components, use: delete)
        routes.post(SiteURL.ciRelations(id).components, use: addRelation)
        routes.post(SiteURL.ciRelationDelete(id, SiteURL.secondParameter).components, use: removeRelation)
        routes.get(SiteURL.ciImpact(id).components, use: impact)
        routes.get(SiteURL.mobileCI(id).components, use: mobile)
        routes.post(SiteURL.ciCredential(id).components, use: revealCredential)
    }

    @Sendable func list(req: Request) async throws -> Response {
        try req.authorize(.readCMDB)
        let filter = try CIQueries.Filter(req)
        let (items, total) = try await CIQueries.search(filter, on: req.db)
        let page = CIListPage(filter: filter, items: items, total: total, types: try await CIQueries.types(on: req.db),
                              locations: try await Self.locationOptions(req.db), canEdit: req.can(.editCMDB))
        return Page.render(page.body(req.view), title: req.t(.cmdbTitle), request: req)
    }

    @Sendable func new(req: Request) async throws -> Response {
        try req.authorize(.editCMDB)
        return try await form(req, ci: nil, typeKey: req.query["type"], values: [:])
    }

    @Sendable func create(req: Request) async throws -> Response {
        try req.authorize(.editCMDB)
        let values = try req.content.decode([String: String].self)
        if values[CIFormPage.switchTypeField] != nil {
            return try await form(req, ci: nil, typeKey: values["type"], values: values)
        }
        do {
            let ci = try await CMDB.createCI(Self.input(from: values), by: req.actor, in: req.services)
            req.flash(.ciCreated)
            return req.redirect(to: SiteURL.ci(ci.id?.uuidString ?? "").path)
        } catch let error as AppError {
            return try await form(req, ci: nil, typeKey: values["type"], values: values,
                                  problems: FormProblems(error, language: req.language), status: error.status)
        }
    }

    @Sendable func show(req: Request) async throws -> Response {
        try req.authorize(.readCMDB)
        let page = try await Self.detail(req, error: nil)
        return Page.render(page.body(req.view), title: page.ci.name, request: req)
    }

    @Sendable func edit(req: Request) async throws -> Response {
        try req.authorize(.editCMDB)
        let ci = try await CIQueries.find(req.parameters.get("id"), on: req.db)
        var values = CIFormPage.values(of: ci)
        if let type: String = req.query["type"] { values["type"] = type }
        return try await form(req, ci: ci, typeKey: values["type"], values: values)
    }

    @Sendable func update(req: Request) async throws -> Response {
        try req.authorize(.editCMDB)
        let ci = try await CIQueries.find(req.parameters.get("id"), on: req.db)
        let values = try req.content.decode([String: String].self)
        if values[CIFormPage.switchTypeField] != nil {
            return try await form(req, ci: ci, typeKey: values["type"], values: values)
        }
        do {
            _ = try await CMDB.updateCI(id: try ci.requireID(), Self.input(from: values), by: req.actor, in: req.services)
            req.flash(.ciUpdated)
            return req.redirect(to: SiteURL.ci(ci.id?.uuidString ?? "").path)
        } catch let error as AppError {
            return try await form(req, ci: ci, typeKey: values["type"], values: values,
                                  problems: FormProblems(error, language: req.language), status: error.status)
        }
    }

    @Sendable func delete(req: Request) async throws -> Response {
        try req.authorize(.editCMDB)
        let ci = try await CIQueries.find(req.parameters.get("id"), on: req.db)
        let id = try ci.requireID()
        guard (try? req.content.get(String.self, at: ConfirmPage.field)) == ConfirmPage.yes else {
            let (outgoing, incoming) = try await CIQueries.relations(of: id, on: req.db)
            let page = ConfirmPage(title: req.t(.deleteCI) + "？",
                                   message: Catalog.shared.format(.deleteCIAsk, req.language, ci.name, ci.assetTag ?? "—",
                                                                  String(outgoing.count + incoming.count)),
                                   action: SiteURL.deleteCI(id.uuidString).path, confirmLabel: req.t(.deleteCI),
                                   cancel: SiteURL.ci(id.uuidString).path)
            return Page.render(page.body(req.view), title: page.title, request: req)
        }
        try await CMDB.deleteCI(id: id, by: req.actor, in: req.services)
        req.flash(.ciDeleted)
        return req.redirect(to: SiteURL.cis.path)
    }

    @Sendable func addRelation(req: Request) async throws -> Response {
        try req.authorize(.editCMDB)
        let ci = try await CIQueries.find(req.parameters.get("id"), on: req.db)
        let form = try req.content.decode(RelationForm.self)
        do {
            let target = try await Relations.resolveTarget(form.target, on: req.db).uuidString
            _ = try await Relations.add(source: try ci.requireID(), target: target, type: form.type, port: form.port,
                                        by: req.actor, in: req.services)
        } catch let error as AppError {
            let page = try await Self.detail(req, error: error.message(in: req.language))
            let response = Page.render(page.body(req.view), title: page.ci.name, request: req)
            response.status = HTTPResponseStatus(statusCode: error.status)
            return response
        }
        req.flash(.relationAdded)
        return req.redirect(to: SiteURL.ci(ci.id?.uuidString ?? "").path)
    }

    @Sendable func removeRelation(req: Request) async throws -> Response {
        try req.authorize(.editCMDB)
        let ci = try await CIQueries.find(req.parameters.get("id"), on: req.db)
        guard let relationId = req.parameters.get("relation", as: UUID.self) else { throw AppError.notFound }
        guard (try? req.content.get(String.self, at: ConfirmPage.field)) == ConfirmPage.yes else {
            let id = ci.id?.uuidString ?? ""
            let page = ConfirmPage(title: req.t(.remove) + "？", message: Catalog.shared.format(.relationRemoveAsk, req.language, ci.name),
                                   action: SiteURL.ciRelationDelete(id, relationId.uuidString).path,
                                   confirmLabel: req.t(.remove), cancel: SiteURL.ci(id).path)
            return Page.render(page.body(req.view), title: page.title, request: req)
        }
        try await Relations.remove(id: relationId, of: try ci.requireID(), by: req.actor, in: req.services)
        req.flash(.relationRemoved)
        return req.redirect(to: SiteURL.ci(ci.id?.uuidString ?? "").path)
    }

    @Sendable func impact(req: Request) async throws -> Response {
        try req.authorize(.readCMDB)
        let ci = try await CIQueries.find(req.parameters.get("id"), on: req.db)
        let result = ImpactDTO(try await Impact.of(try ci.requireID(), on: req.db, graphs: req.application.zoneOps.relationGraph))
        let page = ImpactPage(ciId: ci.id?.uuidString ?? "", ciName: ci.name, impact: result,
                              typeNames: try await CIQueries.typeNames(on: req.db, req.language))
        return Page.render(page.body(req.view), title: req.t(.impactLink), request: req)
    }

    /// Shows the credential on the detail page; POST so it is never cached or prefetched.
    @Sendable func revealCredential(req: Request) async throws -> Response {
        try req.authorize(.editCMDB)
        var page = try await Self.detail(req, error: nil)
        page.credential = try await CMDB.revealCredential(id: try page.ci.requireID(), by: req.actor, in: req.services) ?? ""
        return Page.render(page.body(req.view), title: page.ci.name, request: req)
    }

    @Sendable func mobile(req: Request) async throws -> Response {
        try req.authorize(.readCMDB)
        let detail = try await Self.detail(req, error: nil)
        let today = Calendar.shanghai.dateComponents([.year, .month, .day], from: req.now)
        let page = MobileCIPage(detail: detail, today: CalendarDate(year: today.year ?? 0, month: today.month ?? 0, day: today.day ?? 0))
        return Page.render(page.body(req.view), title: detail.ci.name, request: req)
    }
}
