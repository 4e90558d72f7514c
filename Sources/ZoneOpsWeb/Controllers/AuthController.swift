import Fluent
import Vapor
import ZoneOpsDomain
import ZoneOpsServices
import ZoneOpsStore

/// Login and logout in the browser, and the language choice.
struct AuthController: RouteCollection {
    struct LoginForm: Content {
        var username: String
        var password: String
        var next: String?
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.login(next: nil).components, use: show)
        routes.post(SiteURL.login(next: nil).components, use: login)
        routes.post(SiteURL.logout.components, use: logout)
        routes.get(SiteURL.language.components, use: language)
    }

    @Sendable func show(req: Request) async throws -> Response {
        if req.user != nil { return req.redirect(to: SiteURL.home.path) }
        let page = LoginPage(next: req.query["next"], username: "", error: nil)
        return Page.render(page.body(req.view), title: req.t(.loginTitle), request: req)
    }

    @Sendable func login(req: Request) async throws -> Response {
        let form = try req.content.decode(LoginForm.self)
        let resubmit = Self.resubmission(req)
        guard let user = try await Self.authenticate(form.username, form.password, via: "web", req: req) else {
            if var page = resubmit {
                page.username = form.username
                page.error = req.t(.loginFailed)
                let response = Page.render(page.body(req.view), title: req.t(.resubmitLoginTitle), request: req)
                response.status = .unauthorized
                return response
            }
            let page = LoginPage(next: form.next, username: form.username, error: req.t(.loginFailed))
            let response = Page.render(page.body(req.view), title: req.t(.loginTitle), request: req)
            response.status = .unauthorized
            return response
        }
        // A fresh session id at login, so a planted session cookie is worth nothing.
        if let old = req.session.id { try await DatabaseSessionDriver().deleteSession(old, for: req) }
        req.session.id = nil
        req.session.data = SessionData()
        req.session.data[UserAuthenticator.sessionUserKey] = user.id?.uuidString
        if var page = resubmit {
            // Signed in again: the kept form goes back to where it was headed, with a fresh token.
            page.needsLogin = false
            return Page.render(page.body(req.view), title: req.t(.resubmitTitle), request: req)
        }
        let next = SiteURL.localTarget(form.next)
        return req.redirect(to: next.hasPrefix("/login") ? "/" : next)
    }

    @Sendable func logout(req: Request) async throws -> Response {
        if let user = req.user {
            try await req.services.record(req.actor, action: AuditAction.logout.rawValue, objectType: "session", objectId: user.id.uuidString)
        }
        req.session.destroy()
        req.auth.logout(SignedInUser.self)
        return req.redirect(to: SiteURL.login(next: nil).path)
    }

    @Sendable func language(req: Request) async throws -> Response {
        let chosen = req.query[String.self, at: "set"].flatMap(AppLanguage.init(rawValue:)) ?? .default
        let response = req.redirect(to: SiteURL.localTarget(req.query[String.self, at: "next"]))
        response.cookies[Request.languageCookie] = HTTPCookies.Value(string: chosen.rawValue, maxAge: 365 * 86_400,
                                                                     path: "/", isHTTPOnly: true, sameSite: .lax)
        return response
    }

    /// The form a lapsed session interrupted, carried through this login by `ResubmitPage`.
    static func resubmission(_ req: Request) -> ResubmitPage? {
        guard let fields = try? req.content.decode([String: String].self), let target = fields[ResubmitPage.targetField],
              SiteURL.localTarget(target) == target, target != "/" else { return nil }
        let kept = fields.compactMap { name, value -> (name: String, value: String)? in
            name.hasPrefix(ResubmitPage.keptPrefix) ? (String(name.dropFirst(ResubmitPage.keptPrefix.count)), value) : nil
        }.sorted { $0.name < $1.name }
        return ResubmitPage(action: target, values: kept, needsLogin: true)
    }

    /// The throttled password check shared by the login form and `POST /api/v1/tokens`.
    static func authenticate(_ username: String, _ password: String, via channel: String, req: Request) async throws -> UserModel? {
        let throttle = req.application.zoneOps.throttle
        let address = req.clientAddress
        if let wait = await throttle.retryAfter(account: username, address: address, now: req.now) {
            throw AppError.throttled(retryAfterSeconds: wait)
        }
        let user = try await Authentication.login(username: username, password: password, address: address,
                                                  via: channel, in: req.services)
        if user == nil {
            await throttle.failed(account: username, address: address, now: req.now)
        } else {
            await throttle.succeeded(account: username)
        }
        return user
    }
}
