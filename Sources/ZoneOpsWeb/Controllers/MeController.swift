import Fluent
import Vapor
import ZoneOpsStore

/// `GET /api/v1/me`: who the caller is.
struct MeController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.apiMe.components, use: show)
    }

    /// Synchronous on purpose: the identity is already resolved, and this is the hottest route.
    @Sendable func show(req: Request) throws -> UserDTO {
        UserDTO(try req.requireUser().identity)
    }
}
