import Vapor
import ZoneOpsStore
import ZoneOpsWeb

/// `zoneops migrate`: applies pending migrations and exits; no prompt.
struct MigrateCommand: AsyncCommand {
    struct Signature: CommandSignature {}
    var help: String { "应用数据库迁移后退出 / apply database migrations and exit" }

    func run(using context: CommandContext, signature: Signature) async throws {
        try await Lifecycle.prepare(context.application)
        let applied = try await SchemaMigrator.applied(context.application.db)
        context.console.print("数据库已是最新：\(applied.count) 个迁移 / database up to date: \(applied.count) migrations")
    }
}
