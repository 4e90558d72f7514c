import Fluent
import Vapor
import ZoneOpsServices
import ZoneOpsStore

extension Application {
    public var backupService: BackupService {
        BackupService(dataDirectory: zoneOps.config.dataDirectory, appVersion: zoneOps.config.version)
    }

    /// Walks the audit chain with this instance's key; also checks the last entry is still there.
    public func verifyAudit() async throws -> AuditLog.Verification {
        try await AuditLog.verify(on: db, chain: zoneOps.chain, anchor: zoneOps.anchor.read())
    }
}
