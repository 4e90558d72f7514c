import Fluent
import Vapor
import ZoneOpsDomain
import ZoneOpsServices
import ZoneOpsStore

/// User and organization management in the browser (admins).
struct UserPageController: RouteCollection {
    struct UserForm: Content {
        var username: String?
        var displayName: String
        var password: String?
        var role: String
        var organizationId: String?
        var isActive: String?
        var mobile: String?
    }

    struct OrganizationForm: Content {
        var name: String
        var kind: String
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.users.components, use: list)
        routes.get(SiteURL.newUser.components, use: new)
        routes.post(SiteURL.users.components, use: create)
        routes.get(SiteURL.user(SiteURL.idParameter).components, use: edit)
        routes.post(SiteURL.user(SiteURL.idParameter).components, use: update)
        routes.get(SiteURL.organizations.components, use: organizations)
        routes.post(SiteURL.organizations.components, use: createOrganization)
    }

    @Sendable func list(req: Request) async throws -> Response {
        try req.authorize(.manageUsers)
        let page = UsersPage(users: try await UserQueries.all(on: req.db))
        return Page.render(page.body(req.view), title: req.t(.navUsers), request: req)
    }

    @Sendable func new(req: Request) async throws -> Response {
        try req.authorize(.manageUsers)
        return try await form(req, user: nil, values: nil, error: nil)
    }

    @Sendable func create(req: Request) async throws -> Response {
        try req.authorize(.manageUsers)
        let body = try req.content.decode(UserForm.self)
        do {
            let input = Accounts.NewUser(username: body.username ?? "", displayName: body.displayName,
                                         password: body.password ?? "", role: body.role, organizationId: body.organizationId,
                                         mobile: body.mobile)
            _ = try await Accounts.createUser(input, by: req.actor, in: req.services)
        } catch let error as AppError {
            return try await form(req, user: nil, values: body, error: error, status: error.status)
        }
        req.flash(.userCreated)
        return req.redirect(to: SiteURL.users.path)
    }

    @Sendable func edit(req: Request) async throws -> Response {
        try req.authorize(.manageUsers)
        let user = try await UserQueries.find(req.parameters.get("id"), on: req.db)
        return try await form(req, user: user, values: nil, error: nil)
    }

    @Sendable func update(req: Request) async throws -> Response {
        try req.authorize(.manageUsers)
        let user = try await UserQueries.find(req.parameters.get("id"), on: req.db)
        try req.authorize(.manageUsers, on: ObjectFacts(userId: user.id?.uuidString))
        let body = try req.content.decode(UserForm.self)
        let password = body.password.flatMap { $0.isEmpty ? nil : $0 }
        let change = Accounts.UserChange(displayName: body.displayName, role: body.role,
                                         organizationId: .some(body.organizationId), isActive: body.isActive == "on",
                                         password: password, mobile: body.mobile ?? "")
        do {
            _ = try await Accounts.updateUser(id: try user.requireID(), change, by: req.actor, in: req.services)
        } catch let error as AppError {
            return try await form(req, user: user, values: body, error: error, status: error.status)
        }
        req.flash(.userUpdated)
        return req.redirect(to: SiteURL.users.path)
    }

    /// The user form, refilled with what was typed when the input was refused.
    private func form(_ req: Request, user: UserModel?, values: UserForm?, error: AppError?, status: Int = 200) async throws -> Response {
        let organizations = try await OrganizationModel.query(on: req.db).sort(\.$name).all()
        var page = UserFormPage(user: user, organizations: organizations, error: nil,
                                username: values?.username ?? user?.username ?? "",
                                displayName: values?.displayName ?? user?.displayName ?? "",
                                role: values?.role ?? user?.role ?? Role.engineer.rawValue,
                                organizationId: values?.organizationId ?? user?.$organization.id?.uuidString ?? "",
                                isActive: values.map { $0.isActive == "on" } ?? user?.isActive ?? true)
        page.mobile = values?.mobile ?? user?.mobile ?? ""
        page.problems = error.map { FormProblems($0, language: req.language) } ?? FormProblems()
        let response = Page.render(page.body(req.view), title: req.t(user == nil ? .newUser : .editUser), request: req)
        response.status = HTTPResponseStatus(statusCode: status)
        return response
    }

    @Sendable func organizations(req: Request) async throws -> Response {
        try req.authorize(.manageOrganizations)
        return try await organizationsPage(req, error: nil)
    }

    @Sendable func createOrganization(req: Request) async throws -> Response {
        try req.authorize(.manageOrganizations)
        let body = try req.content.decode(OrganizationForm.self)
        do {
            _ = try await Accounts.createOrganization(name: body.name, kind: body.kind, by: req.actor, in: req.services)
        } catch let error as AppError {
            let response = try await organizationsPage(req, error: error.message(in: req.language))
            response.status = HTTPResponseStatus(statusCode: error.status)
            return response
        }
        req.flash(.organizationCreated)
        return req.redirect(to: SiteURL.organizations.path)
    }

    private func organizationsPage(_ req: Request, error: String?) async throws -> Response {
        let rows = try await OrganizationModel.query(on: req.db).sort(\.$kind).sort(\.$name).all()
        let page = OrganizationsPage(organizations: rows, error: error)
        return Page.render(page.body(req.view), title: req.t(.navOrganizations), request: req)
    }
}
