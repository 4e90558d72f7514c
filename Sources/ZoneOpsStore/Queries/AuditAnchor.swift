import Foundation
import Synchronization

/// The newest audit entry this instance committed, kept in a file outside the database.
/// A hash chain alone cannot show that its newest rows were deleted; the anchor can.
public struct AuditAnchor: Sendable {
    public struct Head: Codable, Equatable, Sendable {
        public var sequence: Int
        public var hash: String
    }

    public let file: URL
    /// The sequence last stored by this process, so a store never reads the file back.
    private let stored = SharedSequence()

    public init(file: URL) { self.file = file }

    /// Stores a committed head (atomically: a new file renamed over the old) unless a newer one
    /// is already stored. The writer calls it after each commit, in commit order. There is no
    /// fsync: the database commit before it is durable, so after a power cut the anchor can only
    /// lag behind the chain (which verifies), never run ahead of it.
    public func store(_ head: Head) throws {
        let known = stored.value.withLock { $0 } ?? read()?.sequence ?? 0
        guard head.sequence > known else { return }
        let folder = file.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let data = try JSONEncoder().encode(head)
        let temporary = folder.appendingPathComponent("." + file.lastPathComponent + ".new")
        let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: temporary.path]) }
        let written = data.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        close(descriptor)
        guard written == data.count, rename(temporary.path, file.path) == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: file.path])
        }
        stored.value.withLock { $0 = head.sequence }
    }

    public func read() -> Head? {
        guard let data = try? Data(contentsOf: file) else { return nil }
        return try? JSONDecoder().decode(Head.self, from: data)
    }

    private final class SharedSequence: Sendable {
        let value = Mutex<Int?>(nil)
    }
}
