import Foundation
import Vapor
import XCTVapor
@testable import ZoneOpsWeb

final class CMDBAPITests: XCTestCase {
    var t: TestApp!
    var admin: String!
    override func setUp() async throws {
        t = try await TestApp.make()
        admin = try await t.token()
    }
    override func tearDown() async throws { try await t.shutdown() }

    func create(_ body: [String: Any]) async throws -> XCTHTTPResponse {
        let data = try JSONSerialization.data(withJSONObject: body)
        return try await t.app.sendRequest(.POST, "/api/v1/cis", headers: ["Authorization": "Bearer \(admin!)",
                                                                            "Content-Type": "application/json"],
                                           body: ByteBuffer(data: data))
    }

    func createId(_ body: [String: Any]) async throws -> String {
        let response = try await create(body)
        XCTAssertEqual(response.status, .created, response.body.string)
        return try response.content.get(String.self, at: "id")
    }

    func testRegisterACameraWithItsOwnAttributes() async throws {
        let response = try await create(["type": "camera", "name": "1号卡口入区全景摄像机", "assetTag": "ZB-CAM-0001",
                                         "ip": "10.20.1.11", "criticality": 2,
                                         "attributes": ["customsCode": "41010011101323500001", "form": "球机"]])
        XCTAssertEqual(response.status, .created, response.body.string)
        let ci = try response.content.decode(CIDTO.self)
        XCTAssertEqual(ci.typeName, "摄像机")
        XCTAssertEqual(ci.attributes, ["customsCode": "41010011101323500001", "form": "dome"])
        XCTAssertEqual(ci.status, "in_use")
        XCTAssertEqual(ci.state, "unknown")
        let shown = try await t.json(.GET, "/api/v1/cis/\(ci.id)", token: admin)
        XCTAssertEqual(try shown.content.get(String.self, at: "assetTag"), "ZB-CAM-0001")
    }

    func testBadInputIsReportedFieldByFieldAndNothingIsStored() async throws {
        let response = try await create(["type": "camera", "name": "坏摄像机", "ip": "10.20.1.300", "purchaseDate": "去年",
                                         "attributes": ["customsCode": "4101001110", "colour": "red"]])
        XCTAssertEqual(response.status, .badRequest)
        let message = try response.content.get(String.self, at: "error", "message")
        XCTAssertTrue(message.contains("IP地址：不是有效的 IP 地址"), message)
        XCTAssertTrue(message.contains("购置日期："), message)
        XCTAssertTrue(message.contains("海关视频编码："), message)
        XCTAssertFalse(message.contains("。；"), "no doubled punctuation: \(message)")
        XCTAssertFalse(message.contains("attributes."), message)
        let unknownType = try await create(["type": "toaster", "name": "x"])
        XCTAssertEqual(unknownType.status, .badRequest)
        XCTAssertTrue(unknownType.body.string.contains("没有这种配置项类型"))
        let badAttributes = try await create(["type": "camera", "name": "x", "attributes": ["customsCode": "4101001110", "colour": "red"]])
        XCTAssertTrue(badAttributes.body.string.contains("attributes.customsCode"))
        XCTAssertTrue(badAttributes.body.string.contains("attributes.colour"))
        let lane = try await create(["type": "lane", "name": "1号通道"])
        XCTAssertTrue(lane.body.string.contains("attributes.chnlNo"), "required attribute")
        let list = try await t.json(.GET, "/api/v1/cis", token: admin)
        XCTAssertEqual(try list.content.get(Int.self, at: "total"), 0)
    }

    func testAssetTagsAreUnique() async throws {
        _ = try await createId(["type": "server", "name": "应用服务器1", "assetTag": "ZB-SRV-01"])
        let duplicate = try await create(["type": "server", "name": "应用服务器2", "assetTag": "ZB-SRV-01"])
        XCTAssertEqual(duplicate.status, .conflict)
    }

    func testSearchByChineseTextTagSerialAndIP() async throws {
        _ = try await createId(["type": "server", "name": "企业物流服务平台应用服务器", "serialNumber": "SN9X77", "ip": "10.8.1.20"])
        _ = try await createId(["type": "switch", "name": "核心交换机", "assetTag": "ZB-NET-100_A"])
        for (q, expected) in [("物流", 1), ("sn9x", 1), ("10.8.1.2", 1), ("100_a", 1), ("100%", 0), ("交换", 1), ("不存在", 0)] {
            let query = q.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            let response = try await t.json(.GET, "/api/v1/cis?q=\(query)", token: admin)
            XCTAssertEqual(try response.content.get(Int.self, at: "total"), expected, q)
        }
        let switches = try await t.json(.GET, "/api/v1/cis?type=switch", token: admin)
        XCTAssertEqual(try switches.content.get(Int.self, at: "total"), 1)
    }

    func testImpactOfACoreSwitchReachesTheCamerasBehindItWithThePath() async throws {
        let core = try await createId(["type": "switch", "name": "核心交换机"])
        let access = try await createId(["type": "switch", "name": "卡口接入交换机"])
        let camera = try await createId(["type": "camera", "name": "卡口摄像机"])
        let nvr = try await createId(["type": "nvr", "name": "NVR-1"])
        for (source, target, type) in [(access, core, "connected_to"), (camera, access, "connected_to"), (nvr, core, "connected_to")] {
            let r = try await t.json(.POST, "/api/v1/cis/\(source)/relations", token: admin, body: ["type": type, "targetId": target])
            XCTAssertEqual(r.status, .created, r.body.string)
        }
        let impact = try await t.json(.GET, "/api/v1/cis/\(core)/impact", token: admin).content.decode(ImpactDTO.self)
        XCTAssertEqual(Set(impact.items.map(\.name)), ["卡口接入交换机", "卡口摄像机", "NVR-1"])
        let cam = try XCTUnwrap(impact.items.first { $0.id == camera })
        XCTAssertEqual(cam.pathNames, ["核心交换机", "卡口接入交换机", "卡口摄像机"])
        XCTAssertEqual(cam.via, ["connected_to", "connected_to"])
        let leaf = try await t.json(.GET, "/api/v1/cis/\(camera)/impact", token: admin)
        XCTAssertEqual(try leaf.content.get(Int.self, at: "total"), 0)
    }

    func testLoopsOfHostingAreRefusedAndDuplicatesConflict() async throws {
        let app = try await createId(["type": "business_system", "name": "传输平台"])
        let vm = try await createId(["type": "server", "name": "虚拟机A"])
        let r1 = try await t.json(.POST, "/api/v1/cis/\(app)/relations", token: admin, body: ["type": "hosted_on", "targetId": vm])
        XCTAssertEqual(r1.status, .created)
        let loop = try await t.json(.POST, "/api/v1/cis/\(vm)/relations", token: admin, body: ["type": "hosted_on", "targetId": app])
        XCTAssertEqual(loop.status, .unprocessableEntity)
        XCTAssertEqual(try loop.content.get(String.self, at: "error", "code"), "relation_cycle")
        let again = try await t.json(.POST, "/api/v1/cis/\(app)/relations", token: admin, body: ["type": "hosted_on", "targetId": vm])
        XCTAssertEqual(again.status, .conflict)
        let bad = try await t.json(.POST, "/api/v1/cis/\(app)/relations", token: admin, body: ["type": "likes", "targetId": vm])
        XCTAssertEqual(bad.status, .badRequest)
        // Deleting a CI takes its relations with it.
        let awaited1 = try await t.json(.DELETE, "/api/v1/cis/\(vm)", token: admin)
        XCTAssertEqual(awaited1.status, .noContent)
        let left = try await t.json(.GET, "/api/v1/cis/\(app)/relations", token: admin)
        XCTAssertEqual(try left.content.get(Int.self, at: "total"), 0)
    }

    func testLocationsNestAndFilterIncludesWhatIsBelow() async throws {
        func location(_ name: String, _ kind: String, _ parent: String?) async throws -> String {
            var body = ["name": name, "kind": kind]
            body["parentId"] = parent
            let r = try await t.json(.POST, "/api/v1/locations", token: admin, body: body)
            XCTAssertEqual(r.status, .created, r.body.string)
            return try r.content.get(String.self, at: "id")
        }
        let site = try await location("经开综保区", "site", nil)
        let building = try await location("监管中心", "building", site)
        let room = try await location("1号机房", "room", building)
        _ = try await createId(["type": "ups", "name": "UPS-1", "locationId": room])
        _ = try await createId(["type": "ups", "name": "UPS-2", "location": "经开综保区/监管中心/1号机房"])
        _ = try await createId(["type": "ups", "name": "UPS-elsewhere"])
        let inBuilding = try await t.json(.GET, "/api/v1/cis?locationId=\(building)", token: admin)
        XCTAssertEqual(try inBuilding.content.get(Int.self, at: "total"), 2)
        let list = try await t.json(.GET, "/api/v1/cis?q=ups-1", token: admin).content.get([CIDTO].self, at: "items")
        XCTAssertEqual(list.first?.location, "经开综保区/监管中心/1号机房")
        let bad = try await create(["type": "ups", "name": "UPS-3", "locationId": UUID().uuidString])
        XCTAssertEqual(bad.status, .badRequest)
    }

    func testLifecycleHistoryIsKept() async throws {
        let id = try await createId(["type": "server", "name": "备用服务器"])
        t.clock.advance(60)
        let awaited2 = try await t.json(.PATCH, "/api/v1/cis/\(id)", token: admin, body: ["status": "repair"])
        XCTAssertEqual(awaited2.status, .ok)
        t.clock.advance(60)
        let awaited3 = try await t.json(.PATCH, "/api/v1/cis/\(id)", token: admin, body: ["status": "备用"])
        XCTAssertEqual(awaited3.status, .ok)
        let history = try await t.json(.GET, "/api/v1/cis/\(id)/history", token: admin).content.get([StatusChangeDTO].self, at: "items")
        XCTAssertEqual(history.map(\.to), ["spare", "repair", "in_use"])
        XCTAssertEqual(history.first?.from, "repair")
        let audit = try await t.json(.GET, "/api/v1/audit", token: admin).content.get([AuditEntryDTO].self, at: "items")
        XCTAssertTrue(audit.contains { $0.action == "ci.update" && ($0.before ?? "").contains("\"status\":\"repair\"") })
    }

    func testWhoMayReadAndEdit() async throws {
        let customs = try await t.user("haiguan", role: "customs", organizationId: try await t.organization("测试海关", kind: "customs"))
        let enterprise = try await t.user("qiye", role: "enterprise", organizationId: try await t.organization("测试企业", kind: "enterprise"))
        let engineer = try await t.user("gcs", role: "engineer")
        let awaited4 = try await t.json(.GET, "/api/v1/cis", token: customs)
        XCTAssertEqual(awaited4.status, .ok)
        let awaited5 = try await t.json(.POST, "/api/v1/cis", token: customs, body: ["type": "ups", "name": "x"])
        XCTAssertEqual(awaited5.status, .forbidden)
        let awaited6 = try await t.json(.GET, "/api/v1/cis", token: enterprise)
        XCTAssertEqual(awaited6.status, .forbidden)
        let awaited7 = try await t.json(.POST, "/api/v1/cis", token: engineer, body: ["type": "ups", "name": "UPS-9"])
        XCTAssertEqual(awaited7.status, .created)
    }
}

final class CISearchTests: XCTestCase {
    func testSearchAlsoMatchesTheTypeName() async throws {
        let t = try await TestApp.make()
        do {
            let admin = try await t.token()
            _ = try await t.json(.POST, "/api/v1/cis", token: admin, body: ["type": "nvr", "name": "2号机房录像"])
            _ = try await t.json(.POST, "/api/v1/cis", token: admin, body: ["type": "ups", "name": "机房电源"])
            let found = try await t.json(.GET, "/api/v1/cis?q=%E5%BD%95%E5%83%8F%E6%9C%BA", token: admin) // 录像机
            XCTAssertEqual(try found.content.get(Int.self, at: "total"), 1)
            let english = try await t.json(.GET, "/api/v1/cis?q=ups", token: admin)
            XCTAssertEqual(try english.content.get(Int.self, at: "total"), 1)
        } catch {
            try await t.shutdown()
            throw error
        }
        try await t.shutdown()
    }
}
