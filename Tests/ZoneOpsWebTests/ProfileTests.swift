import Foundation
import Vapor
import XCTVapor
@testable import ZoneOpsWeb

/// 个人设置: one's own password and mobile number; mobile numbers on accounts.
final class ProfileTests: XCTestCase {
    var t: TestApp!
    override func setUp() async throws { t = try await TestApp.make() }
    override func tearDown() async throws { try await t.shutdown() }

    func testAPersonChangesTheirOwnPassword() async throws {
        _ = try await t.user("eng", role: "engineer")
        let browser = Browser(t.app)
        _ = try await browser.login("eng", "password-eng")
        _ = try await browser.get("/profile")
        let wrong = try await browser.post("/profile/password", form: ["currentPassword": "not-mine-at-all",
                                                                       "newPassword": "a-new-password-1", "repeatPassword": "a-new-password-1"])
        XCTAssertEqual(wrong.status, .badRequest)
        XCTAssertTrue(wrong.body.string.contains(#"id="currentPassword-error""#))
        XCTAssertTrue(wrong.body.string.contains("当前密码不正确"))
        let mismatch = try await browser.post("/profile/password", form: ["currentPassword": "password-eng",
                                                                          "newPassword": "a-new-password-1", "repeatPassword": "a-new-password-2"])
        XCTAssertTrue(mismatch.body.string.contains("两次输入的新密码不一致"))
        let short = try await browser.post("/profile/password", form: ["currentPassword": "password-eng",
                                                                       "newPassword": "short", "repeatPassword": "short"])
        XCTAssertTrue(short.body.string.contains(#"id="newPassword-error""#))
        let changed = try await browser.post("/profile/password", form: ["currentPassword": "password-eng",
                                                                         "newPassword": "a-new-password-1", "repeatPassword": "a-new-password-1"])
        XCTAssertEqual(changed.status, .seeOther)
        let old = try await t.json(.POST, "/api/v1/tokens", body: ["username": "eng", "password": "password-eng"])
        XCTAssertEqual(old.status, .unauthorized)
        let new = try await t.json(.POST, "/api/v1/tokens", body: ["username": "eng", "password": "a-new-password-1"])
        XCTAssertEqual(new.status, .created)
        let audit = try await t.json(.GET, "/api/v1/audit", token: try await t.token()).body.string
        XCTAssertTrue(audit.contains("user.password_change"))
        XCTAssertFalse(audit.contains("a-new-password-1"))
    }

    func testMobileNumbersAreStoredInOneFormAndRefusedWhenWrong() async throws {
        let admin = try await t.token()
        let created = try await t.json(.POST, "/api/v1/users", token: admin, body: [
            "username": "duty2", "displayName": "值班员", "password": "long-password-1", "role": "duty", "mobile": "+86 138-0013 8000"])
        XCTAssertEqual(created.status, .created, created.body.string)
        XCTAssertEqual(try created.content.get(String.self, at: "mobile"), "13800138000")
        let refused = try await t.json(.POST, "/api/v1/users", token: admin, body: [
            "username": "duty3", "displayName": "值班员", "password": "long-password-1", "role": "duty", "mobile": "0532-8888"])
        XCTAssertEqual(refused.status, .badRequest)
        XCTAssertEqual(try refused.content.get(String.self, at: "error", "field"), "mobile")
        XCTAssertTrue(try refused.content.get(String.self, at: "error", "message").hasPrefix("手机号码："))

        let browser = Browser(t.app)
        _ = try await browser.login("duty2", "long-password-1")
        _ = try await browser.get("/profile")
        let bad = try await browser.post("/profile", form: ["language": "", "mobile": "12345"])
        XCTAssertEqual(bad.status, .badRequest)
        XCTAssertTrue(bad.body.string.contains(#"value="12345""#))
        let good = try await browser.post("/profile", form: ["language": "", "mobile": "139 0000 1111"])
        XCTAssertEqual(good.status, .seeOther)
        let profile = try await browser.get("/profile").body.string
        XCTAssertTrue(profile.contains(#"value="13900001111""#))
    }

    func testTheNewUserFormNamesEachOrganizationOnce() async throws {
        let browser = Browser(t.app)
        _ = try await browser.login("admin", TestApp.adminPassword)
        let html = try await browser.get("/admin/users/new").body.string
        XCTAssertTrue(html.contains(">运维服务商（乙方）</option>"), html)
        XCTAssertFalse(html.contains("运维服务商（运维服务商"))
        XCTAssertTrue(html.contains("综合保税区管理委员会 · 管委会（甲方）"))
    }

    func testAChangedOrResetPasswordEndsTheOtherSessions() async throws {
        _ = try await t.user("eng", role: "engineer")
        let phone = Browser(t.app), desk = Browser(t.app)
        _ = try await phone.login("eng", "password-eng")
        _ = try await desk.login("eng", "password-eng")
        _ = try await desk.get("/profile")
        let changed = try await desk.post("/profile/password", form: ["currentPassword": "password-eng",
                                                                      "newPassword": "a-new-password-1", "repeatPassword": "a-new-password-1"])
        XCTAssertEqual(changed.status, .seeOther)
        t.clock.advance(11) // past the identity cache
        let deskHome = try await desk.get("/")
        XCTAssertEqual(deskHome.status, .ok, "the session that changed it stays")
        let phoneHome = try await phone.get("/")
        XCTAssertEqual(phoneHome.status, .seeOther, "every other session ends")

        _ = try await phone.login("eng", "a-new-password-1")
        let admin = try await t.token()
        struct Listed: Decodable { var id: String; var username: String }
        let users = try await t.json(.GET, "/api/v1/users", token: admin).content.get([Listed].self, at: "items")
        let engId = try XCTUnwrap(users.first { $0.username == "eng" }?.id)
        let reset = try await t.json(.PATCH, "/api/v1/users/\(engId)", token: admin, body: ["password": "reset-by-admin-1"])
        XCTAssertEqual(reset.status, .ok, reset.body.string)
        t.clock.advance(11)
        let after = try await phone.get("/")
        XCTAssertEqual(after.status, .seeOther, "a reset password signs the user out everywhere")
    }
}

