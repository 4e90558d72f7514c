import Fluent
import Vapor
import ZoneOpsDomain
import ZoneOpsServices
import ZoneOpsStore

/// Places and CI types, in the browser and the API.
struct CMDBSetupController: RouteCollection {
    struct LocationForm: Content {
        var name: String
        var kind: String
        var parentId: String?
        var code: String?
    }

    struct AttributeForm: Content {
        var key: String
        var zh: String
        var en: String?
        var kind: String
        var options: String?
        var required: String?
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.locations.components, use: locations)
        routes.post(SiteURL.locations.components, use: createLocation)
        routes.get(SiteURL.ciTypes.components, use: types)
        routes.post(SiteURL.ciTypeAttributes(SiteURL.idParameter).components, use: addAttribute)
        routes.get(SiteURL.apiCITypes.components, use: apiTypes)
        routes.post(SiteURL.apiCITypeAttributes(SiteURL.idParameter).components, use: apiAddAttribute)
    }

    @Sendable func locations(req: Request) async throws -> Response {
        try req.authorize(.readCMDB)
        return try await locationsPage(req, error: nil)
    }

    @Sendable func createLocation(req: Request) async throws -> Response {
        try req.authorize(.editCMDB)
        let form = try req.content.decode(LocationForm.self)
        do {
            guard let kind = LocationKind(rawValue: form.kind) else { throw AppError.invalid(field: "kind", .errorUnknownLocationKind) }
            let parent = form.parentId.flatMap { $0.isEmpty ? nil : UUID(uuidString: $0) }
            _ = try await Locations.create(name: form.name, kind: kind, parentId: parent, code: form.code?.isEmpty == false ? form.code : nil,
                                           by: req.actor, in: req.services)
        } catch let error as AppError {
            let response = try await locationsPage(req, error: error.message(in: req.language))
            response.status = HTTPResponseStatus(statusCode: error.status)
            return response
        }
        req.flash(.locationCreated)
        return req.redirect(to: SiteURL.locations.path)
    }

    @Sendable func types(req: Request) async throws -> Response {
        try req.authorize(.readCMDB)
        return try await typesPage(req, error: nil)
    }

    @Sendable func addAttribute(req: Request) async throws -> Response {
        try req.authorize(.configureSystem)
        let form = try req.content.decode(AttributeForm.self)
        do {
            _ = try await CITypes.addAttribute(to: req.parameters.get("id") ?? "", Self.input(form), by: req.actor, in: req.services)
        } catch let error as AppError {
            let response = try await typesPage(req, error: error.message(in: req.language))
            response.status = HTTPResponseStatus(statusCode: error.status)
            return response
        }
        req.flash(.attributeAdded)
        return req.redirect(to: SiteURL.ciTypes.path)
    }

    @Sendable func apiTypes(req: Request) async throws -> ListDTO<CITypeDTO> {
        try req.authorize(.readCMDB)
        let types = try await CIQueries.types(on: req.db)
        return ListDTO(items: types.map(CITypeDTO.init), total: types.count)
    }

    @Sendable func apiAddAttribute(req: Request) async throws -> Response {
        try req.authorize(.configureSystem)
        let form = try req.content.decode(AttributeForm.self)
        let type = try await CITypes.addAttribute(to: req.parameters.get("id") ?? "", Self.input(form), by: req.actor, in: req.services)
        let response = Response(status: .created)
        try response.content.encode(CITypeDTO(type))
        return response
    }

    static func input(_ form: AttributeForm) -> CITypes.NewAttribute {
        CITypes.NewAttribute(key: form.key, zh: form.zh, en: form.en ?? "", kind: form.kind, options: form.options ?? "",
                             required: form.required == "true")
    }

    private func locationsPage(_ req: Request, error: String?) async throws -> Response {
        let all = try await LocationModel.query(on: req.db).all()
        let rows = all.map { (model: $0, path: Locations.path(of: $0, in: all)) }.sorted { $0.path < $1.path }
        let page = LocationsPage(locations: rows, canEdit: req.can(.editCMDB), error: error)
        return Page.render(page.body(req.view), title: req.t(.locationsTitle), request: req)
    }

    private func typesPage(_ req: Request, error: String?) async throws -> Response {
        let page = CITypesPage(types: try await CIQueries.types(on: req.db), canConfigure: req.can(.configureSystem), error: error)
        return Page.render(page.body(req.view), title: req.t(.typesTitle), request: req)
    }
}
