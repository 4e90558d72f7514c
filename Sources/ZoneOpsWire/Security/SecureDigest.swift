import Crypto
import Foundation
import ZoneOpsDomain

/// SHA-256 helpers for the audit chain and API tokens.
public enum SecureDigest {
    public static func sha256Hex(_ text: String) -> String {
        hex(SHA256.hash(data: Data(text.utf8)))
    }

    /// SHA-256 of bytes, lower-case hex (content addresses of stored files).
    public static func sha256Hex(_ data: Data) -> String {
        hex(SHA256.hash(data: data))
    }

    /// Lower-case hex of any bytes. (String(format:) per byte is slow enough to show in profiles
    /// of the token check.)
    public static func hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension AuditChain {
    /// The production chain: SHA-256 over the canonical record text.
    public static let sha256 = AuditChain(hash: SecureDigest.sha256Hex)
}
