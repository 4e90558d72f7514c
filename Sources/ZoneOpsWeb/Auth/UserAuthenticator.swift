import Vapor
import ZoneOpsServices
import ZoneOpsStore

/// Signs the request in from a bearer token, else from the session cookie.
/// A request with neither stays anonymous and never creates a session.
struct UserAuthenticator: AsyncMiddleware {
    static let sessionUserKey = "uid"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if let bearer = request.headers.bearerAuthorization {
            if let user = try await Authentication.user(forToken: bearer.token, in: request.services) {
                request.auth.login(SignedInUser(model: user, method: .token))
            }
        } else if request.cookies[DatabaseSessionDriver.cookieName] != nil,
                  let raw = request.session.data[Self.sessionUserKey], let id = UUID(uuidString: raw) {
            if let user = try await UserModel.find(id, on: request.db), user.isActive {
                request.auth.login(SignedInUser(model: user, method: .session))
            } else {
                request.session.data[Self.sessionUserKey] = nil
            }
        }
        return try await next.respond(to: request)
    }
}
