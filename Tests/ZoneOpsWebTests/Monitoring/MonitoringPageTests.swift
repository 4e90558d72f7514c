import Foundation
import Vapor
import XCTVapor
import ZoneOpsServices
@testable import ZoneOpsWeb

/// Monitoring in the browser: the console lists and correlates, maps an unmatched event in one
/// step and acknowledges; the boards roll lanes up from their devices; silences are set with a
/// reason; the CI page shows availability and state changes. All in Chinese by default.
final class MonitoringPageTests: XCTestCase {
    var t: TestApp!
    var admin = ""
    override func setUp() async throws {
        t = try await TestApp.make()
        admin = try await t.token()
    }
    override func tearDown() async throws { try await t.shutdown() }

    struct CIBody: Encodable { var type: String; var name: String; var attributes: [String: String] }

    func ci(_ name: String, type: String, attributes: [String: String] = [:]) async throws -> String {
        let response = try await t.json(.POST, "/api/v1/cis", token: admin, body: CIBody(type: type, name: name, attributes: attributes))
        XCTAssertEqual(response.status, .created, response.body.string)
        return try response.content.get(String.self, at: "id")
    }

    func send(_ events: [[String: String]]) async throws {
        let response = try await t.json(.POST, "/api/v1/events", token: admin, body: events)
        XCTAssertEqual(response.status, .accepted, response.body.string)
    }

    func testConsoleBoardsSilencesAndTheCIPage() async throws {
        let lane = try await ci("1号通道（进区）", type: "lane", attributes: ["chnlNo": "K0101"])
        let plate = try await ci("1号通道车牌识别", type: "plate_camera")
        let gate = try await ci("1号通道道闸", type: "barrier_gate")
        for member in [plate, gate] {
            let linked = try await t.json(.POST, "/api/v1/cis/\(member)/relations", token: admin, body: ["type": "part_of", "targetId": lane])
            XCTAssertEqual(linked.status, .created, linked.body.string)
        }
        try await send([["source": "probe", "ciId": gate, "check": "ping", "severity": "critical", "summary": "道闸控制器无响应"],
                        ["source": "syslog", "host": "10.9.9.9", "check": "link", "severity": "major", "summary": "端口 down"]])
        t.clock.advance(5)
        try await t.app.monitoring.pipeline.process(now: t.clock.now)

        _ = try await t.user("duty1", role: "duty")
        let duty = Browser(t.app)
        _ = try await duty.login("duty1", "password-duty1")
        let console = try await duty.get("/monitoring")
        XCTAssertEqual(console.status, .ok)
        XCTAssertTrue(console.body.string.contains("事件台"))
        XCTAssertTrue(console.body.string.contains("道闸控制器无响应"))
        XCTAssertTrue(console.body.string.contains("data-live-topic=\"monitoring\""))
        XCTAssertTrue(console.body.string.contains("未匹配 10.9.9.9"))
        let fragment = try await duty.get("/monitoring?fragment=1")
        XCTAssertFalse(fragment.body.string.contains("<html"))
        XCTAssertTrue(fragment.body.string.contains("道闸控制器无响应"))

        // The lanes board: the lane rolls up to down from its gate.
        let board = try await duty.get("/monitoring/boards/lanes")
        XCTAssertEqual(board.status, .ok)
        XCTAssertTrue(board.body.string.contains("data-group-state=\"down\""), board.body.string)
        XCTAssertTrue(board.body.string.contains("在线 1 / 3") || board.body.string.contains("在线 0 / 3"), board.body.string)
        let wall = try await duty.get("/monitoring/boards/lanes?wall=1")
        XCTAssertTrue(wall.body.string.contains("board wall"))
        let json = try await t.json(.GET, "/api/v1/boards/lanes", token: admin)
        XCTAssertEqual(try json.content.get(String.self, at: "groups", 0, "state"), "down")
        let unknown = try await duty.get("/monitoring/boards/nothing")
        XCTAssertEqual(unknown.status, .notFound)

        // Map the unmatched event to the plate camera in one step.
        let unmatched = try await t.json(.GET, "/api/v1/alerts?unmatched=1", token: admin)
        let alertId = try unmatched.content.get(String.self, at: "items", 0, "id")
        let mapped = try await duty.post("/monitoring/alerts/\(alertId)/map", form: ["ciId": "1号通道车牌识别"])
        XCTAssertEqual(mapped.status, .seeOther)
        let after = try await t.json(.GET, "/api/v1/alerts/\(alertId)", token: admin)
        XCTAssertEqual(try after.content.get(String.self, at: "ciId"), plate)
        let ack = try await duty.post("/monitoring/alerts/\(alertId)/acknowledge", form: [:])
        XCTAssertEqual(ack.status, .seeOther)
        let console2 = try await duty.get("/monitoring")
        XCTAssertTrue(console2.body.string.contains("duty1 已确认"), console2.body.string)

        // A silence needs its reason; with it, it is listed.
        _ = try await duty.get("/monitoring/silences")
        let refused = try await duty.post("/monitoring/silences", form: ["ciId": "1号通道道闸", "mode": "notify", "hours": "2", "reason": ""])
        XCTAssertEqual(refused.status, .badRequest)
        XCTAssertTrue(refused.body.string.contains("原因"), refused.body.string)
        let saved = try await duty.post("/monitoring/silences", form: ["ciId": "1号通道道闸", "mode": "incident", "hours": "2", "reason": "道闸更换"])
        XCTAssertEqual(saved.status, .seeOther)
        let list = try await duty.get("/monitoring/silences")
        XCTAssertTrue(list.body.string.contains("道闸更换"))

        // The CI page: availability, open alerts, state changes.
        let page = try await duty.get("/cmdb/ci/\(gate)")
        XCTAssertEqual(page.status, .ok)
        XCTAssertTrue(page.body.string.contains("运行状态与可用率"), page.body.string)
        XCTAssertTrue(page.body.string.contains("道闸控制器无响应"))

        // English from the same catalog.
        let english = Browser(t.app)
        _ = try await english.login("duty1", "password-duty1")
        _ = try await english.get("/language?set=en")
        let en = try await english.get("/monitoring/boards/lanes")
        XCTAssertTrue(en.body.string.contains("Checkpoint lanes"), en.body.string)
    }
}
