import Fluent
import Vapor
import ZoneOpsDomain
import ZoneOpsServices
import ZoneOpsStore

/// My settings: language, mobile number, password and my API tokens.
struct ProfileController: RouteCollection {
    struct SettingsForm: Content { var language: String; var mobile: String? }
    struct PasswordForm: Content { var currentPassword: String; var newPassword: String; var repeatPassword: String }
    struct TokenForm: Content { var name: String; var validDays: Int? }

    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.profile.components, use: show)
        routes.post(SiteURL.profile.components, use: save)
        routes.post(SiteURL.profilePassword.components, use: changePassword)
        routes.post(SiteURL.tokens.components, use: createToken)
        routes.post(SiteURL.revokeToken(SiteURL.idParameter).components, use: revokeToken)
    }

    @Sendable func show(req: Request) async throws -> Response {
        try await render(req, newToken: nil, error: nil)
    }

    @Sendable func changePassword(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let form = try req.content.decode(PasswordForm.self)
        let throttle = req.application.zoneOps.throttle
        // Guessing the current password here counts like guessing it at the login.
        if let wait = await throttle.retryAfter(account: user.identity.username, address: req.clientAddress, now: req.now) {
            throw AppError.throttled(retryAfterSeconds: wait)
        }
        do {
            try await Accounts.changeOwnPassword(userId: user.id, current: form.currentPassword, new: form.newPassword,
                                                 repeated: form.repeatPassword,
                                                 keptSession: req.session.id.map { DatabaseSessionDriver.storageKey($0.string) },
                                                 by: req.actor, in: req.services)
        } catch let error as AppError {
            if case .invalid("currentPassword", _) = error {
                await throttle.failed(account: user.identity.username, address: req.clientAddress, now: req.now)
            }
            return try await render(req, newToken: nil, error: nil, passwordProblems: FormProblems(error, language: req.language),
                                    status: error.status)
        }
        req.flash(.passwordChanged)
        return req.redirect(to: SiteURL.profile.path)
    }

    @Sendable func save(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let form = try req.content.decode(SettingsForm.self)
        let language: String? = form.language.isEmpty ? nil : form.language
        do {
            _ = try await Accounts.updateUser(id: user.id, .init(language: .some(language), mobile: form.mobile),
                                              by: req.actor, in: req.services)
        } catch let error as AppError {
            return try await render(req, newToken: nil, error: nil, settingsProblems: FormProblems(error, language: req.language),
                                    typedMobile: form.mobile, status: error.status)
        }
        req.flash(.profileSaved)
        let response = req.redirect(to: SiteURL.profile.path)
        // The explicit choice also applies on this device at once.
        if let language {
            response.cookies[Request.languageCookie] = HTTPCookies.Value(string: language, maxAge: 365 * 86_400,
                                                                         path: "/", isHTTPOnly: true, sameSite: .lax)
        } else {
            response.cookies[Request.languageCookie] = .expired
        }
        return response
    }

    @Sendable func createToken(req: Request) async throws -> Response {
        let user = try req.authorize(.createToken)
        let form = try req.content.decode(TokenForm.self)
        do {
            let issued = try await Authentication.issueToken(for: try await UserQueries.find(user.id.uuidString, on: req.db), name: form.name, validDays: form.validDays ?? 30,
                                                             by: req.actor, in: req.services)
            return try await render(req, newToken: issued.token, error: nil)
        } catch let error as AppError {
            return try await render(req, newToken: nil, error: error.message(in: req.language), status: error.status)
        }
    }

    @Sendable func revokeToken(req: Request) async throws -> Response {
        let user = try req.requireUser()
        guard let id = req.parameters.get("id", as: UUID.self) else { throw AppError.notFound }
        try await Authentication.revokeToken(id: id, ownedBy: user.id, by: req.actor, in: req.services)
        req.flash(.tokenRevoked)
        return req.redirect(to: SiteURL.profile.path)
    }

    private func render(_ req: Request, newToken: String?, error: String?, settingsProblems: FormProblems = FormProblems(),
                        passwordProblems: FormProblems = FormProblems(), typedMobile: String? = nil,
                        status: Int = 200) async throws -> Response {
        let user = try req.requireUser()
        var page = ProfilePage(user: try await UserQueries.find(user.id.uuidString, on: req.db), tokens: try await TokenController.tokens(of: user.id, on: req.db),
                               newToken: newToken, error: error, now: req.now)
        page.settingsProblems = settingsProblems
        page.passwordProblems = passwordProblems
        page.typedMobile = typedMobile
        let response = Page.render(page.body(req.view), title: req.t(.navProfile), request: req)
        response.status = HTTPResponseStatus(statusCode: status)
        return response
    }
}
