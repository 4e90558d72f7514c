import Fluent
import Vapor
import ZoneOpsDomain
import ZoneOpsServices
import ZoneOpsStore

/// User and organization management over the API (admins).
struct UserAPIController: RouteCollection {
    struct CreateUser: Content {
        var username: String
        var displayName: String
        var password: String
        var role: String
        var organizationId: String?
        var mobile: String?
    }

    struct UpdateUser: Content {
        var displayName: String?
        var role: String?
        var organizationId: String?
        var isActive: Bool?
        var password: String?
        var language: String?
        var mobile: String?
    }

    struct CreateOrganization: Content {
        var name: String
        var kind: String
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.apiUsers.components, use: list)
        routes.post(SiteURL.apiUsers.components, use: create)
        routes.get(SiteURL.apiUser(SiteURL.idParameter).components, use: show)
        routes.patch(SiteURL.apiUser(SiteURL.idParameter).components, use: update)
        routes.get(SiteURL.apiOrganizations.components, use: organizations)
        routes.post(SiteURL.apiOrganizations.components, use: createOrganization)
    }

    @Sendable func list(req: Request) async throws -> ListDTO<UserDTO> {
        try req.authorize(.manageUsers)
        let rows = try await UserQueries.all(on: req.db)
        return ListDTO(items: rows.map { UserDTO($0, organization: $0.organization) }, total: rows.count)
    }

    @Sendable func show(req: Request) async throws -> UserDTO {
        try req.authorize(.manageUsers)
        let user = try await UserQueries.find(req.parameters.get("id"), on: req.db)
        return UserDTO(user, organization: try await user.$organization.get(on: req.db))
    }

    @Sendable func create(req: Request) async throws -> Response {
        try req.authorize(.manageUsers)
        let body = try req.content.decode(CreateUser.self)
        let input = Accounts.NewUser(username: body.username, displayName: body.displayName, password: body.password,
                                     role: body.role, organizationId: body.organizationId, mobile: body.mobile)
        let user = try await Accounts.createUser(input, by: req.actor, in: req.services)
        let response = Response(status: .created)
        try response.content.encode(UserDTO(user, organization: try await user.$organization.get(on: req.db)))
        return response
    }

    @Sendable func update(req: Request) async throws -> UserDTO {
        // The role first: whether an id exists is itself only for those who manage users.
        try req.authorize(.manageUsers)
        let target = try await UserQueries.find(req.parameters.get("id"), on: req.db)
        try req.authorize(.manageUsers, on: ObjectFacts(userId: target.id?.uuidString))
        let body = try req.content.decode(UpdateUser.self)
        // An empty organizationId removes the organization; an absent one leaves it.
        let change = Accounts.UserChange(displayName: body.displayName, role: body.role,
                                         organizationId: body.organizationId.map { .some($0) },
                                         isActive: body.isActive, password: body.password,
                                         language: body.language.map { .some($0) }, mobile: body.mobile)
        let user = try await Accounts.updateUser(id: try target.requireID(), change, by: req.actor, in: req.services)
        return UserDTO(user, organization: try await user.$organization.get(on: req.db))
    }

    @Sendable func organizations(req: Request) async throws -> ListDTO<OrganizationDTO> {
        let user = try req.authorize(.readOrganizations)
        let rows = try await UserQueries.organizations(visibleTo: user.subject, on: req.db)
        return ListDTO(items: rows.map(OrganizationDTO.init), total: rows.count)
    }

    @Sendable func createOrganization(req: Request) async throws -> Response {
        try req.authorize(.manageOrganizations)
        let body = try req.content.decode(CreateOrganization.self)
        let organization = try await Accounts.createOrganization(name: body.name, kind: body.kind, by: req.actor,
                                                                 in: req.services)
        let response = Response(status: .created)
        try response.content.encode(OrganizationDTO(organization))
        return response
    }
}
