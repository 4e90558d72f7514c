import Fluent
import Vapor
import ZoneOpsServices
import ZoneOpsStore
import ZoneOpsWire

/// Signs the request in from a bearer token, else from the session cookie.
/// A request with neither stays anonymous and never creates a session.
struct UserAuthenticator: AsyncMiddleware {
    static let sessionUserKey = "uid"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if let bearer = request.headers.bearerAuthorization {
            if let identity = try await Self.identity(forToken: bearer.token, request) {
                request.auth.login(SignedInUser(identity: identity, method: .token))
            }
        } else if request.cookies[DatabaseSessionDriver.cookieName] != nil,
                  let raw = request.session.data[Self.sessionUserKey], let id = UUID(uuidString: raw) {
            if let identity = try await Self.identity(forUser: id, request) {
                request.auth.login(SignedInUser(identity: identity, method: .session))
            } else {
                request.session.data[Self.sessionUserKey] = nil
            }
        }
        return try await next.respond(to: request)
    }

    static func identity(forToken token: String, _ request: Request) async throws -> Identity? {
        let cache = request.application.zoneOps.identities
        let key = "t:" + TokenCodec.storageHash(of: token)
        let now = request.now
        if let cached = cache.identity(for: key, now: now) { return cached }
        guard let (user, stored) = try await Authentication.user(forToken: token, in: request.services) else { return nil }
        let identity = Identity(user, organization: try await user.$organization.get(on: request.db))
        cache.store(identity, for: key, until: min(stored.expiresAt, now + IdentityCache.lifetime))
        return identity
    }

    static func identity(forUser id: UUID, _ request: Request) async throws -> Identity? {
        let cache = request.application.zoneOps.identities
        let key = "u:" + id.uuidString
        let now = request.now
        if let cached = cache.identity(for: key, now: now) { return cached }
        guard let user = try await UserModel.find(id, on: request.db), user.isActive else { return nil }
        let identity = Identity(user, organization: try await user.$organization.get(on: request.db))
        cache.store(identity, for: key, until: now + IdentityCache.lifetime)
        return identity
    }
}
