import Fluent
import Vapor
import ZoneOpsDomain
import ZoneOpsServices
import ZoneOpsStore
import ZoneOpsWire

/// Releases over JSON and in the browser: create, list, one with its changes and deployments,
/// deploy to CIs, roll a CI back; and a CI's version history.
struct ReleaseController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let id = SiteURL.idParameter
        routes.get(SiteURL.release(.apiReleases).components, use: apiList)
        routes.post(SiteURL.release(.apiReleases).components, use: apiCreate)
        routes.get(SiteURL.release(.apiRelease(id)).components, use: apiShow)
        routes.post(SiteURL.release(.apiDeploy(id)).components, use: apiDeploy)
        routes.post(SiteURL.release(.apiRollback(id)).components, use: apiRollback)
        routes.get(SiteURL.release(.apiCIVersions(id)).components, use: apiVersions)
        routes.get(SiteURL.release(.list).components, use: list)
        routes.get(SiteURL.release(.export).components, use: export)
        routes.get(SiteURL.release(.new).components, use: newForm)
        routes.post(SiteURL.release(.new).components, use: create)
        routes.get(SiteURL.release(.release(id)).components, use: show)
        routes.post(SiteURL.release(.deploy(id)).components, use: deploy)
        routes.post(SiteURL.release(.rollback(id)).components, use: rollback)
    }

    struct ReleaseRequest: Content {
        var name: String?
        var kind: String?
        var version: String?
        var rollbackVersion: String?
        var notes: String?
        var changes: [String]?

        func draft() throws -> Releases.Draft {
            guard let kind = ReleaseKind(rawValue: kind ?? "software") else { throw AppError.invalid(field: "kind", .attrNotAChoice) }
            guard (changes?.count ?? 0) <= 100 else { throw AppError.invalid(field: "changes", .chgTooManyCIs) }
            return Releases.Draft(name: name ?? "", kind: kind, version: version ?? "", rollbackVersion: rollbackVersion ?? "", notes: notes ?? "",
                                  changes: changes ?? [])
        }
    }

    struct RowDTO: Content {
        var id: String, number: String, name: String, kind: String, version: String, deployedTo: Int, createdAt: Date
        init(_ row: ReleaseQueries.Row) {
            (id, number, name, kind, version, deployedTo, createdAt) = (row.id.uuidString, row.number, row.name, row.kind.rawValue, row.version,
                                                                        row.deployedCount, row.createdAt)
        }
    }

    struct DeploymentDTO: Content {
        var release: String, ciId: String, ci: String, fromVersion: String?, toVersion: String, at: Date, by: String, rolledBackAt: Date?
        init(_ item: ReleaseQueries.Deployment) {
            (release, ciId, ci, fromVersion, toVersion, at, by, rolledBackAt) = (item.releaseNumber, item.ciId.uuidString, item.ciName, item.fromVersion,
                                                                                  item.toVersion, item.at, item.actorName, item.rolledBackAt)
        }
    }

    struct DetailDTO: Content {
        var release: RowDTO
        var rollbackVersion: String
        var notes: String
        var changes: [ChangeRowDTO]
        var deployments: [DeploymentDTO]
        init(_ detail: ReleaseQueries.Detail) {
            release = RowDTO(detail.row)
            rollbackVersion = detail.model.rollbackVersion
            notes = detail.model.notes
            changes = detail.changes.map(ChangeRowDTO.init)
            deployments = detail.deployments.map(DeploymentDTO.init)
        }
    }

    struct DeployRequest: Content { var ciIds: [String] }
    struct RollbackRequest: Content { var ciId: String }

    @Sendable func apiList(req: Request) async throws -> ListDTO<RowDTO> {
        try req.authorize(.readChanges)
        let (rows, total) = try await ReleaseQueries.list(q: req.query[String.self, at: "q"].map { String($0.prefix(100)) },
                                                          page: try req.integer(.page), on: req.db)
        return ListDTO(items: rows.map(RowDTO.init), total: total)
    }

    @Sendable func apiCreate(req: Request) async throws -> Response {
        try req.authorize(.raiseChange)
        let release = try await Releases.create(try req.content.decode(ReleaseRequest.self).draft(), by: req.actor, in: req.services)
        let response = Response(status: .created)
        try response.content.encode(["id": try release.requireID().uuidString, "number": release.number])
        return response
    }

    @Sendable func apiShow(req: Request) async throws -> DetailDTO {
        try req.authorize(.readChanges)
        return DetailDTO(try await ReleaseQueries.detail(req.parameters.get("id"), on: req.db))
    }

    @Sendable func apiDeploy(req: Request) async throws -> DetailDTO {
        try req.authorize(.raiseChange)
        let id = try req.changeID()
        let body = try req.content.decode(DeployRequest.self)
        guard body.ciIds.count <= 200 else { throw AppError.invalid(field: "ciIds", .chgTooManyCIs) }
        _ = try await Releases.deploy(id, to: body.ciIds, by: req.actor, in: req.services)
        return DetailDTO(try await ReleaseQueries.detail(id.uuidString, on: req.db))
    }

    @Sendable func apiRollback(req: Request) async throws -> DetailDTO {
        try req.authorize(.raiseChange)
        let id = try req.changeID()
        let body = try req.content.decode(RollbackRequest.self)
        guard body.ciId.count <= 200 else { throw AppError.invalid(field: "ciId", .incidentUnknownCI) }
        try await Releases.rollback(id, ci: body.ciId, by: req.actor, in: req.services)
        return DetailDTO(try await ReleaseQueries.detail(id.uuidString, on: req.db))
    }

    @Sendable func apiVersions(req: Request) async throws -> ListDTO<DeploymentDTO> {
        try req.authorize(.readCMDB)
        guard let id = req.parameters.get("id", as: UUID.self), try await CIModel.find(id, on: req.db) != nil else { throw AppError.notFound }
        let rows = try await ReleaseQueries.history(of: id, on: req.db)
        return ListDTO(items: rows.map(DeploymentDTO.init), total: rows.count)
    }

    @Sendable func list(req: Request) async throws -> Response {
        try req.authorize(.readChanges)
        let q = req.query[String.self, at: "q"].map { String($0.prefix(100)) }
        let (rows, total) = try await ReleaseQueries.list(q: q, page: try req.integer(.page), on: req.db)
        return Page.render(ReleaseListPage(q: q, rows: rows, total: total).body(req.view), title: req.t(.navReleases), request: req)
    }

    @Sendable func export(req: Request) async throws -> Response {
        try req.authorize(.readChanges)
        let q = req.query[String.self, at: "q"].map { String($0.prefix(100)) }
        let rows = try await Paging.all(perPage: ReleaseQueries.perPage) { try await ReleaseQueries.list(q: q, page: $0, on: req.db).rows }
        let view = req.view
        let data = try XLSXWriter.workbook(sheetName: view.t(.navReleases), rows: [
            [view.t(.incNumber), view.t(.name), view.t(.relKind), view.t(.relVersion), view.t(.relDeployedTo)],
        ] + rows.map { [$0.number, $0.name, view.t($0.kind.label), $0.version, String($0.deployedCount)] })
        return LedgerController.download(data, name: "发布清单-\(CalendarDate.today(req.now)).xlsx", fallback: "releases.xlsx")
    }

    @Sendable func newForm(req: Request) async throws -> Response {
        try req.authorize(.raiseChange)
        return Page.render(ReleaseFormPage(values: [:], problems: FormProblems()).body(req.view), title: req.t(.relNew), request: req)
    }

    struct FormBody: Content { var name: String?; var kind: String?; var version: String?; var rollbackVersion: String?; var notes: String?; var changes: String? }

    @Sendable func create(req: Request) async throws -> Response {
        try req.authorize(.raiseChange)
        let body = try req.content.decode(FormBody.self)
        do {
            let changes = FormList.items(body.changes)
            let request = ReleaseRequest(name: body.name, kind: body.kind, version: body.version, rollbackVersion: body.rollbackVersion,
                                         notes: body.notes, changes: changes)
            let release = try await Releases.create(try request.draft(), by: req.actor, in: req.services)
            req.flash(.chgSaved)
            return req.redirect(to: SiteURL.release(.release(try release.requireID().uuidString)).path)
        } catch let error as AppError where error.status == 400 {
            let values = ["name": body.name ?? "", "kind": body.kind ?? "", "version": body.version ?? "", "rollbackVersion": body.rollbackVersion ?? "",
                          "notes": body.notes ?? "", "changes": body.changes ?? ""]
            let response = Page.render(ReleaseFormPage(values: values, problems: FormProblems(error, language: req.language)).body(req.view),
                                       title: req.t(.relNew), request: req)
            response.status = .badRequest
            return response
        }
    }

    @Sendable func show(req: Request) async throws -> Response {
        try req.authorize(.readChanges)
        return try await render(req, id: req.parameters.get("id"), problems: FormProblems(), status: .ok)
    }

    private func render(_ req: Request, id: String?, problems: FormProblems, status: HTTPResponseStatus) async throws -> Response {
        let detail = try await ReleaseQueries.detail(id, on: req.db)
        let response = Page.render(ReleaseDetailPage(detail: detail, problems: problems).body(req.view), title: detail.row.number, request: req)
        response.status = status
        return response
    }

    struct DeployForm: Content { var ciIds: String? }
    struct RollbackForm: Content { var ciId: String? }

    @Sendable func deploy(req: Request) async throws -> Response {
        try req.authorize(.raiseChange)
        let id = try req.changeID()
        let refs = FormList.items(try req.content.decode(DeployForm.self).ciIds)
        do {
            _ = try await Releases.deploy(id, to: refs, by: req.actor, in: req.services)
        } catch let error as AppError where [400, 409].contains(error.status) {
            return try await render(req, id: id.uuidString, problems: FormProblems(error, language: req.language),
                                    status: HTTPResponseStatus(statusCode: error.status))
        }
        req.flash(.relDeployed)
        return req.redirect(to: SiteURL.release(.release(id.uuidString)).path)
    }

    @Sendable func rollback(req: Request) async throws -> Response {
        try req.authorize(.raiseChange)
        let id = try req.changeID()
        let ci = String((try req.content.decode(RollbackForm.self).ciId ?? "").prefix(200))
        do {
            try await Releases.rollback(id, ci: ci, by: req.actor, in: req.services)
        } catch let error as AppError where [400, 409].contains(error.status) {
            return try await render(req, id: id.uuidString, problems: FormProblems(error, language: req.language),
                                    status: HTTPResponseStatus(statusCode: error.status))
        }
        req.flash(.relRolledBack)
        return req.redirect(to: SiteURL.release(.release(id.uuidString)).path)
    }
}
