import Fluent
import Vapor
import ZoneOpsServices
import ZoneOpsStore

/// Startup work shared by `serve`, `demo` and `migrate`.
public enum Lifecycle {
    /// Applies pending migrations and creates the first admin on an empty database.
    /// Prints the generated admin password once.
    public static func prepare(_ app: Application) async throws {
        try await SchemaMigrator.migrate(app.db)
        let config = app.zoneOps.config
        if !config.inMemoryDatabase { try ownerOnlyDataDirectory(config) }
        let outcome = try await Bootstrap.ensureAdmin(password: app.zoneOps.config.adminPassword, in: app.services)
        if let password = outcome.generatedPassword {
            print("""
            ================================================================
             已创建管理员账号 admin，初始密码（仅显示这一次）：\(password)
             Created user admin; initial password (shown only once): \(password)
            ================================================================
            """)
        }
    }

    /// Loads the demo zone and prints its accounts.
    public static func loadDemo(_ app: Application) async throws {
        try await DemoZone.load(in: app.services)
        print("演示账号 Demo accounts（密码 password: \(DemoZone.password)）：")
        for account in DemoZone.accounts {
            print("  \(account.username.padding(toLength: 11, withPad: " ", startingAt: 0)) \(account.displayName) · \(account.role.rawValue)")
        }
    }

    /// `zoneops restore`: runs before `configure`, so nothing is created in the data directory first.
    public static func restore(from input: URL, config: AppConfig, app: Application) async throws -> BackupManifest {
        let service = BackupService(dataDirectory: config.dataDirectory, appVersion: config.version)
        guard config.databaseURL != nil else {
            return try await service.restore(from: input, into: nil, targetKind: .sqlite)
        }
        try configureDatabase(app, config)
        return try await service.restore(from: input, into: app.db, targetKind: .postgres)
    }
}
