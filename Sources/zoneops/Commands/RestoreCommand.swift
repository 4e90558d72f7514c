import Vapor
import ZoneOpsWeb

/// `zoneops restore --input FILE`: into an empty data directory / database only.
/// It runs before the app is configured (see main.swift); this registration gives it `--help`.
struct RestoreCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "input", short: "i", help: "备份文件路径 / archive to restore")
        var input: String?
    }

    var help: String { "从备份恢复到空的数据目录/数据库 / restore into an empty data dir and database" }

    func run(using context: CommandContext, signature: Signature) async throws {
        context.console.print("zoneops restore --input FILE")
    }

    static func run(arguments: [String], config: AppConfig, app: Application) async throws {
        guard let flag = arguments.firstIndex(where: { $0 == "--input" || $0 == "-i" }), flag + 1 < arguments.count else {
            throw ConfigError("请用 --input 指定备份文件，例如 zoneops restore --input zoneops-backup.zip")
        }
        let input = URL(fileURLWithPath: arguments[flag + 1])
        let manifest = try await Lifecycle.restore(from: input, config: config, app: app)
        print("恢复完成 restored: \(input.path)（备份时间 \(manifest.createdAt)，\(manifest.database.rawValue)）")
    }
}
