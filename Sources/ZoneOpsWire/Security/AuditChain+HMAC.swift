import Crypto
import Foundation
import ZoneOpsDomain

extension AuditChain {
    /// HMAC-SHA-256 keyed with the instance secret: someone who can edit the database but
    /// lacks the key cannot recompute the chain after changing a row.
    public static func hmacSHA256(key: Data) -> AuditChain {
        let symmetric = SymmetricKey(data: HKDF<SHA256>.deriveKey(
            inputKeyMaterial: SymmetricKey(data: key), info: Data("zoneops-audit-chain".utf8), outputByteCount: 32))
        return AuditChain { text in
            SecureDigest.hex(HMAC<SHA256>.authenticationCode(for: Data(text.utf8), using: symmetric))
        }
    }
}
