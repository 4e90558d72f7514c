import FluentKit
import Foundation

/// The newest audit entry this instance committed, kept in a file outside the database.
/// A hash chain alone cannot show that its newest rows were deleted; the anchor can.
public struct AuditAnchor: Sendable {
    public struct Head: Codable, Equatable, Sendable {
        public var sequence: Int
        public var hash: String
    }

    public let file: URL

    public init(file: URL) { self.file = file }

    /// Reads the chain head from the database and stores it (atomically) in the file.
    public func update(from db: any Database) async throws {
        guard let last = try await AuditEntryModel.query(on: db).sort(\.$sequence, .descending).first() else { return }
        if let stored = read(), stored.sequence >= last.sequence { return }
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try JSONEncoder().encode(Head(sequence: last.sequence, hash: last.hash)).write(to: file, options: .atomic)
    }

    public func read() -> Head? {
        guard let data = try? Data(contentsOf: file) else { return nil }
        return try? JSONDecoder().decode(Head.self, from: data)
    }
}
