import Foundation
import Vapor
import XCTVapor
import ZoneOpsServices
import ZoneOpsStore
import ZoneOpsWire
import ZoneSimulator
@testable import ZoneOpsWeb

/// Lane pass intake (idempotent by lane and seq, every bad field named, nothing half-taken), the
/// lane KPIs counted from what was kept, the traffic page, who may send and read, and the plate
/// camera watch that opens an incident when recognition fails and resolves it when it recovers.
final class LaneTrafficTests: XCTestCase {
    var t: TestApp!
    var admin = ""
    var lane = "", camera = ""

    override func setUp() async throws {
        t = try await TestApp.make()
        admin = try await t.token()
        struct CI: Encodable { var type: String; var name: String; var attributes: [String: String] }
        let created = try await t.json(.POST, "/api/v1/cis", token: admin, body: CI(type: "lane", name: "1号通道（进区）",
                                                                                    attributes: ["chnlNo": "K01-IN", "direction": "in", "laneType": "truck"]))
        XCTAssertEqual(created.status, .created, created.body.string)
        lane = try created.content.get(String.self, at: "id")
        let cam = try await t.json(.POST, "/api/v1/cis", token: admin, body: CI(type: "plate_camera", name: "1号通道前车牌相机", attributes: ["position": "front"]))
        camera = try cam.content.get(String.self, at: "id")
        let part = try await t.json(.POST, "/api/v1/cis/\(camera)/relations", token: admin, body: ["type": "part_of", "targetId": lane])
        XCTAssertEqual(part.status, .created, part.body.string)
    }

    override func tearDown() async throws { try await t.shutdown() }

    func text(_ date: Date) -> String { date.formatted(.iso8601) }

    func pass(_ seq: Int64, plate: String? = "豫A12345", manual: Bool = false, seconds: Double = 40) -> LanePassMessage {
        let left = t.clock.now.addingTimeInterval(-60 + Double(seq % 50))
        var message = LanePassMessage(lane: "K01-IN", seq: seq, arrivedAt: text(left.addingTimeInterval(-seconds)))
        message.leftAt = text(left)
        message.plate = plate
        message.rfidPlate = "豫A12345"
        message.containers = ["CSQU3054383"]
        message.containersRecognised = true
        message.weightKg = 32_000
        message.releaseNote = "H4101K0012026120100001"
        message.releaseStatus = 4
        if manual {
            message.manual = true
            message.manualReason = "车牌未识别，人工核对后放行"
            message.approver = "王建国"
        }
        return message
    }

    func testPassesAreKeptOncePerLaneAndSeqAndCountedIntoTheLaneKPIs() async throws {
        let first = try await t.json(.POST, "/api/v1/lanes/passes", token: admin, body: [pass(1), pass(2, plate: nil, manual: true, seconds: 200)])
        XCTAssertEqual(first.status, .accepted, first.body.string)
        XCTAssertEqual(try first.content.get(Int.self, at: "accepted"), 2)
        // A retry after a lost answer: the same seq again (one alone, one in a batch with a new one).
        let again = try await t.json(.POST, "/api/v1/lanes/passes", token: admin, body: pass(1))
        XCTAssertEqual(try again.content.get(Int.self, at: "accepted"), 0)
        XCTAssertEqual(try again.content.get(Int.self, at: "duplicates"), 1)
        let mixed = try await t.json(.POST, "/api/v1/lanes/passes", token: admin, body: [pass(2), pass(3), pass(3)])
        XCTAssertEqual(try mixed.content.get(Int.self, at: "accepted"), 1)
        XCTAssertEqual(try mixed.content.get(Int.self, at: "duplicates"), 2)
        let stored = try await LanePassModel.query(on: t.app.db).count()
        XCTAssertEqual(stored, 3)

        let kpis = try await t.json(.GET, "/api/v1/lanes/kpis?from=2026-11-01", token: admin)
        XCTAssertEqual(kpis.status, .ok, kpis.body.string)
        XCTAssertEqual(try kpis.content.get(String.self, at: "items", 0, "code"), "K01-IN")
        XCTAssertEqual(try kpis.content.get(Int.self, at: "items", 0, "figures", "passes"), 3)
        XCTAssertEqual(try kpis.content.get(Double.self, at: "items", 0, "figures", "plateRate"), 2.0 / 3, accuracy: 1e-9)
        XCTAssertEqual(try kpis.content.get(Double.self, at: "items", 0, "figures", "manualRate"), 1.0 / 3, accuracy: 1e-9)
        XCTAssertEqual(try kpis.content.get(Double.self, at: "items", 0, "figures", "containerRate"), 1, accuracy: 1e-9)
        XCTAssertEqual(try kpis.content.get(Double.self, at: "items", 0, "figures", "averagePassSeconds"), (40 + 200 + 40) / 3, accuracy: 0.01)
        XCTAssertEqual(try kpis.content.get(Int.self, at: "total", "passes"), 3)

        let list = try await t.json(.GET, "/api/v1/lanes/passes?lane=K01-IN&manual=true", token: admin)
        XCTAssertEqual(try list.content.get(Int.self, at: "total"), 1)
        XCTAssertEqual(try list.content.get(String.self, at: "items", 0, "manualReason"), "车牌未识别，人工核对后放行")
        XCTAssertEqual(try list.content.get(Int.self, at: "items", 0, "seq"), 2)
        let unknownLane = try await t.json(.GET, "/api/v1/lanes/passes?lane=K99", token: admin)
        XCTAssertEqual(unknownLane.status, .badRequest)
        let tooMany = try await t.json(.GET, "/api/v1/lanes/passes?limit=100000", token: admin)
        XCTAssertEqual(tooMany.status, .badRequest)
    }

    func testABadReportIsRefusedWholeNamingEachFieldAndNothingIsKept() async throws {
        var bad = pass(5, manual: true)
        bad.manualReason = nil
        bad.containers = ["CSQU3054384"]
        bad.releaseStatus = 9
        bad.weightKg = -1
        bad.leftAt = text(t.clock.now.addingTimeInterval(-86_400 * 3))
        var unknown = pass(6)
        unknown.lane = "K99-IN"
        let refused = try await t.json(.POST, "/api/v1/lanes/passes", token: admin, body: [pass(4), bad])
        XCTAssertEqual(refused.status, .badRequest, refused.body.string)
        let message = try refused.content.get(String.self, at: "error", "message")
        for field in ["[1].manualReason", "[1].containers[0]", "[1].releaseStatus", "[1].weightKg", "[1].leftAt"] {
            XCTAssertTrue(refused.body.string.contains(field), "names \(field): \(refused.body.string)")
        }
        XCTAssertTrue(message.contains("ISO 6346") || refused.body.string.contains("ISO 6346"), message)
        let lost = try await t.json(.POST, "/api/v1/lanes/passes", token: admin, body: [pass(4), unknown])
        XCTAssertEqual(lost.status, .badRequest)
        XCTAssertTrue(lost.body.string.contains("chnlNo"), lost.body.string)
        let stored = try await LanePassModel.query(on: t.app.db).count()
        XCTAssertEqual(stored, 0, "a refused batch keeps nothing, not even its good reports")

        var old = pass(7)
        old.arrivedAt = text(t.clock.now.addingTimeInterval(-40 * 86_400))
        let tooOld = try await t.json(.POST, "/api/v1/lanes/passes", token: admin, body: old)
        XCTAssertEqual(tooOld.status, .badRequest)
        let huge = try await t.json(.POST, "/api/v1/lanes/passes", token: admin, body: (1...1001).map { pass(Int64($0)) })
        XCTAssertEqual(huge.status, .badRequest)
        var seq = pass(8)
        seq.seq = 0
        let zero = try await t.json(.POST, "/api/v1/lanes/passes", token: admin, body: seq)
        XCTAssertEqual(zero.status, .badRequest)
        let notJSON = try await t.app.sendRequest(.POST, "/api/v1/lanes/passes", headers: ["Authorization": "Bearer \(admin)", "Content-Type": "application/json"],
                                                  body: ByteBuffer(string: "{\"lane\":"))
        XCTAssertEqual(notJSON.status, .badRequest)
        XCTAssertTrue(notJSON.body.string.contains("过车记录"), notJSON.body.string)
    }

    func testCustomsReadTheLanesEnterprisesDoNotAndOnlySendersReport() async throws {
        let customs = try await t.user("customs1", role: "customs", organizationId: try await t.organization("海关", kind: "customs"))
        let duty = try await t.user("duty1", role: "duty")
        let orgId = try await t.organization("某物流企业", kind: "enterprise")
        let enterprise = try await t.user("ent1", role: "enterprise", organizationId: orgId)
        let got1 = try await t.json(.GET, "/api/v1/lanes/kpis", token: customs).status
        XCTAssertEqual(got1, .ok)
        let got2 = try await t.json(.GET, "/api/v1/lanes/passes", token: customs).status
        XCTAssertEqual(got2, .ok)
        let got3 = try await t.json(.GET, "/api/v1/lanes/passes", token: enterprise).status
        XCTAssertEqual(got3, .forbidden)
        let got4 = try await t.json(.POST, "/api/v1/lanes/passes", token: duty, body: pass(1)).status
        XCTAssertEqual(got4, .forbidden)
        let got5 = try await t.json(.POST, "/api/v1/lanes/passes", body: pass(1)).status
        XCTAssertEqual(got5, .unauthorized)
    }

    func testTheTrafficPageShowsTheKPIsAndTheLatestPassesInChinese() async throws {
        _ = try await t.json(.POST, "/api/v1/lanes/passes", token: admin, body: [pass(11), pass(12, plate: nil, manual: true)])
        _ = try await t.user("customs1", role: "customs", organizationId: try await t.organization("海关", kind: "customs"))
        let browser = Browser(t.app)
        _ = try await browser.login("customs1", "password-customs1")
        let page = try await browser.get("/monitoring/lanes?days=7")
        XCTAssertEqual(page.status, .ok)
        let html = page.body.string
        for text in ["卡口过车", "车牌识别率", "人工放行率", "1号通道（进区）", "未识别", "车牌未识别，人工核对后放行", "CSQU3054383", "50.0%", "data-live-topic=\"lanes\""] {
            XCTAssertTrue(html.contains(text), "page shows \(text)")
        }
        let fragment = try await browser.get("/monitoring/lanes?days=7&fragment=1")
        XCTAssertTrue(fragment.body.string.contains("data-seq=\"12\""))
        XCTAssertFalse(fragment.body.string.contains("<html"))
        // The form's checkbox sends manual=true: only manual releases are listed.
        let manual = try await browser.get("/monitoring/lanes?days=7&manual=true&fragment=1")
        XCTAssertTrue(manual.body.string.contains("data-seq=\"12\""))
        XCTAssertFalse(manual.body.string.contains("data-seq=\"11\""))
        let bad = try await browser.get("/monitoring/lanes?days=400")
        XCTAssertEqual(bad.status, .badRequest)
    }

    func testAPlateCameraThatStopsReadingOpensAnIncidentOnItAndItsRecoveryResolvesIt() async throws {
        let pipeline = t.app.monitoring.pipeline
        var seq: Int64 = 100
        func send(_ count: Int, reading: Bool) async throws {
            var batch: [LanePassMessage] = []
            for _ in 0..<count {
                seq += 1
                batch.append(pass(seq, plate: reading ? "豫A12345" : nil, manual: !reading))
            }
            let response = try await t.json(.POST, "/api/v1/lanes/passes", token: admin, body: batch)
            XCTAssertEqual(response.status, .accepted, response.body.string)
            t.clock.advance(1)
        }
        try await send(10, reading: true)
        _ = try await pipeline.process(now: t.clock.now)
        var alerts = try await AlertModel.query(on: t.app.db).all()
        XCTAssertTrue(alerts.isEmpty, "a camera that reads raises nothing")
        for _ in 0..<5 { try await send(1, reading: false) }
        t.clock.advance(120)
        _ = try await pipeline.process(now: t.clock.now)
        _ = try await pipeline.process(now: t.clock.now)
        alerts = try await AlertModel.query(on: t.app.db).all()
        XCTAssertEqual(alerts.count, 1)
        let alert = try XCTUnwrap(alerts.first)
        XCTAssertEqual(alert.ciId?.uuidString, camera)
        XCTAssertEqual(alert.check, "plate_recognition")
        XCTAssertEqual(alert.severity, "minor")
        XCTAssertTrue(alert.summary.contains("车牌自动识别率 50%"), alert.summary)
        let incidentId = try XCTUnwrap(alert.incidentId, "the fault opened an incident")
        // The lanes board says the lane runs on manual release.
        let board = try await t.json(.GET, "/api/v1/boards/lanes", token: admin)
        XCTAssertEqual(try board.content.get(Bool.self, at: "groups", 0, "manualRelease"), true, board.body.string)
        // More failures change nothing: one alert, one incident.
        try await send(3, reading: false)
        _ = try await pipeline.process(now: t.clock.now)
        let got6 = try await AlertModel.query(on: t.app.db).count()
        XCTAssertEqual(got6, 1)
        // Reading again: the share climbs past 80 % and the incident resolves after the hold.
        try await send(10, reading: true)
        for _ in 0..<3 {
            t.clock.advance(400)
            _ = try await pipeline.process(now: t.clock.now)
        }
        let incident = try await t.json(.GET, "/api/v1/incidents/\(incidentId.uuidString)", token: admin)
        let after = try await t.json(.GET, "/api/v1/boards/lanes", token: admin)
        XCTAssertEqual(try after.content.get(Bool.self, at: "groups", 0, "manualRelease"), false)
        XCTAssertEqual(try incident.content.get(String.self, at: "incident", "status"), "resolved", incident.body.string)
    }
}
