import Foundation
import Vapor
import XCTVapor
@testable import ZoneOpsWeb

/// The repair slip in the browser: filled in by the engineer, parts taken, printed, confirmed.
final class RepairSlipPageTests: XCTestCase {
    var t: TestApp!
    override func setUp() async throws { t = try await TestApp.make() }
    override func tearDown() async throws { try await t.shutdown() }

    func testEngineerFillsTheSlipTakesAPartAndTheRequesterConfirms() async throws {
        let admin = try await t.token()
        _ = try await t.json(.POST, "/api/v1/locations", token: admin, body: ["name": "备件库", "kind": "room"])
        struct Part: Encodable { var name = "光模块"; var partModel = "SFP-10G"; var minimum = 1 }
        let part = try await t.json(.POST, "/api/v1/spare-parts", token: admin, body: Part()).content.get(String.self, at: "id")
        struct Move: Encodable { var kind = "receive"; var location = "备件库"; var quantity = 3 }
        _ = try await t.json(.POST, "/api/v1/spare-parts/\(part)/movements", token: admin, body: Move())
        let acme = try await t.organization("甲企业", kind: "enterprise")
        let requester = try await t.user("ent-a", role: "enterprise", organizationId: acme)
        _ = try await t.user("eng1", role: "engineer")
        let id = try await t.json(.POST, "/api/v1/incidents", token: requester, body: ["title": "仓库摄像头黑屏"])
            .content.get(String.self, at: "id")

        let engineer = Browser(t.app)
        _ = try await engineer.login("eng1", "password-eng1")
        let empty = try await engineer.get("/incidents/\(id)/slip")
        XCTAssertEqual(empty.status, .ok)
        XCTAssertTrue(empty.body.string.contains("设备维修单"))
        let badTime = try await engineer.post("/incidents/\(id)/slip", form: ["arrivedAt": "明天", "symptom": "黑屏"])
        XCTAssertEqual(badTime.status, .badRequest)
        XCTAssertTrue(badTime.body.string.contains("2026-03-02 10:30"))
        let saved = try await engineer.post("/incidents/\(id)/slip", form: ["symptom": "黑屏", "diagnosis": "光模块损坏", "action": "更换"])
        XCTAssertEqual(saved.status, .seeOther)
        _ = try await engineer.get("/incidents/\(id)/slip")
        let form = try await engineer.get("/incidents/\(id)/slip").body.string
        guard let range = form.range(of: #"value="[0-9A-F-]+@[0-9A-F-]+""#, options: .regularExpression) else { return XCTFail("no stock line") }
        let line = String(form[range].dropFirst(7).dropLast())
        XCTAssertTrue(form.contains("光模块 SFP-10G · 备件库（3"))
        let tooMany = try await engineer.post("/incidents/\(id)/slip/parts", form: ["stock": line, "quantity": "9"])
        XCTAssertEqual(tooMany.status, .unprocessableEntity)
        let used = try await engineer.post("/incidents/\(id)/slip/parts",
                                           form: ["stock": line, "quantity": "1", "serials": "SN-7788"])
        XCTAssertEqual(used.status, .seeOther)
        let sheet = try await engineer.get("/incidents/\(id)/slip").body.string
        XCTAssertTrue(sheet.contains("SN-7788"))
        let stock = try await t.json(.GET, "/api/v1/spare-parts", token: admin)
        XCTAssertEqual(try stock.content.get([SparePartsController.PartDTO].self, at: "items").first?.total, 2)
        let value1 = try await engineer.post("/incidents/\(id)/slip/confirm", form: [:]).status
        XCTAssertEqual(value1, .forbidden)

        let enterprise = Browser(t.app)
        _ = try await enterprise.login("ent-a", "password-ent-a")
        let view = try await enterprise.get("/incidents/\(id)/slip").body.string
        XCTAssertTrue(view.contains("确认维修完成"))
        XCTAssertFalse(view.contains(#"name="diagnosis""#), "requesters read the slip, they do not edit it")
        let value2 = try await enterprise.post("/incidents/\(id)/slip/confirm", form: [:]).status
        XCTAssertEqual(value2, .seeOther)
        let value3 = try await enterprise.get("/incidents/\(id)/slip").body.string.contains("由 测试ent-a 确认")
        XCTAssertTrue(value3)
    }
}

