import Crypto
import Foundation

/// Secrets at rest (device credentials): AES-256-GCM under a key derived from the instance
/// secret. Stored as `v1:` + base64(nonce ‖ ciphertext ‖ tag); a changed byte fails to open.
public struct SecretBox: Sendable {
    private let key: SymmetricKey
    private let macKey: SymmetricKey

    public init(instanceSecret: Data) {
        key = HKDF<SHA256>.deriveKey(inputKeyMaterial: SymmetricKey(data: instanceSecret),
                                     info: Data("zoneops-secrets-v1".utf8), outputByteCount: 32)
        macKey = HKDF<SHA256>.deriveKey(inputKeyMaterial: SymmetricKey(data: instanceSecret),
                                        info: Data("zoneops-links-v1".utf8), outputByteCount: 32)
    }

    /// A URL-safe HMAC-SHA-256 of `message` (22 characters, 128 bits) under a key of its own:
    /// links that need no account (a rating link) carry it, and nothing needs storing.
    public func mac(_ message: String) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: Data(message.utf8), using: macKey)
        return String(TokenCodec.base64URL(Data(code)).prefix(22))
    }

    /// Whether `candidate` is the MAC of `message`, compared in constant time.
    public func verifyMAC(_ candidate: String, of message: String) -> Bool {
        let expected = Array(mac(message).utf8), given = Array(candidate.utf8)
        guard expected.count == given.count else { return false }
        return zip(expected, given).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
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
