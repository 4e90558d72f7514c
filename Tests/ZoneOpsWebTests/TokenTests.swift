import Foundation
import Vapor
import XCTVapor
@testable import ZoneOpsWeb

final class TokenTests: XCTestCase {
    var t: TestApp!
    override func setUp() async throws { t = try await TestApp.make() }
    override func tearDown() async throws { try await t.shutdown() }

    func testTokenGivesMe() async throws {
        let created = try await t.json(.POST, "/api/v1/tokens", body: ["username": "admin", "password": TestApp.adminPassword])
        XCTAssertEqual(created.status, .created)
        let token = try created.content.get(String.self, at: "token")
        let expires = try created.content.get(String.self, at: "expiresAt")
        XCTAssertNotNil(ISO8601DateFormatter().date(from: expires), "RFC 3339: \(expires)")
        let me = try await t.json(.GET, "/api/v1/me", token: token)
        XCTAssertEqual(me.status, .ok)
        XCTAssertEqual(try me.content.get(String.self, at: "username"), "admin")
        XCTAssertEqual(try me.content.get(String.self, at: "role"), "admin")
        XCTAssertEqual(try me.content.get(String.self, at: "displayName"), "系统管理员")
        XCTAssertEqual(try me.content.get(String.self, at: "organization", "name"), "综合保税区管理委员会")
        XCTAssertFalse(me.body.string.contains("password"), "no hash leaks")
    }

    func testWithoutTokenMeIs401InChinese() async throws {
        let response = try await t.json(.GET, "/api/v1/me")
        XCTAssertEqual(response.status, .unauthorized)
        XCTAssertEqual(try response.content.get(String.self, at: "error", "code"), "unauthenticated")
        XCTAssertTrue(try response.content.get(String.self, at: "error", "message").contains("请先登录"))
        let awaited1 = try await t.json(.GET, "/api/v1/me", token: "zo_forged")
        XCTAssertEqual(awaited1.status, .unauthorized)
    }

    func testTokensExpire() async throws {
        let response = try await t.json(.POST, "/api/v1/tokens",
                                        body: AnyEncodable(["username": "admin", "password": TestApp.adminPassword, "validDays": "1"]))
        // validDays must be a number: a string is a malformed body
        XCTAssertEqual(response.status, .badRequest)
        struct Body: Encodable { var username = "admin"; var password = TestApp.adminPassword; var validDays = 1 }
        let token = try await t.json(.POST, "/api/v1/tokens", body: Body()).content.get(String.self, at: "token")
        let awaited2 = try await t.json(.GET, "/api/v1/me", token: token)
        XCTAssertEqual(awaited2.status, .ok)
        t.clock.advance(86_400 + 1)
        let awaited3 = try await t.json(.GET, "/api/v1/me", token: token)
        XCTAssertEqual(awaited3.status, .unauthorized)
    }

    func testOutOfRangeValidityIsExplained() async throws {
        struct Body: Encodable { var username = "admin"; var password = TestApp.adminPassword; var validDays = 9999 }
        let response = try await t.json(.POST, "/api/v1/tokens", body: Body())
        XCTAssertEqual(response.status, .badRequest)
        XCTAssertEqual(try response.content.get(String.self, at: "error", "field"), "validDays")
        XCTAssertTrue(try response.content.get(String.self, at: "error", "message").contains("1 到 365"))
    }

    func testRevokedTokenStopsWorkingAndOnlyItsOwnerMayRevoke() async throws {
        let token = try await t.token()
        let id = try await t.json(.GET, "/api/v1/tokens", token: token).content.get([TokenDTO].self, at: "items")[0].id
        let other = try await t.user("eng", role: "engineer")
        let awaited4 = try await t.json(.DELETE, "/api/v1/tokens/\(id)", token: other)
        XCTAssertEqual(awaited4.status, .notFound)
        let awaited5 = try await t.json(.DELETE, "/api/v1/tokens/\(id)", token: token)
        XCTAssertEqual(awaited5.status, .noContent)
        let awaited6 = try await t.json(.GET, "/api/v1/me", token: token)
        XCTAssertEqual(awaited6.status, .unauthorized)
    }

    func testDisabledUsersTokensStopWorking() async throws {
        let engineer = try await t.user("eng", role: "engineer")
        let admin = try await t.token()
        let id = try await t.json(.GET, "/api/v1/me", token: engineer).content.get(String.self, at: "id")
        let awaited7 = try await t.json(.PATCH, "/api/v1/users/\(id)", token: admin, body: ["isActive": false])
        XCTAssertEqual(awaited7.status, .ok)
        let awaited8 = try await t.json(.GET, "/api/v1/me", token: engineer)
        XCTAssertEqual(awaited8.status, .unauthorized)
        let login = try await t.json(.POST, "/api/v1/tokens", body: ["username": "eng", "password": "password-eng"])
        XCTAssertEqual(login.status, .unauthorized)
    }
}
