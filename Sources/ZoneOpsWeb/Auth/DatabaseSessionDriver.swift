import Fluent
import Foundation
import Vapor
import ZoneOpsStore
import ZoneOpsWire

/// Browser sessions in the database, so any instance serves any user; they lapse after
/// `idleLifetime` without a request. Only the SHA-256 of a session id is stored, so the
/// database or a backup of it holds nothing that signs anyone in.
///
/// Vapor writes a session back after every request that carries its cookie. A page's own
/// background requests (live reloads, the caller-history lookup) overlap its form posts, so a
/// plain write-back would let a request that read the session early undo what a later one
/// stored, such as the one-time message after a post. So a write carries only the keys this
/// request changed, applied to the stored data as it is now; a request that changed nothing
/// only moves the expiry, and at most once a minute.
struct DatabaseSessionDriver: AsyncSessionDriver {
    static let cookieName = "zoneops_session"
    static let idleLifetime: TimeInterval = 12 * 3600
    /// How stale the stored expiry may get before an unchanged session is touched again.
    static let touchInterval: TimeInterval = 60

    /// The session as this request read it.
    private struct ReadKey: StorageKey { typealias Value = (data: SessionData, expiresAt: Date) }

    func createSession(_ data: SessionData, for request: Request) async throws -> SessionID {
        // Lapsed sessions go when new ones come, so the table stays the size of the active users.
        try await SessionModel.query(on: request.db).filter(\.$expiresAt < request.now).delete()
        let key = TokenCodec.generate()
        let record = SessionModel(key: Self.storageKey(key), data: try Self.encode(data), expiresAt: request.now + Self.idleLifetime)
        record.userId = Self.userId(in: data)
        try await record.create(on: request.db)
        return SessionID(string: key)
    }

    func readSession(_ sessionID: SessionID, for request: Request) async throws -> SessionData? {
        guard let record = try await SessionModel.query(on: request.db).filter(\.$key == Self.storageKey(sessionID.string)).first(),
              record.expiresAt > request.now
        else { return nil }
        let data = try JSONDecoder().decode(SessionData.self, from: Data(record.data.utf8))
        request.storage[ReadKey.self] = (data, record.expiresAt)
        return data
    }

    func updateSession(_ sessionID: SessionID, to data: SessionData, for request: Request) async throws -> SessionID {
        let key = Self.storageKey(sessionID.string)
        let expiresAt = request.now + Self.idleLifetime
        guard let read = request.storage[ReadKey.self] else {
            try await Self.write(data, expiresAt: expiresAt, key: key, on: request.db)
            return sessionID
        }
        let changes = Self.changes(from: read.data, to: data)
        if changes.isEmpty {
            if expiresAt.timeIntervalSince(read.expiresAt) >= Self.touchInterval {
                try await SessionModel.query(on: request.db).filter(\.$key == key).set(\.$expiresAt, to: expiresAt).update()
            }
            return sessionID
        }
        // Read and write without a transaction: a deferred SQLite transaction that reads and
        // then writes can fail outright when another connection commits in between, and the
        // window between these two statements is far shorter than the one closed here.
        guard let record = try await SessionModel.query(on: request.db).filter(\.$key == key).first() else { return sessionID }
        var current = try JSONDecoder().decode(SessionData.self, from: Data(record.data.utf8))
        for (name, value) in changes { current[name] = value }
        try await Self.write(current, expiresAt: expiresAt, key: key, on: request.db)
        return sessionID
    }

    /// The keys set, changed or removed between two versions of a session (removed as nil).
    static func changes(from old: SessionData, to new: SessionData) -> [String: String?] {
        var changes: [String: String?] = [:]
        for (name, value) in new.snapshot where old[name] != value { changes[name] = .some(value) }
        for name in old.snapshot.keys where new[name] == nil { changes[name] = .some(nil) }
        return changes
    }

    private static func write(_ data: SessionData, expiresAt: Date, key: String, on db: any Database) async throws {
        try await SessionModel.query(on: db).filter(\.$key == key)
            .set(\.$data, to: try encode(data))
            .set(\.$userId, to: userId(in: data))
            .set(\.$expiresAt, to: expiresAt)
            .update()
    }

    func deleteSession(_ sessionID: SessionID, for request: Request) async throws {
        try await SessionModel.query(on: request.db).filter(\.$key == Self.storageKey(sessionID.string)).delete()
    }

    static func storageKey(_ id: String) -> String { TokenCodec.storageHash(of: id) }

    static func userId(in data: SessionData) -> UUID? {
        data[UserAuthenticator.sessionUserKey].flatMap(UUID.init(uuidString:))
    }

    private static func encode(_ data: SessionData) throws -> String {
        String(decoding: try JSONEncoder().encode(data), as: UTF8.self)
    }
}
