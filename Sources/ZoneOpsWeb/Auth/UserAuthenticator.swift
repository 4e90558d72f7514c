import Fluent
import Vapor
import ZoneOpsServices
import ZoneOpsStore
import ZoneOpsWire

/// Signs the request in from a bearer token, else from the session cookie.
/// A request with neither stays anonymous and never creates a session.
/// Future-based: a cached identity signs the request in without leaving the event loop.
struct UserAuthenticator: Middleware {
    static let sessionUserKey = "uid"

    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        let cache = request.application.zoneOps.identities
        if let bearer = request.headers.bearerAuthorization {
            let key = Self.tokenKey(bearer.token)
            if let identity = cache.identity(for: key, now: request.now) {
                request.auth.login(SignedInUser(identity: identity, method: .token))
                return next.respond(to: request)
            }
            return request.eventLoop.makeFutureWithTask {
                if let identity = try await Self.identity(forToken: bearer.token, request) {
                    request.auth.login(SignedInUser(identity: identity, method: .token))
                }
            }.flatMap { next.respond(to: request) }
        }
        guard request.cookies[DatabaseSessionDriver.cookieName] != nil,
              let raw = request.session.data[Self.sessionUserKey], let id = UUID(uuidString: raw)
        else { return next.respond(to: request) }
        if let identity = cache.identity(for: Self.userKey(id), now: request.now) {
            request.auth.login(SignedInUser(identity: identity, method: .session))
            return next.respond(to: request)
        }
        return request.eventLoop.makeFutureWithTask {
            if let identity = try await Self.identity(forUser: id, request) {
                request.auth.login(SignedInUser(identity: identity, method: .session))
            } else {
                request.session.data[Self.sessionUserKey] = nil
            }
        }.flatMap { next.respond(to: request) }
    }

    static func tokenKey(_ token: String) -> String { "t:" + TokenCodec.storageHash(of: token) }
    static func userKey(_ id: UUID) -> String { "u:" + id.uuidString }

    static func identity(forToken token: String, _ request: Request) async throws -> Identity? {
        let cache = request.application.zoneOps.identities
        let key = tokenKey(token)
        let now = request.now
        if let cached = cache.identity(for: key, now: now) { return cached }
        guard let (user, stored) = try await Authentication.user(forToken: token, in: request.services) else { return nil }
        let identity = Identity(user, organization: try await user.$organization.get(on: request.db))
        cache.store(identity, for: key, until: min(stored.expiresAt, now + IdentityCache.lifetime))
        return identity
    }

    static func identity(forUser id: UUID, _ request: Request) async throws -> Identity? {
        let cache = request.application.zoneOps.identities
        let key = userKey(id)
        let now = request.now
        if let cached = cache.identity(for: key, now: now) { return cached }
        guard let user = try await UserModel.find(id, on: request.db), user.isActive else { return nil }
        let identity = Identity(user, organization: try await user.$organization.get(on: request.db))
        cache.store(identity, for: key, until: now + IdentityCache.lifetime)
        return identity
    }
}
