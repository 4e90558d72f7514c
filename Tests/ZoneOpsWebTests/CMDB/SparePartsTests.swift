import Foundation
import Vapor
import XCTVapor
@testable import ZoneOpsWeb

final class SparePartsTests: XCTestCase {
    var t: TestApp!
    override func setUp() async throws { t = try await TestApp.make() }
    override func tearDown() async throws { try await t.shutdown() }

    func testStockMovesPerPlaceNeverBelowZeroAndWarnsUnderTheMinimum() async throws {
        let admin = try await t.token()
        let room = try await t.json(.POST, "/api/v1/locations", token: admin, body: ["name": "备件库", "kind": "room"])
        XCTAssertEqual(room.status, .created)
        let ups = try await t.json(.POST, "/api/v1/cis", token: admin, body: ["type": "ups", "name": "机房UPS", "assetTag": "UPS-1"])
        XCTAssertEqual(ups.status, .created)
        struct Part: Encodable { var name = "UPS 蓄电池"; var partModel = "12V100AH"; var unit = "节"; var minimum = 8 }
        let created = try await t.json(.POST, "/api/v1/spare-parts", token: admin, body: Part())
        XCTAssertEqual(created.status, .created)
        let id = try created.content.get(String.self, at: "id")
        struct Move: Encodable { var kind: String; var location = "备件库"; var quantity: Int; var ci: String? = nil }
        let receive = try await t.json(.POST, "/api/v1/spare-parts/\(id)/movements", token: admin, body: Move(kind: "receive", quantity: 10))
        XCTAssertEqual(receive.status, .created)
        let use = try await t.json(.POST, "/api/v1/spare-parts/\(id)/movements", token: admin, body: Move(kind: "use", quantity: 4, ci: "UPS-1"))
        XCTAssertEqual(use.status, .created)
        let tooMany = try await t.json(.POST, "/api/v1/spare-parts/\(id)/movements", token: admin, body: Move(kind: "use", quantity: 7))
        XCTAssertEqual(tooMany.status, .unprocessableEntity)
        XCTAssertEqual(try tooMany.content.get(String.self, at: "error", "code"), "not_enough_stock")
        let badCI = try await t.json(.POST, "/api/v1/spare-parts/\(id)/movements", token: admin, body: Move(kind: "use", quantity: 1, ci: "NOPE"))
        XCTAssertEqual(badCI.status, .badRequest)
        let list = try await t.json(.GET, "/api/v1/spare-parts", token: admin).content.get([SparePartsController.PartDTO].self, at: "items")
        XCTAssertEqual(list.first?.total, 6, "10 in, 4 out; the refused moves changed nothing")
        XCTAssertEqual(list.first?.belowMinimum, true)
        XCTAssertEqual(list.first?.stock, ["备件库": 6])

        let browser = Browser(t.app)
        _ = try await browser.login("admin", TestApp.adminPassword)
        let home = try await browser.get("/").body.string
        XCTAssertTrue(home.contains(#"class="stat alert"><span class="value">1</span><span class="label">备件低于下限</span>"#))
        let page = try await browser.get("/cmdb/spares").body.string
        XCTAssertTrue(page.contains("低于最低库存"))
        let typo = try await browser.post("/cmdb/spares/\(id)/movements", form: ["kind": "receive", "location": "备件库", "quantity": "五"])
        XCTAssertEqual(typo.status, .badRequest)
        XCTAssertTrue(typo.body.string.contains("数量须为 1 到 10000 的整数"), "a typo is explained on the page")
        let moved = try await browser.post("/cmdb/spares/\(id)/movements", form: ["kind": "receive", "location": "备件库", "quantity": "5"])
        XCTAssertEqual(moved.status, .seeOther)
        let after = try await browser.get("/cmdb/spares").body.string
        XCTAssertTrue(after.contains("11 节"))
        XCTAssertFalse(after.contains("低于最低库存</span>"), "back above the minimum")
    }

    func testMovementsArePerPartAndPerCI() async throws {
        let admin = try await t.token()
        _ = try await t.json(.POST, "/api/v1/locations", token: admin, body: ["name": "备件库", "kind": "room"])
        let ups = try await t.json(.POST, "/api/v1/cis", token: admin, body: ["type": "ups", "name": "机房UPS", "assetTag": "UPS-1"])
        let upsId = try ups.content.get(String.self, at: "id")
        let created = try await t.json(.POST, "/api/v1/spare-parts", token: admin, body: ["name": "UPS 蓄电池", "partModel": "12V100AH"])
        let id = try created.content.get(String.self, at: "id")
        struct Move: Encodable { var kind: String; var location = "备件库"; var quantity: Int; var ci: String? = nil; var note: String? = nil }
        _ = try await t.json(.POST, "/api/v1/spare-parts/\(id)/movements", token: admin, body: Move(kind: "receive", quantity: 10))
        _ = try await t.json(.POST, "/api/v1/spare-parts/\(id)/movements", token: admin,
                             body: Move(kind: "use", quantity: 4, ci: "UPS-1", note: "更换老化电池"))
        let ofPart = try await t.json(.GET, "/api/v1/spare-parts/\(id)/movements", token: admin)
        XCTAssertEqual(try ofPart.content.get(Int.self, at: "total"), 2)
        let ofCI = try await t.json(.GET, "/api/v1/cis/\(upsId)/spare-movements", token: admin)
        XCTAssertEqual(try ofCI.content.get(Int.self, at: "total"), 1)
        XCTAssertEqual(try ofCI.content.get(Int.self, at: "items", 0, "delta"), -4)
        let browser = Browser(t.app)
        _ = try await browser.login("admin", TestApp.adminPassword)
        let card = try await browser.get("/cmdb/spares/\(id)").body.string
        XCTAssertTrue(card.contains("出入库记录") && card.contains("更换老化电池") && card.contains("机房UPS"), card)
        let detail = try await browser.get("/cmdb/ci/\(upsId)").body.string
        XCTAssertTrue(detail.contains("备件使用记录") && detail.contains("UPS 蓄电池"))
    }
}
