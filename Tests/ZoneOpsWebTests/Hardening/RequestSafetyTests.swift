import Foundation
import Vapor
import XCTVapor
@testable import ZoneOpsWeb

/// Bodies, redirects and the login throttle, as an attacker would try them.
final class RequestSafetyTests: XCTestCase {
    var t: TestApp!
    override func setUp() async throws { t = try await TestApp.make() }
    override func tearDown() async throws { try await t.shutdown() }

    func testAFormLargerThanItsRouteAllowsIsRefused() async throws {
        let browser = Browser(t.app)
        _ = try await browser.login("admin", TestApp.adminPassword)
        _ = try await browser.get("/cmdb/locations")
        let big = String(repeating: "机", count: 5 * 1024 * 1024 / 3)
        let response = try await browser.post("/cmdb/locations", form: ["name": big, "kind": "site"])
        XCTAssertEqual(response.status, .payloadTooLarge)
        let small = try await browser.post("/cmdb/locations", form: ["name": "一号园区", "kind": "site"])
        XCTAssertLessThan(small.status.code, 400, small.body.string)
    }

    func testAnonymousBodiesAreSmall() async throws {
        var headers = HTTPHeaders()
        headers.contentType = .urlEncodedForm
        let body = "username=admin&password=" + String(repeating: "x", count: 100 * 1024)
        let response = try await t.app.sendRequest(.POST, "/login", headers: headers, body: ByteBuffer(string: body))
        XCTAssertEqual(response.status, .payloadTooLarge)
        let upload = try await t.app.sendRequest(.POST, "/cmdb/import", headers: headers,
                                                 body: ByteBuffer(string: String(repeating: "a", count: 2 * 1024 * 1024)))
        XCTAssertEqual(upload.status, .payloadTooLarge, "an anonymous upload is refused before it is read")
        var json = HTTPHeaders()
        json.contentType = .json
        let token = try await t.app.sendRequest(.POST, "/api/v1/tokens", headers: json,
                                                body: ByteBuffer(string: #"{"username":"admin","password":"\#(String(repeating: "y", count: 64 * 1024))"}"#))
        XCTAssertEqual(token.status, .payloadTooLarge)
    }

    func testRedirectsStayOnThisSite() async throws {
        let hostile = ["/%09/evil.example", "/%0a/evil.example", "/%0d%0a/evil.example", "/%5Cevil.example", "/%5C%5Cevil.example",
                       "//evil.example", "https://evil.example", "/\\evil.example", "/%20/evil.example", "%2F%2Fevil.example"]
        for next in hostile {
            let response = try await t.app.sendRequest(.GET, "/language?set=en&next=\(next)")
            XCTAssertEqual(response.headers.first(name: .location), "/", next)
        }
        for next in hostile {
            let browser = Browser(t.app)
            _ = try await browser.get("/login")
            let decoded = next.removingPercentEncoding ?? next
            let login = try await browser.post("/login", form: ["username": "admin", "password": TestApp.adminPassword, "next": decoded])
            XCTAssertEqual(login.headers.first(name: .location), "/", next)
        }
        let kept = try await t.app.sendRequest(.GET, "/language?set=en&next=/cmdb?q=abc")
        XCTAssertEqual(kept.headers.first(name: .location), "/cmdb?q=abc")
    }

    func testLockoutCannotBeSidesteppedBySpellingTheNameDifferently() async throws {
        _ = try await t.user("duty", role: "duty")
        for _ in 0..<5 {
            let wrong = try await t.json(.POST, "/api/v1/tokens", body: ["username": "duty", "password": "wrong-password"])
            XCTAssertEqual(wrong.status, .unauthorized)
        }
        for variant in [" duty", "duty ", "\tduty", "DUTY", "duty\n", "ｄｕｔｙ"] {
            let response = try await t.json(.POST, "/api/v1/tokens", body: ["username": variant, "password": "password-duty"])
            XCTAssertEqual(response.status, .tooManyRequests, "\(variant.debugDescription) shares the lockout of duty")
        }
    }

    func testTheThrottlePageSaysToWait() async throws {
        let browser = Browser(t.app)
        for _ in 0..<5 { _ = try await browser.login("admin", "wrong-password") }
        let throttled = try await browser.login("admin", "wrong-password")
        XCTAssertEqual(throttled.status, .tooManyRequests)
        XCTAssertTrue(throttled.body.string.contains("<title>请稍后再试 · "), throttled.body.string)
        XCTAssertTrue(throttled.body.string.contains("登录失败次数过多"))
    }
}
