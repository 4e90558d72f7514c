import Vapor
import ZoneOpsDomain

/// Bounds every request body before anything reads it. A route keeps its own limit (set with
/// `Route.bodyLimit(_:)`, the app's default otherwise); a caller who is not signed in gets at
/// most `anonymousLimit`, enough for a login form or a token request. The body is collected
/// here, once, so the CSRF check and the handler read it without collecting again.
struct BodyLimitMiddleware: Middleware {
    static let anonymousLimit = 16 * 1024
    static let routeKey = "zoneops.bodyLimit"

    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        guard ![.GET, .HEAD, .OPTIONS].contains(request.method) else { return next.respond(to: request) }
        let limit = Self.limit(for: request)
        if let declared = request.headers.first(name: .contentLength).flatMap(Int.init), declared > limit {
            return request.eventLoop.makeFailedFuture(AppError.tooLarge)
        }
        if let collected = request.body.data {
            return collected.readableBytes > limit ? request.eventLoop.makeFailedFuture(AppError.tooLarge)
                : next.respond(to: request)
        }
        return request.body.collect(max: limit).flatMap { _ in next.respond(to: request) }
    }

    /// The most bytes this request's body may have.
    static func limit(for request: Request) -> Int {
        let route = request.route?.userInfo[AnySendableHashable(routeKey)] as? Int
            ?? request.application.routes.defaultMaxBodySize.value
        return request.auth.has(SignedInUser.self) ? route : min(route, anonymousLimit)
    }
}

extension Route {
    /// Lets this route's body grow to `bytes` (a file upload); see `BodyLimitMiddleware`.
    @discardableResult
    func bodyLimit(_ bytes: Int) -> Route {
        userInfo[AnySendableHashable(BodyLimitMiddleware.routeKey)] = bytes
        return self
    }
}
