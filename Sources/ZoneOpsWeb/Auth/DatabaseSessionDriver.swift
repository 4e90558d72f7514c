import Fluent
import Foundation
import Vapor
import ZoneOpsStore
import ZoneOpsWire

/// Browser sessions in the database, so any instance serves any user; they lapse after
/// `idleLifetime` without a request. Only the SHA-256 of a session id is stored, so the
/// database or a backup of it holds nothing that signs anyone in.
struct DatabaseSessionDriver: AsyncSessionDriver {
    static let cookieName = "zoneops_session"
    static let idleLifetime: TimeInterval = 12 * 3600

    func createSession(_ data: SessionData, for request: Request) async throws -> SessionID {
        // Lapsed sessions go when new ones come, so the table stays the size of the active users.
        try await SessionModel.query(on: request.db).filter(\.$expiresAt < request.now).delete()
        let key = TokenCodec.generate()
        let record = SessionModel(key: Self.storageKey(key), data: try encode(data), expiresAt: request.now + Self.idleLifetime)
        record.userId = Self.userId(in: data)
        try await record.create(on: request.db)
        return SessionID(string: key)
    }

    func readSession(_ sessionID: SessionID, for request: Request) async throws -> SessionData? {
        guard let record = try await SessionModel.query(on: request.db).filter(\.$key == Self.storageKey(sessionID.string)).first(),
              record.expiresAt > request.now
        else { return nil }
        return try JSONDecoder().decode(SessionData.self, from: Data(record.data.utf8))
    }

    func updateSession(_ sessionID: SessionID, to data: SessionData, for request: Request) async throws -> SessionID {
        try await SessionModel.query(on: request.db).filter(\.$key == Self.storageKey(sessionID.string))
            .set(\.$data, to: try encode(data))
            .set(\.$userId, to: Self.userId(in: data))
            .set(\.$expiresAt, to: request.now + Self.idleLifetime)
            .update()
        return sessionID
    }

    func deleteSession(_ sessionID: SessionID, for request: Request) async throws {
        try await SessionModel.query(on: request.db).filter(\.$key == Self.storageKey(sessionID.string)).delete()
    }

    static func storageKey(_ id: String) -> String { TokenCodec.storageHash(of: id) }

    static func userId(in data: SessionData) -> UUID? {
        data[UserAuthenticator.sessionUserKey].flatMap(UUID.init(uuidString:))
    }

    private func encode(_ data: SessionData) throws -> String {
        String(decoding: try JSONEncoder().encode(data), as: UTF8.self)
    }
}
