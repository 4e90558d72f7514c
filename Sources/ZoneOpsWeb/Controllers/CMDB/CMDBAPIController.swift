import Fluent
import Vapor
import ZoneOpsDomain
import ZoneOpsServices
import ZoneOpsStore

/// The CMDB over JSON: CIs, relations, impact, history, types and locations (API.md).
struct CMDBAPIController: RouteCollection {
    struct RelationRequest: Content {
        var type: String
        var targetId: String
        var port: String?
    }

    struct LocationRequest: Content {
        var name: String
        var kind: String
        var parentId: String?
        var code: String?
    }

    func boot(routes: any RoutesBuilder) throws {
        let id = SiteURL.idParameter
        routes.get(SiteURL.apiCIs.components, use: list)
        routes.post(SiteURL.apiCIs.components, use: create)
        routes.get(SiteURL.apiCI(id).components, use: show)
        routes.patch(SiteURL.apiCI(id).components, use: update)
        routes.delete(SiteURL.apiCI(id).components, use: delete)
        routes.post(SiteURL.apiCIRelations(id).components, use: addRelation)
        routes.get(SiteURL.apiCIRelations(id).components, use: relations)
        routes.delete(SiteURL.apiCIRelation(id, SiteURL.secondParameter).components, use: removeRelation)
        routes.get(SiteURL.apiCIImpact(id).components, use: impact)
        routes.get(SiteURL.apiCIHistory(id).components, use: history)
        routes.post(SiteURL.apiCICredential(id).components, use: credential)
        routes.get(SiteURL.apiLocations.components, use: locations)
        routes.post(SiteURL.apiLocations.components, use: createLocation)
    }

    @Sendable func list(req: Request) async throws -> ListDTO<CIDTO> {
        try req.authorize(.readCMDB)
        let filter = try CIQueries.Filter(req)
        let (items, total) = try await CIQueries.search(filter, on: req.db)
        let names = try await CIQueries.typeNames(on: req.db, req.language)
        let paths = try await CIQueries.locationPaths(on: req.db)
        return ListDTO(items: items.map { CIDTO($0, typeName: names[$0.typeKey], location: $0.$location.id.flatMap { paths[$0] }) },
                       total: total)
    }

    @Sendable func show(req: Request) async throws -> CIDTO {
        try req.authorize(.readCMDB)
        return try await dto(try await CIQueries.find(req.parameters.get("id"), on: req.db), req)
    }

    @Sendable func create(req: Request) async throws -> Response {
        try req.authorize(.editCMDB)
        let body = try req.content.decode(CIRequest.self)
        let ci = try await CMDB.createCI(body.input, by: req.actor, in: req.services)
        let response = Response(status: .created)
        try response.content.encode(try await dto(ci, req))
        return response
    }

    @Sendable func update(req: Request) async throws -> CIDTO {
        try req.authorize(.editCMDB)
        let ci = try await CIQueries.find(req.parameters.get("id"), on: req.db)
        let body = try req.content.decode(CIRequest.self)
        return try await dto(try await CMDB.updateCI(id: try ci.requireID(), body.input, by: req.actor, in: req.services), req)
    }

    @Sendable func delete(req: Request) async throws -> HTTPStatus {
        try req.authorize(.editCMDB)
        let ci = try await CIQueries.find(req.parameters.get("id"), on: req.db)
        try await CMDB.deleteCI(id: try ci.requireID(), by: req.actor, in: req.services)
        return .noContent
    }

    @Sendable func addRelation(req: Request) async throws -> Response {
        try req.authorize(.editCMDB)
        let ci = try await CIQueries.find(req.parameters.get("id"), on: req.db)
        let body = try req.content.decode(RelationRequest.self)
        let relation = try await Relations.add(source: try ci.requireID(), target: body.targetId, type: body.type,
                                               port: body.port, by: req.actor, in: req.services)
        let response = Response(status: .created)
        try response.content.encode(Self.dto(relation))
        return response
    }

    @Sendable func relations(req: Request) async throws -> ListDTO<RelationDTO> {
        try req.authorize(.readCMDB)
        let ci = try await CIQueries.find(req.parameters.get("id"), on: req.db)
        let (outgoing, incoming) = try await CIQueries.relations(of: try ci.requireID(), on: req.db)
        let all = (outgoing + incoming).map(Self.dto)
        return ListDTO(items: all, total: all.count)
    }

    @Sendable func removeRelation(req: Request) async throws -> HTTPStatus {
        try req.authorize(.editCMDB)
        let ci = try await CIQueries.find(req.parameters.get("id"), on: req.db)
        guard let relationId = req.parameters.get("relation", as: UUID.self) else { throw AppError.notFound }
        try await Relations.remove(id: relationId, of: try ci.requireID(), by: req.actor, in: req.services)
        return .noContent
    }

    @Sendable func impact(req: Request) async throws -> ImpactDTO {
        try req.authorize(.readCMDB)
        let ci = try await CIQueries.find(req.parameters.get("id"), on: req.db)
        return ImpactDTO(try await Impact.of(try ci.requireID(), limit: try req.integer(.impactLimit), on: req.db,
                                             graphs: req.application.zoneOps.relationGraph))
    }

    @Sendable func history(req: Request) async throws -> ListDTO<StatusChangeDTO> {
        try req.authorize(.readCMDB)
        let ci = try await CIQueries.find(req.parameters.get("id"), on: req.db)
        let rows = try await CIQueries.history(of: try ci.requireID(), on: req.db)
        return ListDTO(items: rows.map { StatusChangeDTO(from: $0.fromStatus, to: $0.toStatus, at: $0.at, actor: $0.actorName,
                                                          note: $0.note) }, total: rows.count)
    }

    /// The plain credential, for those who may edit the CMDB; every reading is audited.
    struct CredentialDTO: Content { var credential: String? }

    @Sendable func credential(req: Request) async throws -> CredentialDTO {
        try req.authorize(.editCMDB)
        let ci = try await CIQueries.find(req.parameters.get("id"), on: req.db)
        return CredentialDTO(credential: try await CMDB.revealCredential(id: try ci.requireID(), by: req.actor, in: req.services))
    }

    @Sendable func locations(req: Request) async throws -> ListDTO<LocationDTO> {
        try req.authorize(.readCMDB)
        let all = try await LocationModel.query(on: req.db).all()
        let items = all.map { LocationDTO(id: $0.id?.uuidString ?? "", parentId: $0.$parent.id?.uuidString, kind: $0.kind,
                                          name: $0.name, code: $0.code, path: Locations.path(of: $0, in: all)) }
            .sorted { $0.path < $1.path }
        return ListDTO(items: items, total: items.count)
    }

    @Sendable func createLocation(req: Request) async throws -> Response {
        try req.authorize(.editCMDB)
        let body = try req.content.decode(LocationRequest.self)
        guard let kind = LocationKind(rawValue: body.kind) else { throw AppError.invalid(field: "kind", .errorUnknownLocationKind) }
        let parent: UUID? = try body.parentId.flatMap { raw throws -> UUID? in
            if raw.isEmpty { return nil }
            guard let id = UUID(uuidString: raw) else { throw AppError.invalid(field: "parentId", .errorUnknownLocation) }
            return id
        }
        let location = try await Locations.create(name: body.name, kind: kind, parentId: parent, code: body.code,
                                                  by: req.actor, in: req.services)
        let all = try await LocationModel.query(on: req.db).all()
        let response = Response(status: .created)
        try response.content.encode(LocationDTO(id: location.id?.uuidString ?? "", parentId: parent?.uuidString, kind: kind.rawValue,
                                                name: location.name, code: location.code, path: Locations.path(of: location, in: all)))
        return response
    }

    func dto(_ ci: CIModel, _ req: Request) async throws -> CIDTO {
        let names = try await CIQueries.typeNames(on: req.db, req.language)
        let path = try await ci.$location.id.asyncMap { id in try await CIQueries.locationPaths(on: req.db)[id] } ?? nil
        return CIDTO(ci, typeName: names[ci.typeKey], location: path)
    }

    static func dto(_ relation: CIRelationModel) -> RelationDTO {
        RelationDTO(id: relation.id?.uuidString ?? "", type: relation.type, sourceId: relation.$source.id.uuidString,
                    targetId: relation.$target.id.uuidString, port: relation.port)
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
