import Foundation
import Vapor
import XCTVapor
@testable import ZoneOpsWeb

/// A major incident: declared, its timeline, the report's facts and its preventive actions.
final class MajorIncidentTests: XCTestCase {
    var t: TestApp!
    override func setUp() async throws { t = try await TestApp.make() }
    override func tearDown() async throws { try await t.shutdown() }

    func testDeclareRecordTheTimelineTheReportAndPreventiveActions() async throws {
        let duty = try await t.user("duty1", role: "duty")
        let engineer = try await t.user("eng1", role: "engineer")
        let id = try await t.json(.POST, "/api/v1/incidents", token: duty, body: ["title": "核心交换机宕机，全区业务中断", "impact": "1", "urgency": "1"])
            .content.get(String.self, at: "id")
        let value1 = try await t.json(.POST, "/api/v1/incidents/\(id)/declare-major", token: engineer, body: ["reason": "x"]).status
        XCTAssertEqual(value1, .forbidden)
        let value2 = try await t.json(.POST, "/api/v1/incidents/\(id)/timeline", token: duty, body: ["body": "x"]).status
        XCTAssertEqual(value2, .conflict)
        let value3 = try await t.json(.POST, "/api/v1/incidents/\(id)/declare-major", token: duty, body: ["reason": "全区申报中断"]).status
        XCTAssertEqual(value3, .ok)
        let value4 = try await t.json(.POST, "/api/v1/incidents/\(id)/declare-major", token: duty, body: ["reason": "again"]).status
        XCTAssertEqual(value4, .conflict)
        _ = try await t.json(.POST, "/api/v1/incidents/\(id)/timeline", token: duty, body: ["body": "09:05 通知管委会与海关"])
        _ = try await t.json(.POST, "/api/v1/incidents/\(id)/start", token: engineer, body: [String: String]())

        let browser = Browser(t.app)
        _ = try await browser.login("duty1", "password-duty1")
        let page = try await browser.get("/incidents/\(id)").body.string
        XCTAssertTrue(page.contains("重大事件时间线") && page.contains("09:05 通知管委会与海关"))
        XCTAssertTrue(page.contains("重大事件报告要素"))
        let bad = try await browser.post("/incidents/\(id)/major-report", form: ["level": "重大", "vehiclesDelayed": "很多",
                                                                               "directCause": "电源模块故障"])
        XCTAssertEqual(bad.status, .badRequest)
        XCTAssertTrue(bad.body.string.contains("0到1000000"))
        let saved = try await browser.post("/incidents/\(id)/major-report", form: [
            "level": "重大（I级）", "detectedAt": "2026-11-18 09:00", "restoredAt": "2026-11-18 10:30", "vehiclesDelayed": "120",
            "impactSystems": "企业申报系统、传输平台", "impactLanes": "1号卡口全部车道", "impactCustoms": "核放单无法回执",
            "directCause": "核心交换机电源模块故障", "underlyingCause": "冗余电源未接入第二路市电", "emergencyFix": "切换备用交换机",
            "permanentFix": "更换电源模块并接入双路市电"])
        XCTAssertEqual(saved.status, .seeOther)
        let badAction = try await browser.post("/incidents/\(id)/major-actions", form: ["action": "双路市电改造", "owner": "王建国", "due": "2026-02-30"])
        XCTAssertEqual(badAction.status, .badRequest)
        let added = try await browser.post("/incidents/\(id)/major-actions", form: ["action": "双路市电改造", "owner": "王建国", "due": "2026-12-31"])
        XCTAssertEqual(added.status, .seeOther)
        let after = try await browser.get("/incidents/\(id)").body.string
        XCTAssertTrue(after.contains("冗余电源未接入第二路市电"))
        XCTAssertTrue(after.contains("双路市电改造 · 王建国 · 2026-12-31"))
        let audited = try await t.json(.GET, "/api/v1/audit?action=major_report.save", token: try await t.token())
        XCTAssertTrue(audited.body.string.contains("major_report.save"))

        let acme = try await t.organization("甲企业", kind: "enterprise")
        _ = try await t.user("ent", role: "enterprise", organizationId: acme)
        let enterprise = Browser(t.app)
        _ = try await enterprise.login("ent", "password-ent")
        let value6 = try await enterprise.get("/service-desk").body.string.contains("重大事件处理中：核心交换机宕机")
        XCTAssertTrue(value6, "the portal's banner")
    }
}
