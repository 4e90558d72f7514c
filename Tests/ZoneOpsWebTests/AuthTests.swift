import Foundation
import Vapor
import XCTVapor
@testable import ZoneOpsWeb

final class AuthTests: XCTestCase {
    var t: TestApp!
    override func setUp() async throws { t = try await TestApp.make() }
    override func tearDown() async throws { try await t.shutdown() }

    func testLoginPageIsChineseByDefaultAndEnglishOnRequest() async throws {
        let browser = Browser(t.app)
        let zh = try await browser.get("/login")
        XCTAssertTrue(zh.body.string.contains(#"<html lang="zh-CN">"#))
        XCTAssertTrue(zh.body.string.contains("用户名"))
        browser.acceptLanguage = "en-US,en;q=0.9"
        let awaited1 = try await browser.get("/login").body.string.contains("Username")
        XCTAssertTrue(awaited1)
        browser.acceptLanguage = nil
        let switched = try await browser.get("/language?set=en&next=/login")
        XCTAssertEqual(switched.headers.first(name: .location), "/login")
        let awaited2 = try await browser.get("/login").body.string.contains("Log in")
        XCTAssertTrue(awaited2)
    }

    func testBrowserLoginShowsTheDashboardWithRealCounts() async throws {
        let browser = Browser(t.app)
        let anonymous = try await browser.get("/")
        XCTAssertEqual(anonymous.status, .seeOther)
        let before = browser.cookies["zoneops_session"]
        let login = try await browser.login("admin", TestApp.adminPassword)
        XCTAssertEqual(login.status, .seeOther)
        XCTAssertNotEqual(browser.cookies["zoneops_session"], before, "a new session id at login")
        let home = try await browser.get("/")
        XCTAssertEqual(home.status, .ok)
        let html = home.body.string
        XCTAssertTrue(html.contains("系统管理员，您好"))
        // 1 user (admin), 2 organizations from the first start, 1 login today.
        XCTAssertTrue(html.contains(#"<span class="value">1</span><span class="label">用户</span>"#), html)
        XCTAssertTrue(html.contains(#"<span class="value">2</span><span class="label">组织</span>"#))
        XCTAssertTrue(html.contains(#"<span class="value">1</span><span class="label">今日登录</span>"#))
        for area in ["服务台", "事件", "问题", "变更", "发布", "配置管理", "监控", "值班", "巡检", "报表", "考核", "系统管理"] {
            XCTAssertTrue(html.contains(area), "navigation has \(area)")
        }
        let cookie = login.headers[.setCookie].first { $0.hasPrefix("zoneops_session=") } ?? ""
        XCTAssertTrue(cookie.contains("HttpOnly"))
        XCTAssertTrue(cookie.contains("SameSite=Lax"))
    }

    func testWrongPasswordIsRefusedInChineseAndAudited() async throws {
        let browser = Browser(t.app)
        let response = try await browser.login("admin", "wrong-password")
        XCTAssertEqual(response.status, .unauthorized)
        XCTAssertTrue(response.body.string.contains("用户名或密码错误"))
        let audit = try await t.json(.GET, "/api/v1/audit", token: try await t.token())
        let actions = try audit.content.get([AuditEntryDTO].self, at: "items").map(\.action)
        XCTAssertTrue(actions.contains("login.failure"))
        XCTAssertTrue(actions.contains("login.success"))
    }

    func testFormWithoutCSRFTokenIsRefused() async throws {
        let browser = Browser(t.app)
        _ = try await browser.login("admin", TestApp.adminPassword)
        _ = try await browser.get("/admin/organizations")
        let forged = try await browser.post("/admin/organizations", form: ["name": "伪造", "kind": "enterprise"], includeCSRF: false)
        XCTAssertEqual(forged.status, .forbidden)
        XCTAssertTrue(forged.body.string.contains("表单已过期"))
        let wrong = try await browser.post("/admin/organizations", form: ["name": "伪造", "kind": "enterprise", "_csrf": "zo_x"],
                                           includeCSRF: false)
        XCTAssertEqual(wrong.status, .forbidden)
        let genuine = try await browser.post("/admin/organizations", form: ["name": "真实企业", "kind": "enterprise"])
        XCTAssertEqual(genuine.status, .seeOther)
        let list = try await t.json(.GET, "/api/v1/organizations", token: try await t.token())
        let names = try list.content.get([OrganizationDTO].self, at: "items").map(\.name)
        XCTAssertFalse(names.contains("伪造"))
        XCTAssertTrue(names.contains("真实企业"))
    }

    func testLoginFormWithoutCSRFIsRefused() async throws {
        let browser = Browser(t.app)
        let response = try await browser.post("/login", form: ["username": "admin", "password": TestApp.adminPassword], includeCSRF: false)
        XCTAssertEqual(response.status, .forbidden)
    }

    func testRepeatedFailuresAreThrottledPerAccountThenFreed() async throws {
        for _ in 0..<5 {
            let response = try await t.json(.POST, "/api/v1/tokens", body: ["username": "admin", "password": "nope-nope-nope"],
                                            address: "203.0.113.\(Int.random(in: 1...200))")
            XCTAssertEqual(response.status, .unauthorized)
        }
        let blocked = try await t.json(.POST, "/api/v1/tokens", body: ["username": "admin", "password": TestApp.adminPassword],
                                       address: "203.0.113.250")
        XCTAssertEqual(blocked.status, .tooManyRequests, "the right password does not help while throttled")
        XCTAssertEqual(try blocked.content.get(String.self, at: "error", "code"), "throttled")
        XCTAssertNotNil(blocked.headers.first(name: .retryAfter))
        t.clock.advance(15 * 60 + 1)
        let awaited3 = try await t.json(.POST, "/api/v1/tokens", body: ["username": "admin", "password": TestApp.adminPassword])
        XCTAssertEqual(awaited3.status,
                       .created)
    }

    func testRepeatedFailuresAreThrottledPerAddress() async throws {
        for i in 0..<20 {
            _ = try await t.json(.POST, "/api/v1/tokens", body: ["username": "nobody\(i)", "password": "nope-nope-nope"],
                                 address: "203.0.113.9")
        }
        let blocked = try await t.json(.POST, "/api/v1/tokens", body: ["username": "admin", "password": TestApp.adminPassword],
                                       address: "203.0.113.9")
        XCTAssertEqual(blocked.status, .tooManyRequests)
        let elsewhere = try await t.json(.POST, "/api/v1/tokens", body: ["username": "admin", "password": TestApp.adminPassword],
                                         address: "203.0.113.10")
        XCTAssertEqual(elsewhere.status, .created)
    }

    func testBrowserThrottleShowsAChinesePage() async throws {
        let browser = Browser(t.app)
        for _ in 0..<5 { _ = try await browser.login("admin", "wrong-wrong-wrong") }
        let response = try await browser.login("admin", "wrong-wrong-wrong")
        XCTAssertEqual(response.status, .tooManyRequests)
        XCTAssertTrue(response.body.string.contains("登录失败次数过多"))
    }

    func testLogoutEndsTheSession() async throws {
        let browser = Browser(t.app)
        _ = try await browser.login("admin", TestApp.adminPassword)
        let session = browser.cookies["zoneops_session"]
        let awaited4 = try await browser.get("/")
        XCTAssertEqual(awaited4.status, .ok)
        let awaited5 = try await browser.post("/logout", form: [:])
        XCTAssertEqual(awaited5.status, .seeOther)
        browser.cookies["zoneops_session"] = session // replaying the old cookie must not work either
        let awaited6 = try await browser.get("/")
        XCTAssertEqual(awaited6.status, .seeOther)
    }

    func testSessionsLapseAfterIdleTime() async throws {
        let browser = Browser(t.app)
        _ = try await browser.login("admin", TestApp.adminPassword)
        t.clock.advance(13 * 3600)
        let awaited7 = try await browser.get("/")
        XCTAssertEqual(awaited7.status, .seeOther)
    }
}

/// A page's background requests overlap its form posts; what one request stores in the
/// session must survive another that read the session before it and ends after it.
final class SessionOverlapTests: XCTestCase {
    var t: TestApp!
    override func setUp() async throws { t = try await TestApp.make() }
    override func tearDown() async throws { try await t.shutdown() }

    func testAnEarlierReaderDoesNotUndoAFlashStoredAfterIt() async throws {
        let browser = Browser(t.app)
        _ = try await browser.login("admin", TestApp.adminPassword)
        let id = SessionID(string: try XCTUnwrap(browser.cookies[DatabaseSessionDriver.cookieName]))
        let driver = DatabaseSessionDriver()

        // A background request reads the session, then a post stores a message...
        let early = Request(application: t.app, on: t.app.eventLoopGroup.next())
        let seen = try await driver.readSession(id, for: early)
        XCTAssertNil(seen?[Page.flashKey])
        let poster = Request(application: t.app, on: t.app.eventLoopGroup.next())
        let postedRead = try await driver.readSession(id, for: poster)
        var posted = try XCTUnwrap(postedRead)
        posted[Page.flashKey] = "已保存"
        _ = try await driver.updateSession(id, to: posted, for: poster)

        // ...and the background request ends, writing back what it read.
        _ = try await driver.updateSession(id, to: try XCTUnwrap(seen), for: early)
        let after = try await driver.readSession(id, for: Request(application: t.app, on: t.app.eventLoopGroup.next()))
        XCTAssertEqual(after?[Page.flashKey], "已保存")

        // A request that consumed the message removes it, even if another changed a key meanwhile.
        let consumer = Request(application: t.app, on: t.app.eventLoopGroup.next())
        let consumedRead = try await driver.readSession(id, for: consumer)
        var consumed = try XCTUnwrap(consumedRead)
        consumed[Page.flashKey] = nil
        let other = Request(application: t.app, on: t.app.eventLoopGroup.next())
        let otherRead = try await driver.readSession(id, for: other)
        var language = try XCTUnwrap(otherRead)
        language["marker"] = "kept"
        _ = try await driver.updateSession(id, to: language, for: other)
        _ = try await driver.updateSession(id, to: consumed, for: consumer)
        let last = try await driver.readSession(id, for: Request(application: t.app, on: t.app.eventLoopGroup.next()))
        XCTAssertNil(last?[Page.flashKey])
        XCTAssertEqual(last?["marker"], "kept")
        XCTAssertNotNil(last?[UserAuthenticator.sessionUserKey], "still signed in")
    }
}
