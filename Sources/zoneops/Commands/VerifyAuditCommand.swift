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
            context.console.error("审计链断裂 audit chain broken: \(broken)（已校验 \(result.checked) 条 / \(result.checked) verified before it）")
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
