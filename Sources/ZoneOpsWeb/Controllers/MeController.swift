import Fluent
import Vapor
import ZoneOpsStore

/// `GET /api/v1/me`: who the caller is.
struct MeController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.apiMe.components, use: show)
    }

    @Sendable func show(req: Request) async throws -> UserDTO {
        UserDTO(try req.requireUser().identity)
    }
}
