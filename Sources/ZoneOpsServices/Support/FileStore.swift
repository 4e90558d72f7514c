import Foundation
import ZoneOpsWire

/// Files by content under the data dir (`files/ab/abcdef…`): the same bytes are stored once, a
/// name can never escape the folder, and the backup archives the folder as it is. Written to a
/// temporary name and renamed, owner-only (0600).
public struct FileStore: Sendable {
    public let root: URL

    public init(root: URL) {
        self.root = root
    }

    /// Stores the bytes; answers their SHA-256 (hex), which names them.
    public func put(_ data: Data) throws -> String {
        let sha = SecureDigest.sha256Hex(data)
        let url = location(of: sha)
        let fm = FileManager.default
        if fm.fileExists(atPath: url.path) { return sha }
        try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true,
                               attributes: [.posixPermissions: 0o700])
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(sha).\(UUID().uuidString).tmp")
        try data.write(to: temporary)
        try fm.setAttributes([.posixPermissions: 0o600], ofItemAtPath: temporary.path)
        if fm.fileExists(atPath: url.path) { try? fm.removeItem(at: temporary) } else { try fm.moveItem(at: temporary, to: url) }
        return sha
    }

    /// The bytes of a stored file; nil when the name is not a SHA-256 or nothing is stored under it.
    public func get(_ sha: String) -> Data? {
        guard sha.count == 64, sha.allSatisfy({ $0.isHexDigit && !$0.isUppercase }) else { return nil }
        return FileManager.default.contents(atPath: location(of: sha).path)
    }

    private func location(of sha: String) -> URL {
        root.appendingPathComponent(String(sha.prefix(2))).appendingPathComponent(sha)
    }
}
