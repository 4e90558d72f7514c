import Foundation
import Vapor
import XCTVapor
@testable import ZoneOpsWeb

/// The one-time rating link for callers without an account.
final class RatingLinkTests: XCTestCase {
    var t: TestApp!
    override func setUp() async throws { t = try await TestApp.make() }
    override func tearDown() async throws { try await t.shutdown() }

    func testTheLinkRatesOnceAndOnlyForItsResolution() async throws {
        let duty = try await t.user("duty1", role: "duty")
        let id = try await t.json(.POST, "/api/v1/incidents", token: duty,
                                  body: ["title": "来电：申报系统打不开", "channel": "hotline", "requesterName": "赵六"])
            .content.get(String.self, at: "id")
        let desk = Browser(t.app)
        _ = try await desk.login("duty1", "password-duty1")
        let before = try await desk.get("/incidents/\(id)").body.string
        XCTAssertFalse(before.contains("/rate/"), "no link before resolve")
        _ = try await t.json(.POST, "/api/v1/incidents/\(id)/resolve", token: duty, body: ["resolution": "已远程处理"])
        let page = try await desk.get("/incidents/\(id)").body.string
        guard let range = page.range(of: #"/rate/[A-Za-z0-9._-]+"#, options: .regularExpression) else { return XCTFail("no rating link") }
        let link = String(page[range])

        let caller = Browser(t.app)
        let form = try await caller.get(link)
        XCTAssertEqual(form.status, .ok)
        XCTAssertTrue(form.body.string.contains("来电：申报系统打不开"))
        let value101 = try await caller.get(link.dropLast(2) + "xx").status
        XCTAssertEqual(value101, .notFound, "a forged link finds nothing")
        let rated = try await caller.post(link, form: ["rating": "4", "comment": "满意"])
        XCTAssertEqual(rated.status, .ok)
        XCTAssertTrue(rated.body.string.contains("感谢"))
        let again = try await caller.post(link, form: ["rating": "1"])
        XCTAssertEqual(again.status, .conflict)
        let stored = try await t.json(.GET, "/api/v1/incidents/\(id)", token: duty)
        XCTAssertEqual(try stored.content.get(Int.self, at: "incident", "rating"), 4)
    }
}
