import Crypto
import Foundation

/// API tokens: 32 random bytes, base64url with a `zo_` prefix so they are easy to spot in
/// logs and secret scanners. Only the SHA-256 of a token is stored.
public enum TokenCodec {
    public static let prefix = "zo_"

    public static func generate() -> String {
        let bytes = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }
        return prefix + base64URL(bytes)
    }

    public static func storageHash(of token: String) -> String {
        SecureDigest.sha256Hex(token)
    }

    public static func base64URL(_ data: Data) -> String {
        data.base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
