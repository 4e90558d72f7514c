import Crypto
import Foundation
import ZoneOpsDomain

/// SHA-256 helpers for the audit chain and API tokens.
public enum SecureDigest {
    public static func sha256Hex(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}

extension AuditChain {
    /// The production chain: SHA-256 over the canonical record text.
    public static let sha256 = AuditChain(hash: SecureDigest.sha256Hex)
}
