import Foundation
import ZoneOpsStore

/// The first file of every backup archive: what it holds and where it came from.
public struct BackupManifest: Codable, Sendable {
    public static let formatName = "zoneops-backup"
    public static let currentVersion = 1

    public var format: String
    public var version: Int
    public var database: DatabaseKind
    public var createdAt: Date
    public var appVersion: String
    /// Migrations applied to the database at backup time, in order.
    public var migrations: [String]
    /// Row counts per table (PostgreSQL dumps) for a check after restore.
    public var tables: [String: Int]
    public var files: Int
}
