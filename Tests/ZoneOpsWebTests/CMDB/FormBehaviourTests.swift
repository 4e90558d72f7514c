import Fluent
import Foundation
import Vapor
import XCTVapor
import ZoneOpsStore
@testable import ZoneOpsWeb

/// Forms keep what people typed, say where the problem is, and ask before deleting.
final class FormBehaviourTests: XCTestCase {
    var t: TestApp!
    var browser: Browser!
    override func setUp() async throws {
        t = try await TestApp.make()
        browser = Browser(t.app)
        _ = try await browser.login("admin", TestApp.adminPassword)
    }
    override func tearDown() async throws { try await t.shutdown() }

    func testARefusedCIFormMarksEachFieldByItsLabelAndKeepsTheValues() async throws {
        _ = try await browser.get("/cmdb/new?type=camera")
        let refused = try await browser.post("/cmdb", form: ["type": "camera", "name": "1号卡口全景", "ip": "10.8.1.300",
                                                             "attr.customsCode": "4101", "vendor": "海康威视"])
        XCTAssertEqual(refused.status, .badRequest)
        let html = refused.body.string
        XCTAssertTrue(html.contains("IP地址：不是有效的 IP 地址"), html)
        XCTAssertTrue(html.contains("海关视频编码："))
        XCTAssertFalse(html.contains("attributes.customsCode"))
        XCTAssertFalse(html.contains("。；"))
        XCTAssertTrue(html.contains(#"id="ip-error""#), "the message stands at the field")
        XCTAssertTrue(html.contains(#"id="attr.customsCode-error""#))
        XCTAssertTrue(html.contains(#"value="10.8.1.300""#) && html.contains(#"value="海康威视""#), "typed values stay")
    }

    func testSwitchingTheTypeKeepsWhatWasTyped() async throws {
        _ = try await browser.get("/cmdb/new?type=camera")
        let switched = try await browser.post("/cmdb", form: ["type": "nvr", "name": "2号录像机", "ip": "10.8.2.10",
                                                              "vendor": "大华", "_switchType": "1"])
        XCTAssertEqual(switched.status, .ok)
        let html = switched.body.string
        XCTAssertTrue(html.contains(#"value="2号录像机""#) && html.contains(#"value="10.8.2.10""#) && html.contains(#"value="大华""#))
        XCTAssertTrue(html.contains(#"<option value="nvr" selected="selected">"#), "the new type is chosen")
        let stored = try await CIModel.query(on: t.app.db).count()
        XCTAssertEqual(stored, 0, "switching saves nothing")
    }

    func testAFailedSpareMovementKeepsTheTypedValues() async throws {
        let admin = try await t.token()
        let site = try await t.json(.POST, "/api/v1/locations", token: admin, body: ["name": "备件库", "kind": "site"])
        let siteId = try site.content.get(String.self, at: "id")
        let part = try await t.json(.POST, "/api/v1/spare-parts", token: admin, body: ["name": "光模块", "partModel": "SFP-10G-LR"])
        let partId = try part.content.get(String.self, at: "id")
        _ = try await browser.get("/cmdb/spares")
        let refused = try await browser.post("/cmdb/spares/\(partId)/movements",
                                             form: ["kind": "use", "location": siteId, "quantity": "3", "ci": "ZB-404", "note": "更换核心光模块"])
        XCTAssertEqual(refused.status, .badRequest, "no CI has that tag")
        XCTAssertTrue(refused.body.string.contains(#"id="ci-error""#))
        let html = refused.body.string
        XCTAssertTrue(html.contains(#"value="ZB-404""#) && html.contains(#"value="更换核心光模块""#) && html.contains(#"value="3""#), html)
        XCTAssertTrue(html.contains(#"<details open="open">"#), "the refused part's form is open")
        let typo = try await browser.post("/cmdb/spares/\(partId)/movements",
                                          form: ["kind": "receive", "location": siteId, "quantity": "三", "ci": "", "note": ""])
        XCTAssertEqual(typo.status, .badRequest)
        XCTAssertTrue(typo.body.string.contains(#"id="quantity-error""#))
        XCTAssertTrue(typo.body.string.contains(#"value="三""#))
    }

    func testDeletingACIOrARelationAsksFirst() async throws {
        let admin = try await t.token()
        let a = try await t.json(.POST, "/api/v1/cis", token: admin, body: ["type": "switch", "name": "接入交换机", "assetTag": "SW-1"])
        let b = try await t.json(.POST, "/api/v1/cis", token: admin, body: ["type": "camera", "name": "摄像机"])
        let aId = try a.content.get(String.self, at: "id"), bId = try b.content.get(String.self, at: "id")
        let relation = try await t.json(.POST, "/api/v1/cis/\(bId)/relations", token: admin, body: ["type": "connected_to", "targetId": aId])
        let relationId = try relation.content.get(String.self, at: "id")
        _ = try await browser.get("/cmdb/ci/\(bId)")
        let askRelation = try await browser.post("/cmdb/ci/\(bId)/relations/\(relationId)/delete", form: [:])
        XCTAssertEqual(askRelation.status, .ok)
        XCTAssertTrue(askRelation.body.string.contains(#"name="confirm" value="yes""#))
        let stillThere = try await CIRelationModel.query(on: t.app.db).count()
        XCTAssertEqual(stillThere, 1)
        _ = try await browser.post("/cmdb/ci/\(bId)/relations/\(relationId)/delete", form: ["confirm": "yes"])
        let gone = try await CIRelationModel.query(on: t.app.db).count()
        XCTAssertEqual(gone, 0)

        let ask = try await browser.post("/cmdb/ci/\(aId)/delete", form: [:])
        XCTAssertEqual(ask.status, .ok)
        XCTAssertTrue(ask.body.string.contains("确定删除配置项“接入交换机”（资产编号 SW-1）吗"), ask.body.string)
        let kept = try await CIModel.find(UUID(uuidString: aId), on: t.app.db)
        XCTAssertNotNil(kept, "nothing is deleted before the confirmation")
        let deleted = try await browser.post("/cmdb/ci/\(aId)/delete", form: ["confirm": "yes"])
        XCTAssertEqual(deleted.status, .seeOther)
        let after = try await CIModel.find(UUID(uuidString: aId), on: t.app.db)
        XCTAssertNil(after)
    }
}

/// A form whose token or session lapsed keeps what was typed and can be sent again.
final class ExpiredFormTests: XCTestCase {
    var t: TestApp!
    override func setUp() async throws { t = try await TestApp.make() }
    override func tearDown() async throws { try await t.shutdown() }

    func hiddenFields(_ html: String) -> [String: String] {
        var fields: [String: String] = [:]
        var rest = html[...]
        while let range = rest.range(of: #"<input type="hidden" name=""#) {
            let after = rest[range.upperBound...]
            let name = String(after.prefix { $0 != "\"" })
            guard let valueStart = after.range(of: #"value=""#) else { break }
            fields[name] = String(after[valueStart.upperBound...].prefix { $0 != "\"" })
            rest = after
        }
        return fields
    }

    func testAnExpiredTokenKeepsTheFormAndOneClickSendsIt() async throws {
        let browser = Browser(t.app)
        _ = try await browser.login("admin", TestApp.adminPassword)
        _ = try await browser.get("/cmdb/locations")
        let stale = try await browser.post("/cmdb/locations", form: ["name": "二号卡口", "kind": "checkpoint", "_csrf": "stale"],
                                           includeCSRF: false)
        XCTAssertEqual(stale.status, .forbidden)
        let html = stale.body.string
        XCTAssertTrue(html.contains("表单已过期"))
        let kept = hiddenFields(html)
        XCTAssertEqual(kept["name"], "二号卡口")
        XCTAssertEqual(kept["kind"], "checkpoint")
        let again = try await browser.post("/cmdb/locations", form: kept, includeCSRF: false)
        XCTAssertLessThan(again.status.code, 400, again.body.string)
        let stored = try await LocationModel.query(on: t.app.db).filter(\.$name == "二号卡口").count()
        XCTAssertEqual(stored, 1)
    }

    func testAnExpiredSessionKeepsTheFormThroughALogin() async throws {
        let browser = Browser(t.app)
        _ = try await browser.login("admin", TestApp.adminPassword)
        _ = try await browser.get("/cmdb/locations")
        let token = try XCTUnwrap(browser.csrf)
        t.clock.advance(13 * 3600) // past the 12 h idle lifetime
        let lapsed = try await browser.post("/cmdb/locations", form: ["name": "三号卡口", "kind": "checkpoint", "_csrf": token,
                                                                      "password": "never-kept"], includeCSRF: false)
        XCTAssertEqual(lapsed.status, .forbidden)
        XCTAssertTrue(lapsed.body.string.contains("登录已过期"))
        var kept = hiddenFields(lapsed.body.string)
        XCTAssertEqual(kept["keep.name"], "三号卡口")
        XCTAssertNil(kept["keep.password"], "passwords are never carried")
        XCTAssertEqual(kept["_resubmit"], "/cmdb/locations")
        kept["username"] = "admin"
        kept["password"] = TestApp.adminPassword
        let loggedIn = try await browser.post("/login", form: kept, includeCSRF: false)
        XCTAssertEqual(loggedIn.status, .ok, loggedIn.body.string)
        let resend = hiddenFields(loggedIn.body.string)
        XCTAssertEqual(resend["name"], "三号卡口")
        let sent = try await browser.post("/cmdb/locations", form: resend, includeCSRF: false)
        XCTAssertLessThan(sent.status.code, 400, sent.body.string)
        let stored = try await LocationModel.query(on: t.app.db).filter(\.$name == "三号卡口").count()
        XCTAssertEqual(stored, 1)
    }
}
