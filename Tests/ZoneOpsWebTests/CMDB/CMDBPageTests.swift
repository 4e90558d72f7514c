import Foundation
import Vapor
import XCTVapor
@testable import ZoneOpsWeb

final class CMDBPageTests: XCTestCase {
    var t: TestApp!
    var browser: Browser!
    override func setUp() async throws {
        t = try await TestApp.make()
        browser = Browser(t.app)
        _ = try await browser.login("admin", TestApp.adminPassword)
        _ = try await browser.get("/cmdb") // a page after login carries the new session's CSRF token
    }
    override func tearDown() async throws { try await t.shutdown() }

    func testRegisterACIInTheBrowserAndKeepTypedValuesOnError() async throws {
        let form = try await browser.get("/cmdb/new?type=camera")
        XCTAssertTrue(form.body.string.contains("海关视频编码"), "the camera's own attributes are on the form")
        let refused = try await browser.post("/cmdb", form: ["type": "camera", "name": "南门摄像机", "ip": "10.1.1.999",
                                                             "attr.customsCode": "123"])
        XCTAssertEqual(refused.status, .badRequest)
        let html = refused.body.string
        XCTAssertTrue(html.contains("不是有效的 IP 地址"))
        XCTAssertTrue(html.contains("海关视频编码应为20位数字"))
        XCTAssertTrue(html.contains(#"value="南门摄像机""#), "what was typed stays")
        let created = try await browser.post("/cmdb", form: ["type": "camera", "name": "南门摄像机", "ip": "10.1.1.99",
                                                             "attr.customsCode": "41010011101323500009", "attr.form": "dome"])
        XCTAssertEqual(created.status, .seeOther)
        let detail = try await browser.get(try XCTUnwrap(created.headers.first(name: .location)))
        XCTAssertTrue(detail.body.string.contains("配置项已登记"))
        XCTAssertTrue(detail.body.string.contains("球机"), "choices show their Chinese name")
        XCTAssertTrue(detail.body.string.contains("41010011101323500009"))
    }

    func testRelationsByAssetTagAndTheImpactPage() async throws {
        let core = try await browser.post("/cmdb", form: ["type": "switch", "name": "核心交换机", "assetTag": "NET-1"])
        let corePath = try XCTUnwrap(core.headers.first(name: .location))
        let access = try await browser.post("/cmdb", form: ["type": "switch", "name": "接入交换机", "assetTag": "NET-2"])
        let accessPath = try XCTUnwrap(access.headers.first(name: .location))
        _ = try await browser.get(accessPath)
        let added = try await browser.post(accessPath + "/relations", form: ["type": "connected_to", "target": "NET-1", "port": "Gi1/0/1"])
        XCTAssertEqual(added.status, .seeOther)
        let missing = try await browser.post(accessPath + "/relations", form: ["type": "connected_to", "target": "NET-404"])
        XCTAssertEqual(missing.status, .badRequest)
        XCTAssertTrue(missing.body.string.contains("找不到目标配置项"))
        let impact = try await browser.get(corePath + "/impact").body.string
        XCTAssertTrue(impact.contains("受影响的配置项共 1 个"), impact)
        XCTAssertTrue(impact.contains("核心交换机 ← 连接到 — 接入交换机"))
        let mobile = try await browser.get(corePath.replacingOccurrences(of: "/cmdb/ci/", with: "/m/ci/")).body.string
        XCTAssertTrue(mobile.contains("接入交换机"))
        XCTAssertTrue(mobile.contains("报修"), "fault reporting has its place")
    }

    func testListSearchesAndFiltersByPlace() async throws {
        let created = try await browser.post("/cmdb/locations", form: ["name": "1号机房", "kind": "room", "parentId": ""])
        XCTAssertEqual(created.status, .seeOther)
        let locations = try await t.json(.GET, "/api/v1/locations", token: try await t.token()).content.get([LocationDTO].self, at: "items")
        let room = try XCTUnwrap(locations.first { $0.name == "1号机房" })
        _ = try await browser.post("/cmdb", form: ["type": "ups", "name": "机房UPS", "location": room.id])
        _ = try await browser.post("/cmdb", form: ["type": "ups", "name": "卡口UPS"])
        let inRoom = try await browser.get("/cmdb?locationId=\(room.id)").body.string
        XCTAssertTrue(inRoom.contains("机房UPS"))
        XCTAssertFalse(inRoom.contains("卡口UPS"))
        let search = try await browser.get("/cmdb?q=%E5%8D%A1%E5%8F%A3&type=&state=&status=&locationId=").body.string
        XCTAssertTrue(search.contains(#"<option value selected="selected">全部类型"#),
                      "an empty option value is written, not left to the label")
        XCTAssertTrue(search.contains("卡口UPS"))
        XCTAssertTrue(search.contains("共 1 条"))
    }

    func testAdminAddsAnAttributeToATypeWithoutACodeChange() async throws {
        let added = try await browser.post("/cmdb/types/ups/attributes", form: ["key": "batteryCount", "zh": "电池节数", "en": "Batteries",
                                                                                "kind": "integer", "required": "false"])
        XCTAssertEqual(added.status, .seeOther)
        let bad = try await browser.post("/cmdb/types/ups/attributes", form: ["key": "电池", "zh": "电池", "kind": "text"])
        XCTAssertEqual(bad.status, .badRequest)
        let form = try await browser.get("/cmdb/new?type=ups").body.string
        XCTAssertTrue(form.contains("电池节数"))
        let refused = try await browser.post("/cmdb", form: ["type": "ups", "name": "UPS-2", "attr.batteryCount": "很多"])
        XCTAssertTrue(refused.body.string.contains("应为整数"))
        let ok = try await browser.post("/cmdb", form: ["type": "ups", "name": "UPS-2", "attr.batteryCount": "32"])
        XCTAssertEqual(ok.status, .seeOther)
        // Only the admin configures types.
        _ = try await t.user("lead1", role: "lead")
        let lead = Browser(t.app)
        _ = try await lead.login("lead1", "password-lead1")
        _ = try await lead.get("/cmdb/types")
        let denied = try await lead.post("/cmdb/types/ups/attributes", form: ["key": "x", "zh": "x", "kind": "text"])
        XCTAssertEqual(denied.status, .forbidden)
    }

    func testReadOnlyRolesSeeNoEditButtons() async throws {
        _ = try await t.user("officer", role: "customs", organizationId: try await t.organization("海关", kind: "customs"))
        let customs = Browser(t.app)
        _ = try await customs.login("officer", "password-officer")
        let list = try await customs.get("/cmdb")
        XCTAssertEqual(list.status, .ok)
        XCTAssertFalse(list.body.string.contains("/cmdb/new"))
        let awaited1 = try await customs.get("/cmdb/new")
        XCTAssertEqual(awaited1.status, .forbidden)
    }
}
