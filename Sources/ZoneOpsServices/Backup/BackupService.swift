import FluentKit
import Foundation
import SQLKit
import ZIPFoundation
import ZoneOpsDomain
import ZoneOpsStore

/// `zoneops backup` and `zoneops restore`: one zip archive holding the manifest, the database
/// (an SQLite snapshot by VACUUM INTO, or PostgreSQL rows as JSON), the files and the secret key.
public struct BackupService: Sendable {
    public enum Failure: Error, Equatable, CustomStringConvertible {
        case notAnArchive(String)
        case wrongDatabase(archive: DatabaseKind, target: DatabaseKind)
        case targetNotEmpty(String)
        case unknownMigrations([String])
        case outputExists(String)

        public var description: String {
            switch self {
            case .notAnArchive(let why): "不是有效的 ZoneOps 备份文件：\(why)"
            case .wrongDatabase(let archive, let target):
                "备份来自 \(archive.rawValue) 数据库，当前配置的是 \(target.rawValue)：请使用相同类型的数据库恢复。"
            case .targetNotEmpty(let what): "恢复目标不为空（\(what)）：只能恢复到空的数据目录和空数据库，不会覆盖现有数据。"
            case .unknownMigrations(let names):
                "备份包含本版本不认识的迁移（\(names.joined(separator: ", "))）：请用不低于备份时的 ZoneOps 版本恢复。"
            case .outputExists(let path): "输出文件已存在：\(path)。请换一个文件名，不会覆盖已有文件。"
            }
        }
    }

    public let dataDirectory: URL
    public let appVersion: String
    public static let sqliteFileName = "zoneops.sqlite"
    static let secretFileName = "secret.key"

    public init(dataDirectory: URL, appVersion: String) {
        self.dataDirectory = dataDirectory
        self.appVersion = appVersion
    }

    var filesDirectory: URL { dataDirectory.appendingPathComponent("files") }

    public func backup(_ database: any Database, to output: URL, now: Date) async throws -> BackupManifest {
        let fm = FileManager.default
        guard !fm.fileExists(atPath: output.path) else { throw Failure.outputExists(output.path) }
        let staging = try temporaryFolder()
        defer { try? fm.removeItem(at: staging) }
        let root = staging.appendingPathComponent("zoneops-backup")
        let dbFolder = root.appendingPathComponent("database")
        try fm.createDirectory(at: dbFolder, withIntermediateDirectories: true)

        let kind = DatabaseKind(database)
        let migrations = try await SchemaMigrator.applied(database)
        var tables: [String: Int] = [:]
        switch kind {
        case .sqlite:
            let target = dbFolder.appendingPathComponent(Self.sqliteFileName)
            try await (database as! any SQLDatabase).raw("VACUUM INTO \(bind: target.path)").run()
        case .postgres:
            tables = try await PostgresSnapshot.dump(database, into: dbFolder)
        }
        var fileCount = 0
        if fm.fileExists(atPath: filesDirectory.path) {
            try fm.copyItem(at: filesDirectory, to: root.appendingPathComponent("files"))
            fileCount = fm.enumerator(atPath: filesDirectory.path)?.allObjects.count ?? 0
        }
        let secret = dataDirectory.appendingPathComponent(Self.secretFileName)
        if fm.fileExists(atPath: secret.path) {
            try fm.copyItem(at: secret, to: root.appendingPathComponent(Self.secretFileName))
        }
        let manifest = BackupManifest(format: BackupManifest.formatName, version: BackupManifest.currentVersion,
                                      database: kind, createdAt: now, appVersion: appVersion,
                                      migrations: migrations, tables: tables, files: fileCount)
        try Self.encoder.encode(manifest).write(to: root.appendingPathComponent("manifest.json"))
        // Zip beside the target, then rename: a crash never leaves a half archive under the real name.
        let partial = output.appendingPathExtension("partial")
        try? fm.removeItem(at: partial)
        // The archive holds the instance secret and every session: readable by the owner only,
        // from the moment it exists.
        guard fm.createFile(atPath: partial.path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw Failure.outputExists(partial.path)
        }
        try fm.removeItem(at: partial)
        try fm.zipItem(at: root, to: partial, shouldKeepParent: false, compressionMethod: .deflate)
        try fm.setAttributes([.posixPermissions: 0o600], ofItemAtPath: partial.path)
        try fm.moveItem(at: partial, to: output)
        return manifest
    }

    /// Reads and checks an archive's manifest without restoring anything.
    public func inspect(_ input: URL) throws -> (manifest: BackupManifest, folder: URL) {
        let fm = FileManager.default
        guard fm.fileExists(atPath: input.path) else { throw Failure.notAnArchive("文件不存在 \(input.path)") }
        let staging = try temporaryFolder()
        do {
            try fm.unzipItem(at: input, to: staging)
        } catch {
            try? fm.removeItem(at: staging)
            throw Failure.notAnArchive("无法解压（\(error)）")
        }
        guard let data = try? Data(contentsOf: staging.appendingPathComponent("manifest.json")),
              let manifest = try? Self.decoder.decode(BackupManifest.self, from: data),
              manifest.format == BackupManifest.formatName
        else {
            try? fm.removeItem(at: staging)
            throw Failure.notAnArchive("缺少或无法读取 manifest.json")
        }
        return (manifest, staging)
    }

    /// Restores into an empty data directory and an empty database; refuses anything else.
    /// `database` is nil for SQLite, whose file the restore itself puts in place.
    public func restore(from input: URL, into database: (any Database)?, targetKind: DatabaseKind) async throws -> BackupManifest {
        let fm = FileManager.default
        let (manifest, staging) = try inspect(input)
        defer { try? fm.removeItem(at: staging) }
        guard manifest.database == targetKind else {
            throw Failure.wrongDatabase(archive: manifest.database, target: targetKind)
        }
        let known = Set(ZoneOpsMigrations.all.map(\.name))
        let unknown = manifest.migrations.filter { !known.contains($0) }
        guard unknown.isEmpty else { throw Failure.unknownMigrations(unknown) }
        try checkDataDirectoryEmpty(sqlite: targetKind == .sqlite)
        if let database, targetKind == .postgres {
            guard try await SchemaMigrator.isEmpty(database) else { throw Failure.targetNotEmpty("PostgreSQL 数据库中已有表") }
            // Rebuild the schema as it was at backup time, load the rows, then upgrade.
            let wanted = Set(manifest.migrations)
            try await SchemaMigrator.migrate(database, migrations: ZoneOpsMigrations.all.filter { wanted.contains($0.name) })
            try await PostgresSnapshot.load(database, from: staging.appendingPathComponent("database"),
                                            tables: Array(manifest.tables.keys))
        }
        try fm.createDirectory(at: dataDirectory, withIntermediateDirectories: true)
        try fm.setAttributes([.posixPermissions: 0o700], ofItemAtPath: dataDirectory.path)
        if targetKind == .sqlite {
            try fm.copyItem(at: staging.appendingPathComponent("database/\(Self.sqliteFileName)"),
                            to: dataDirectory.appendingPathComponent(Self.sqliteFileName))
        }
        for name in ["files", Self.secretFileName] where fm.fileExists(atPath: staging.appendingPathComponent(name).path) {
            try fm.copyItem(at: staging.appendingPathComponent(name), to: dataDirectory.appendingPathComponent(name))
        }
        for name in [Self.sqliteFileName, Self.secretFileName] where fm.fileExists(atPath: dataDirectory.appendingPathComponent(name).path) {
            try fm.setAttributes([.posixPermissions: 0o600], ofItemAtPath: dataDirectory.appendingPathComponent(name).path)
        }
        return manifest
    }

    func checkDataDirectoryEmpty(sqlite: Bool) throws {
        let fm = FileManager.default
        var occupied = ["files", Self.secretFileName]
        if sqlite { occupied.append(Self.sqliteFileName) }
        for name in occupied where fm.fileExists(atPath: dataDirectory.appendingPathComponent(name).path) {
            throw Failure.targetNotEmpty("数据目录中已有 \(name)")
        }
    }

    func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("zoneops-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        return url
    }

    static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys]
        e.dateEncodingStrategy = .iso8601
        return e
    }()

    static let decoder: JSONDecoder = {
        let d = JSONDecoder()
        d.dateDecodingStrategy = .iso8601
        return d
    }()
}
