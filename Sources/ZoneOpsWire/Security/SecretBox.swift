import Crypto
import Foundation

/// Secrets at rest (device credentials): AES-256-GCM under a key derived from the instance
/// secret. Stored as `v1:` + base64(nonce ‖ ciphertext ‖ tag); a changed byte fails to open.
public struct SecretBox: Sendable {
    private let key: SymmetricKey

    public init(instanceSecret: Data) {
        key = HKDF<SHA256>.deriveKey(inputKeyMaterial: SymmetricKey(data: instanceSecret),
                                     info: Data("zoneops-secrets-v1".utf8), outputByteCount: 32)
    }

    public func seal(_ plaintext: String) throws -> String {
        let box = try AES.GCM.seal(Data(plaintext.utf8), using: key)
        guard let combined = box.combined else { throw CryptoKitError.incorrectParameterSize }
        return "v1:" + combined.base64EncodedString()
    }

    /// The plaintext, or nil when the text was not sealed with this key or was altered.
    public func open(_ sealed: String) -> String? {
        guard sealed.hasPrefix("v1:"), let data = Data(base64Encoded: String(sealed.dropFirst(3))),
              let box = try? AES.GCM.SealedBox(combined: data),
              let plain = try? AES.GCM.open(box, using: key) else { return nil }
        return String(data: plain, encoding: .utf8)
    }
}
