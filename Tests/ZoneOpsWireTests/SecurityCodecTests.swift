import Foundation
import XCTest
import ZoneOpsDomain
@testable import ZoneOpsWire

final class SecurityCodecTests: XCTestCase {
    func testSHA256KnownVector() {
        XCTAssertEqual(SecureDigest.sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    func testTokensAreUniqueURLSafeAndPrefixed() {
        let tokens = (0..<100).map { _ in TokenCodec.generate() }
        XCTAssertEqual(Set(tokens).count, 100)
        for token in tokens {
            XCTAssertTrue(token.hasPrefix("zo_"))
            XCTAssertEqual(token.count, 3 + 43)
            XCTAssertNil(token.rangeOfCharacter(from: CharacterSet(charactersIn: "+/=")))
        }
    }

    func testKeyedChainDependsOnTheKey() {
        let record = AuditRecord(sequence: 1, at: Date(timeIntervalSince1970: 0), actorId: nil, actorName: "system",
                                 address: nil, action: "user.create", objectType: "user", objectId: "1", before: nil, after: "{}")
        let a = AuditChain.hmacSHA256(key: Data(repeating: 1, count: 32)).seal(record, previousHash: AuditChain.genesis)
        let b = AuditChain.hmacSHA256(key: Data(repeating: 2, count: 32)).seal(record, previousHash: AuditChain.genesis)
        XCTAssertNotEqual(a, b, "without the key the chain cannot be recomputed")
        XCTAssertEqual(a.count, 64)
    }
}

final class SecretBoxTests: XCTestCase {
    func testSealedSecretsOpenOnlyWithTheSameKeyAndUnchanged() throws {
        let box = SecretBox(instanceSecret: Data(repeating: 7, count: 32))
        let sealed = try box.seal("admin / Zb@2026!")
        XCTAssertTrue(sealed.hasPrefix("v1:"))
        XCTAssertFalse(sealed.contains("Zb@2026"))
        XCTAssertNotEqual(sealed, try box.seal("admin / Zb@2026!"), "a fresh nonce each time")
        XCTAssertEqual(box.open(sealed), "admin / Zb@2026!")
        XCTAssertNil(SecretBox(instanceSecret: Data(repeating: 8, count: 32)).open(sealed))
        var bytes = Array(Data(base64Encoded: String(sealed.dropFirst(3)))!)
        bytes[bytes.count / 2] ^= 1
        XCTAssertNil(box.open("v1:" + Data(bytes).base64EncodedString()))
    }
}
