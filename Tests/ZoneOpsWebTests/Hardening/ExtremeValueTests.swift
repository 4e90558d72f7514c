import Foundation
import Vapor
import XCTVapor
@testable import ZoneOpsWeb

/// Numbers in query strings: every GET route gets extremes and nonsense, and answers 400, never
/// a crash (an overflow ends the test process, which fails the run).
final class ExtremeValueTests: XCTestCase {
    var t: TestApp!
    override func setUp() async throws { t = try await TestApp.make() }
    override func tearDown() async throws { try await t.shutdown() }

    static let extremes = ["9223372036854775807", "-9223372036854775808", "0", "-1", "1e9", "abc", "99999999999999999999999"]

    func testTheReportedOverflowsAnswer400() async throws {
        let admin = try await t.token()
        for path in ["/api/v1/cis?page=9223372036854775807", "/api/v1/audit?page=-9223372036854775808",
                     "/api/v1/cis/expiring?days=9223372036854775807"] {
            let response = try await t.json(.GET, path, token: admin)
            XCTAssertEqual(response.status, .badRequest, path)
            XCTAssertEqual(try response.content.get(String.self, at: "error", "code"), "invalid_input")
            XCTAssertTrue(try response.content.get(String.self, at: "error", "message").contains("之间的整数"), response.body.string)
        }
        let browser = Browser(t.app)
        _ = try await browser.login("admin", TestApp.adminPassword)
        let page = try await browser.get("/cmdb?page=9223372036854775807")
        XCTAssertEqual(page.status, .badRequest)
        XCTAssertTrue(page.body.string.contains("参数 page 须为 1 到 100000 之间的整数"), page.body.string)
        let fine = try await t.json(.GET, "/api/v1/cis?page=2", token: admin)
        XCTAssertEqual(fine.status, .ok)
    }

    func testEveryGetRouteSurvivesExtremeNumbers() async throws {
        let admin = try await t.token()
        let created = try await t.json(.POST, "/api/v1/cis", token: admin, body: ["type": "switch", "name": "核心交换机"])
        let ciId = try created.content.get(String.self, at: "id")
        let browser = Browser(t.app)
        _ = try await browser.login("admin", TestApp.adminPassword)
        var checked = 0
        for route in t.app.routes.all where route.method == .GET {
            let path = "/" + route.path.map { component -> String in
                switch component {
                case .parameter: ciId
                case .constant(let text): text
                default: "x"
                }
            }.joined(separator: "/")
            for value in Self.extremes {
                let query = "page=\(value)&days=\(value)&limit=\(value)"
                let url = path + "?" + query
                let api = try await t.json(.GET, url, token: admin)
                XCTAssertLessThan(api.status.code, 500, "\(url): \(api.body.string.prefix(200))")
                let page = try await browser.get(url)
                XCTAssertLessThan(page.status.code, 500, "\(url) in the browser")
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 40 * Self.extremes.count, "all GET routes were tried")
    }
}
