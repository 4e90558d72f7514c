import Vapor
import ZoneOpsDomain
import ZoneOpsServices
import ZoneOpsStore

/// The user behind this request and how they proved it.
struct SignedInUser: Authenticatable {
    enum Method: Sendable { case session, token }

    let identity: Identity
    let method: Method

    var id: UUID { identity.id }
    var subject: Subject { identity.subject }
    var role: Role { identity.role }
}

extension Request {
    var user: SignedInUser? { auth.get(SignedInUser.self) }

    /// The signed-in user, or 401.
    func requireUser() throws -> SignedInUser {
        guard let user else { throw AppError.unauthenticated }
        return user
    }

    /// Asks the policy; throws 403 with the reason when denied.
    @discardableResult
    func authorize(_ action: Action, on object: ObjectFacts? = nil) throws -> SignedInUser {
        let user = try requireUser()
        if case .deny(let reason) = Policy.decide(user.subject, action, on: object) {
            throw AppError.forbidden(reason)
        }
        return user
    }

    func can(_ action: Action) -> Bool {
        guard let user else { return false }
        return Policy.allows(user.role, action)
    }

    /// The caller's address: the peer, or the first X-Forwarded-For hop when the proxy is trusted
    /// (otherwise anyone could pick their address and dodge the per-address throttle).
    var clientAddress: String? {
        if application.zoneOps.config.trustProxy,
           let forwarded = headers.first(name: "X-Forwarded-For")?.split(separator: ",").first {
            return forwarded.trimmingCharacters(in: .whitespaces)
        }
        return remoteAddress?.ipAddress
    }

    /// The audit actor for this request.
    var actor: Actor {
        Actor(userId: user?.id.uuidString, name: user?.identity.username ?? "anonymous", address: clientAddress)
    }
}
