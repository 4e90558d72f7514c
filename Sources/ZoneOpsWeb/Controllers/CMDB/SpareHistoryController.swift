import Fluent
import Vapor
import ZoneOpsDomain
import ZoneOpsServices
import ZoneOpsStore

/// Where spare parts went: a part's card with its stock and movements, and each CI's record of
/// the parts used on it, in the browser and the API.
struct SpareHistoryController: RouteCollection {
    struct MovementDTO: Content {
        var at: Date
        var kind: String
        var delta: Int
        var partId: String
        var partName: String
        var place: String
        var ciId: String?
        var ciName: String?
        var note: String?
        var actor: String

        init(_ move: SpareParts.Movement) {
            at = move.at
            kind = move.kind?.rawValue ?? ""
            delta = move.delta
            partId = move.partId.uuidString
            partName = move.partName
            place = move.place
            ciId = move.ciId?.uuidString
            ciName = move.ciName
            note = move.note
            actor = move.actorName
        }
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.sparePart(SiteURL.idParameter).components, use: page)
        routes.get(SiteURL.apiSpareMovements(SiteURL.idParameter).components, use: ofPart)
        routes.get(SiteURL.apiCISpareMovements(SiteURL.idParameter).components, use: ofCI)
    }

    @Sendable func page(req: Request) async throws -> Response {
        try req.authorize(.readCMDB)
        let part = try await Self.part(req)
        let overview = try await SpareParts.overview(on: req.db).first { $0.part.id == part.id }
        let page = SparePartPage(part: part, total: overview?.total ?? 0,
                                 movements: try await SpareParts.history(ofPart: try part.requireID(), on: req.db))
        return Page.render(page.body(req.view), title: part.name, request: req)
    }

    @Sendable func ofPart(req: Request) async throws -> ListDTO<MovementDTO> {
        try req.authorize(.readCMDB)
        let rows = try await SpareParts.history(ofPart: try Self.part(req).requireID(), on: req.db)
        return ListDTO(items: rows.map(MovementDTO.init), total: rows.count)
    }

    @Sendable func ofCI(req: Request) async throws -> ListDTO<MovementDTO> {
        try req.authorize(.readCMDB)
        let ci = try await CIQueries.find(req.parameters.get("id"), on: req.db)
        let rows = try await SpareParts.history(ofCI: try ci.requireID(), on: req.db)
        return ListDTO(items: rows.map(MovementDTO.init), total: rows.count)
    }

    static func part(_ req: Request) async throws -> SparePartModel {
        guard let id = req.parameters.get("id", as: UUID.self), let part = try await SparePartModel.find(id, on: req.db) else {
            throw AppError.notFound
        }
        return part
    }
}
