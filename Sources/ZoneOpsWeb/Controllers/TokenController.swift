import Fluent
import Vapor
import ZoneOpsDomain
import ZoneOpsServices
import ZoneOpsStore

/// API tokens: created with a password, listed and revoked by their owner.
struct TokenController: RouteCollection {
    struct CreateRequest: Content {
        var username: String
        var password: String
        var name: String?
        var validDays: Int?
    }

    struct CreateResponse: Content {
        var id: String
        var token: String
        var expiresAt: Date
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.post(SiteURL.apiTokens.components, use: create)
        routes.get(SiteURL.apiTokens.components, use: list)
        routes.delete(SiteURL.apiToken(SiteURL.idParameter).components, use: revoke)
    }

    @Sendable func create(req: Request) async throws -> Response {
        let body = try req.content.decode(CreateRequest.self)
        guard let user = try await AuthController.authenticate(body.username, body.password, via: "api", req: req) else {
            throw AppError.unauthenticated
        }
        guard Policy.allows(user.userRole, .createToken) else { throw AppError.forbidden(.denyRole) }
        let actor = Actor(userId: user.id?.uuidString, name: user.username, address: req.clientAddress)
        let issued = try await Authentication.issueToken(for: user, name: body.name ?? "api", validDays: body.validDays ?? 30,
                                                         by: actor, in: req.services)
        let response = Response(status: .created)
        try response.content.encode(CreateResponse(id: issued.model.id?.uuidString ?? "", token: issued.token,
                                                   expiresAt: issued.model.expiresAt))
        return response
    }

    @Sendable func list(req: Request) async throws -> ListDTO<TokenDTO> {
        let user = try req.requireUser()
        let tokens = try await Self.tokens(of: user.id, on: req.db)
        return ListDTO(items: tokens.map(TokenDTO.init), total: tokens.count)
    }

    @Sendable func revoke(req: Request) async throws -> HTTPStatus {
        let user = try req.requireUser()
        guard let id = req.parameters.get("id", as: UUID.self) else { throw AppError.notFound }
        try await Authentication.revokeToken(id: id, ownedBy: user.id, by: req.actor, in: req.services)
        return .noContent
    }

    static func tokens(of userId: UUID, on db: any Database) async throws -> [APITokenModel] {
        try await APITokenModel.query(on: db).filter(\.$user.$id == userId).sort(\.$createdAt, .descending).all()
    }
}
