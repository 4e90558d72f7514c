import Vapor
import ZoneOpsServices
import ZoneOpsWeb

/// `zoneops backup --output FILE`: a consistent archive while the server keeps running.
struct BackupCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "output", short: "o", help: "备份文件路径 / archive to write")
        var output: String?
    }

    var help: String { "在线备份数据库与文件 / online backup of database and files" }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let output = signature.output, !output.isEmpty else {
            throw ConfigError("请用 --output 指定备份文件路径，例如 zoneops backup --output zoneops-backup.zip")
        }
        let app = context.application
        let manifest = try await app.backupService.backup(app.db, to: URL(fileURLWithPath: output), now: Date())
        context.console.print("备份完成 backup written: \(output)（\(manifest.database.rawValue)，\(manifest.migrations.count) 个迁移，\(manifest.files) 个文件）")
    }
}
