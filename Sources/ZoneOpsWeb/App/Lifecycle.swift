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

    /// Removes `--history <days>` (`90d`, `12w`, `30`) from the arguments and answers the days.
    public static func takeHistoryOption(_ arguments: inout [String]) throws -> Int? {
        guard let index = arguments.firstIndex(where: { $0 == "--history" || $0.hasPrefix("--history=") }) else { return nil }
        var value = arguments[index].hasPrefix("--history=") ? String(arguments[index].dropFirst("--history=".count)) : nil
        var count = 1
        if value == nil, index + 1 < arguments.count {
            value = arguments[index + 1]
            count = 2
        }
        guard let days = value.flatMap(DemoHistory.days) else {
            throw ConfigError("--history 须为天数，如 90d、12w 或 30（1–\(DemoHistory.maxDays) 天）。")
        }
        arguments.removeSubrange(index..<index + count)
        return days
    }

    /// `zoneops demo --history 90d`: months of past operation, made once through the services.
    public static func loadHistory(_ app: Application, days: Int) async throws {
        let started = Date()
        print("生成 \(days) 天的运行历史 / making \(days) days of history…")
        guard let summary = try await DemoHistory.run(days: days, in: app.services, progress: { print("  " + $0) }) else {
            print("已有运行历史，跳过 / history was made before; skipped")
            return
        }
        let seconds = Date().timeIntervalSince(started)
        print(String(format: "运行历史完成 / history made in %.1f s: %d 工单 tickets（其中监控 %d monitoring）, %d 热线 calls, %d 变更 changes, %d 次设备故障 outages, %d 过车 lane passes",
                     seconds, summary.tickets + summary.monitoringIncidents, summary.monitoringIncidents, summary.calls, summary.changes,
                     summary.outages, summary.lanePasses))
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
