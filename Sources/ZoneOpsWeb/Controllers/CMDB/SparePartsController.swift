import Fluent
import Vapor
import ZoneOpsDomain
import ZoneOpsServices
import ZoneOpsStore

/// Spare parts in the browser and the API: kinds, stock by place, movements, low-stock warnings.
struct SparePartsController: RouteCollection {
    struct PartForm: Content {
        var name: String
        var partModel: String
        var typeKey: String?
        var unit: String?
        var minimum: Int?
    }

    struct MoveForm: Content {
        var kind: String
        var location: String
        /// Text or a number, so a typo on the form comes back as a message, not a decoding error.
        var quantity: LooseText
        var ci: String?
        var note: String?
    }

    struct PartDTO: Content {
        var id: String
        var name: String
        var partModel: String
        var typeKey: String?
        var unit: String
        var minimum: Int
        var total: Int
        var belowMinimum: Bool
        var stock: [String: Int]
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.spares.components, use: page)
        routes.post(SiteURL.spares.components, use: createPage)
        routes.post(SiteURL.spareMove(SiteURL.idParameter).components, use: movePage)
        routes.get(SiteURL.apiSpares.components, use: list)
        routes.post(SiteURL.apiSpares.components, use: create)
        routes.post(SiteURL.apiSpareMovements(SiteURL.idParameter).components, use: move)
    }

    @Sendable func page(req: Request) async throws -> Response {
        try req.authorize(.readCMDB)
        return try await render(req, error: nil, status: 200)
    }

    @Sendable func createPage(req: Request) async throws -> Response {
        try req.authorize(.editCMDB)
        let form = try req.content.decode(PartForm.self)
        do {
            _ = try await SpareParts.createPart(name: form.name, partModel: form.partModel, typeKey: form.typeKey, unit: form.unit ?? "",
                                                minimum: form.minimum ?? 0, by: req.actor, in: req.services)
        } catch let error as AppError {
            return try await render(req, error: error.message(in: req.language), status: error.status)
        }
        req.flash(.sparePartCreated)
        return req.redirect(to: SiteURL.spares.path)
    }

    @Sendable func movePage(req: Request) async throws -> Response {
        try req.authorize(.editCMDB)
        guard let id = req.parameters.get("id", as: UUID.self) else { throw AppError.notFound }
        let form = try req.content.decode(MoveForm.self)
        do {
            try await Self.move(id, form, req)
        } catch let error as AppError {
            let typed = ["kind": form.kind, "location": form.location, "quantity": form.quantity.text, "ci": form.ci ?? "",
                         "note": form.note ?? ""]
            let problems = FormProblems(error, language: req.language)
            return try await render(req, error: error.message(in: req.language), status: error.status,
                                    failedMove: (id.uuidString, typed, problems))
        }
        req.flash(.spareMoved)
        return req.redirect(to: SiteURL.spares.path)
    }

    @Sendable func list(req: Request) async throws -> ListDTO<PartDTO> {
        try req.authorize(.readCMDB)
        let paths = try await CIQueries.locationPaths(on: req.db)
        let rows = try await SpareParts.overview(on: req.db).map { row in
            PartDTO(id: row.part.id?.uuidString ?? "", name: row.part.name, partModel: row.part.partModel, typeKey: row.part.typeKey,
                    unit: row.part.unit, minimum: row.part.minimum, total: row.total, belowMinimum: row.belowMinimum,
                    stock: Dictionary(row.byPlace.map { (paths[$0.locationId] ?? $0.locationId.uuidString, $0.quantity) }) { $0 + $1 })
        }
        return ListDTO(items: rows, total: rows.count)
    }

    @Sendable func create(req: Request) async throws -> Response {
        try req.authorize(.editCMDB)
        let form = try req.content.decode(PartForm.self)
        let part = try await SpareParts.createPart(name: form.name, partModel: form.partModel, typeKey: form.typeKey, unit: form.unit ?? "",
                                                   minimum: form.minimum ?? 0, by: req.actor, in: req.services)
        let response = Response(status: .created)
        try response.content.encode(["id": part.id?.uuidString ?? ""])
        return response
    }

    @Sendable func move(req: Request) async throws -> HTTPStatus {
        try req.authorize(.editCMDB)
        guard let id = req.parameters.get("id", as: UUID.self) else { throw AppError.notFound }
        try await Self.move(id, try req.content.decode(MoveForm.self), req)
        return .created
    }

    static func move(_ id: UUID, _ form: MoveForm, _ req: Request) async throws {
        guard let kind = SpareMovementKind(rawValue: form.kind) else { throw AppError.invalid(field: "kind", .attrNotAChoice) }
        guard let quantity = Int(form.quantity.text.trimmingCharacters(in: .whitespaces)) else {
            throw AppError.invalid(field: "quantity", .spareQuantityRange)
        }
        try await SpareParts.move(part: id, kind: kind, location: form.location, quantity: quantity, ci: form.ci, note: form.note,
                                  by: req.actor, in: req.services)
    }

    private func render(_ req: Request, error: String?, status: Int,
                        failedMove: (partId: String, values: [String: String], problems: FormProblems)? = nil) async throws -> Response {
        let page = SparePartsPage(rows: try await SpareParts.overview(on: req.db), paths: try await CIQueries.locationPaths(on: req.db),
                                  types: try await CIQueries.types(on: req.db), canEdit: req.can(.editCMDB), error: error,
                                  failedMove: failedMove)
        let response = Page.render(page.body(req.view), title: req.t(.sparesTitle), request: req)
        response.status = HTTPResponseStatus(statusCode: status)
        return response
    }
}
