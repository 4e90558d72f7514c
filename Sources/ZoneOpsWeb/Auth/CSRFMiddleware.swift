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
        guard Self.needsCheck(request) else { return next.respond(to: request) }
        // `BodyLimitMiddleware` has collected the body within the route's limit; this is a fallback.
        guard request.body.data == nil, request.headers.first(name: Self.header) == nil else {
            return Self.verify(request) ? next.respond(to: request) : request.eventLoop.makeFailedFuture(AppError.csrf)
        }
        return request.body.collect(max: BodyLimitMiddleware.limit(for: request)).flatMap { _ in
            Self.verify(request) ? next.respond(to: request) : request.eventLoop.makeFailedFuture(AppError.csrf)
        }
    }

    static func verify(_ request: Request) -> Bool {
        let expected = request.cookies[DatabaseSessionDriver.cookieName] == nil ? nil : request.session.data[sessionKey]
        let sent = request.headers.first(name: header) ?? (try? request.content.get(String.self, at: formField))
        guard let expected, let sent else { return false }
        return constantTimeEquals(expected, sent)
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
