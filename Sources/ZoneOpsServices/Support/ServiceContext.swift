import FluentKit
import Foundation
import ZoneOpsDomain
import ZoneOpsStore
import ZoneOpsWire

/// Who is acting, for the audit log: a person (or their token) or the system itself.
public struct Actor: Sendable {
    public var userId: String?
    public var name: String
    public var address: String?

    public init(userId: String?, name: String, address: String?) {
        self.userId = userId
        self.name = name
        self.address = address
    }

    public static let system = Actor(userId: nil, name: "system", address: nil)
}

/// Password hashing as an injected client: bcrypt in production, cheap bcrypt in tests.
public struct PasswordHashing: Sendable {
    public var hash: @Sendable (String) async throws -> String
    public var verify: @Sendable (_ password: String, _ hash: String) async throws -> Bool
    /// A valid hash of a random string, checked against when a username is unknown so
    /// timing does not tell which usernames exist.
    public var decoyHash: String

    public init(hash: @escaping @Sendable (String) async throws -> String,
                verify: @escaping @Sendable (String, String) async throws -> Bool,
                decoyHash: String) {
        self.hash = hash
        self.verify = verify
        self.decoyHash = decoyHash
    }
}

/// What a service operation needs: the database, the serialized writer, the audit chain,
/// the clock and the password hasher. Built once per app, passed to each operation.
public struct ServiceContext: Sendable {
    public var db: any Database
    public var writer: Writer
    public var chain: AuditChain
    public var now: @Sendable () -> Date
    public var hasher: PasswordHashing
    /// Seals secrets at rest (device credentials).
    public var secrets: SecretBox
    /// Called after each committed write with the type of object it changed (caches listen here).
    public var didCommit: @Sendable (_ objectType: String) -> Void
    /// Calendar, SLA targets and desk rules, read once (cleared on their change).
    public var levels: ServiceLevelsCache

    public init(db: any Database, writer: Writer, chain: AuditChain, now: @escaping @Sendable () -> Date,
                hasher: PasswordHashing, secrets: SecretBox, levels: ServiceLevelsCache = ServiceLevelsCache(),
                didCommit: @escaping @Sendable (String) -> Void = { _ in }) {
        self.db = db
        self.writer = writer
        self.chain = chain
        self.now = now
        self.hasher = hasher
        self.secrets = secrets
        let levels = levels
        self.levels = levels
        self.didCommit = { type in
            if ServiceLevelsCache.invalidatedBy.contains(type) { levels.clear() }
            didCommit(type)
        }
    }

    /// Runs `body` as one audited transaction: the change and its audit entry land together.
    public func audited<T: Sendable>(
        _ actor: Actor, action: String, objectType: String,
        _ body: @escaping @Sendable (any Database) async throws -> (result: T, objectId: String?, before: String?, after: String?)
    ) async throws -> T {
        let chain = chain
        let now = now()
        let result = try await writer.write(on: db) { tx in
            let outcome = try await body(tx)
            let draft = AuditDraft(actorId: actor.userId, actorName: actor.name, address: actor.address,
                                   action: action, objectType: objectType, objectId: outcome.objectId,
                                   before: outcome.before, after: outcome.after)
            try await AuditLog.append(draft, at: now, on: tx, chain: chain)
            return outcome.result
        }
        didCommit(objectType)
        return result
    }

    /// Records an event that changes nothing else (a login, a failed login).
    public func record(_ actor: Actor, action: String, objectType: String, objectId: String?, after: String? = nil) async throws {
        try await audited(actor, action: action, objectType: objectType) { _ in
            ((), objectId, nil, after)
        }
    }
}
