import Vapor
import ZoneOpsDomain
import ZoneOpsWire

/// Every state-changing request that a browser could send with its cookie must carry the
/// session's CSRF token, as form field `_csrf` or header `X-CSRF-Token`. Bearer-token calls
/// carry no cookie authority and are exempt.
struct CSRFMiddleware: Middleware {
    static let sessionKey = "csrf"
    static let formField = "_csrf"
    static let header = "X-CSRF-Token"

    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        if Self.needsCheck(request) {
            let expected = request.cookies[DatabaseSessionDriver.cookieName] == nil ? nil : request.session.data[Self.sessionKey]
            let sent = request.headers.first(name: Self.header) ?? (try? request.content.get(String.self, at: Self.formField))
            guard let expected, let sent, Self.constantTimeEquals(expected, sent) else {
                return request.eventLoop.makeFailedFuture(AppError.csrf)
            }
        }
        return next.respond(to: request)
    }

    static func needsCheck(_ request: Request) -> Bool {
        guard ![.GET, .HEAD, .OPTIONS].contains(request.method) else { return false }
        if request.headers.bearerAuthorization != nil { return false }
        // API calls without a session cookie are anonymous (token creation, webhooks): nothing to forge.
        if request.url.path.hasPrefix("/api/") { return request.cookies[DatabaseSessionDriver.cookieName] != nil }
        return true
    }

    static func constantTimeEquals(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

extension Request {
    /// The session's CSRF token, created on first use.
    var csrfToken: String {
        if let token = session.data[CSRFMiddleware.sessionKey] { return token }
        let token = TokenCodec.generate()
        session.data[CSRFMiddleware.sessionKey] = token
        return token
    }
}
