import Vapor
import ZoneOpsDomain
import ZoneOpsWeb

/// `zoneops verify-audit`: exit 0 when the chain is intact, 1 with the first broken entry.
struct VerifyAuditCommand: AsyncCommand {
    struct Signature: CommandSignature {}
    var help: String { "校验审计日志哈希链 / verify the audit hash chain" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let result = try await context.application.verifyAudit()
        if let broken = result.firstBreak {
            context.console.error(broken.describe(in: .zh) + "（之前的 \(result.checked) 条完好）")
            context.console.error(broken.describe(in: .en) + " (\(result.checked) entries before it are intact)")
            throw ExitCode(1)
        }
        context.console.print("审计链完整 audit chain intact: \(result.checked) 条记录 entries")
    }
}

/// Lets a command end the process with a chosen status.
struct ExitCode: Error {
    let code: Int32
    init(_ code: Int32) { self.code = code }
}
