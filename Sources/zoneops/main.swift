import Foundation
import Logging
import NIOCore
import NIOPosix
import Vapor
import ZoneOpsWeb

// zoneops: serve | demo | migrate | backup | restore | verify-audit | simulate (API.md).
// Everything the server writes (database, WAL, key, anchor, backups, files) is for its owner only.
umask(0o077)
// Swift concurrency runs on NIO's event loops instead of a second thread pool: an awaited
// database call then resumes on the loop that completed it, one thread hop fewer per statement
// (sequential incident creates went from about 213 to 262 a second). Vapor's template does the same.
_ = NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
var env = try Environment.detect()
if AppConfig.wantsJSONLogs {
    let level = Logger.Level(rawValue: ProcessInfo.processInfo.environment["LOG_LEVEL"] ?? "info") ?? .info
    LoggingSystem.bootstrap { JSONLogHandler(label: $0, level: level) }
} else {
    try LoggingSystem.bootstrap(from: &env)
}
let app = try await Application.make(env)
let command = env.arguments.dropFirst().first ?? "serve"

do {
    let config = try AppConfig.fromEnvironment()
    if command == "simulate" {
        let code = await SimulateCommand.run(arguments: Array(env.arguments.dropFirst(2)), app: app)
        try? await app.asyncShutdown()
        exit(code)
    }
    if command == "restore" {
        try await RestoreCommand.run(arguments: Array(env.arguments.dropFirst(2)), config: config, app: app)
    } else {
        try await configure(app, config: config)
        app.asyncCommands.use(MigrateCommand(), as: "migrate")
        app.asyncCommands.use(BackupCommand(), as: "backup")
        app.asyncCommands.use(VerifyAuditCommand(), as: "verify-audit")
        app.asyncCommands.use(RestoreCommand(), as: "restore")
        app.asyncCommands.use(SimulateCommand(), as: "simulate")
        if command == "serve" || command == "demo" || command.hasPrefix("-") {
            try await Lifecycle.prepare(app)
            app.startScheduler()
            app.startMonitoring()
        }
        if command == "demo" {
            // `--history 90d` is ours, not the web server's: taken out before `serve` reads the rest.
            let history = try Lifecycle.takeHistoryOption(&app.environment.arguments)
            try await Lifecycle.loadDemo(app)
            if let history { try await Lifecycle.loadHistory(app, days: history) }
            app.startSimulator()
            app.environment.arguments[1] = "serve"
        }
        try await app.execute()
    }
} catch let failure as ExitCode {
    try? await app.asyncShutdown()
    exit(failure.code)
} catch {
    FileHandle.standardError.write(Data("错误 error: \(error)\n".utf8))
    try? await app.asyncShutdown()
    exit(1)
}
try await app.asyncShutdown()
