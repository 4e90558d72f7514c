import Foundation
import Vapor
import XCTVapor
@testable import ZoneOpsWeb

/// Each role's workbench: what it works with, system counters for admins only, and how an
/// enterprise reaches the service desk.
final class WorkbenchTests: XCTestCase {
    var t: TestApp!
    override func setUp() async throws { t = try await TestApp.make() }
    override func tearDown() async throws { try await t.shutdown() }

    func home(_ username: String, _ password: String) async throws -> String {
        let browser = Browser(t.app)
        _ = try await browser.login(username, password)
        let page = try await browser.get("/")
        XCTAssertEqual(page.status, .ok)
        return page.body.string
    }

    func testSystemCountersAreTheAdminsOnly() async throws {
        let enterpriseOrg = try await t.organization("保税物流公司", kind: "enterprise")
        _ = try await t.user("ent", role: "enterprise", organizationId: enterpriseOrg)
        _ = try await t.user("eng", role: "engineer")
        let admin = try await home("admin", TestApp.adminPassword)
        for label in ["系统状态", "今日登录", "审计记录", "最近一次审计链夜间校验", TestApp.postgresURL == nil ? "sqlite" : "postgres"] {
            XCTAssertTrue(admin.contains(label), label)
        }
        for (user, password) in [("ent", "password-ent"), ("eng", "password-eng")] {
            let html = try await home(user, password)
            for label in ["系统状态", "今日登录", "审计记录", "有效令牌", "sqlite", "数据库"] {
                XCTAssertFalse(html.contains(label), "\(user) sees \(label)")
            }
        }
    }

    func testEachRoleSeesWhatItWorksWith() async throws {
        let customsOrg = try await t.organization("青岛海关", kind: "customs")
        _ = try await t.user("eng", role: "engineer")
        _ = try await t.user("duty", role: "duty")
        _ = try await t.user("sup", role: "supervisor")
        _ = try await t.user("cus", role: "customs", organizationId: customsOrg)
        let engineer = try await home("eng", "password-eng")
        XCTAssertTrue(engineer.contains("已过期未续"))
        XCTAssertTrue(engineer.contains("我的工单"), "the engineer's own tickets")
        XCTAssertTrue(engineer.contains(#"href="/incidents?queue=breaching""#))
        let duty = try await home("duty", "password-duty")
        XCTAssertTrue(duty.contains("今日来电"))
        XCTAssertTrue(duty.contains("待回拨"))
        let supervisor = try await home("sup", "password-sup")
        XCTAssertTrue(supervisor.contains("最近操作"), "the supervisor reads the audit log")
        XCTAssertTrue(supervisor.contains("月度考核评分"))
        let customs = try await home("cus", "password-cus")
        XCTAssertTrue(customs.contains("卡口车道"))
        XCTAssertTrue(customs.contains(#"href="/cmdb?type=lane""#), customs)
        XCTAssertFalse(customs.contains("备件低于下限"))
        XCTAssertFalse(customs.contains("今日来电"), "customs do not work the hotline")
    }

    func testAnEnterpriseSeesTheServiceDeskTheAdminSet() async throws {
        let org = try await t.organization("保税物流公司", kind: "enterprise")
        _ = try await t.user("ent", role: "enterprise", organizationId: org)
        let before = try await home("ent", "password-ent")
        XCTAssertTrue(before.contains("管理员尚未设置服务台联系方式"))
        let admin = Browser(t.app)
        _ = try await admin.login("admin", TestApp.adminPassword)
        _ = try await admin.get("/admin/settings")
        let refused = try await admin.post("/admin/settings", form: ["hotline": "请拨打", "email": "not-an-address", "hours": "7×24"])
        XCTAssertEqual(refused.status, .badRequest)
        XCTAssertTrue(refused.body.string.contains(#"value="请拨打""#), "what was typed stays")
        XCTAssertTrue(refused.body.string.contains("服务台热线：请填写电话号码"), refused.body.string)
        XCTAssertTrue(refused.body.string.contains(#"class="field invalid""#))
        let saved = try await admin.post("/admin/settings", form: ["hotline": "0532-8888 6666", "email": "helpdesk@zone.example",
                                                                   "hours": "7×24", "note": "紧急故障请直接拨打热线"])
        XCTAssertEqual(saved.status, .seeOther)
        let after = try await home("ent", "password-ent")
        XCTAssertTrue(after.contains("0532-8888 6666"))
        XCTAssertTrue(after.contains(#"href="tel:053288886666""#))
        XCTAssertTrue(after.contains("helpdesk@zone.example"))
        let enterpriseSettings = try await Browser(t.app).get("/admin/settings")
        XCTAssertNotEqual(enterpriseSettings.status, .ok)
    }

    func testTicketsWithCountdownsAndOpenMajorIncidentsShowOnTheWorkbench() async throws {
        let org = try await t.organization("保税物流公司", kind: "enterprise")
        let enterprise = try await t.user("ent", role: "enterprise", organizationId: org)
        let duty = try await t.user("duty", role: "duty")
        _ = try await t.user("eng", role: "engineer")
        let created = try await t.json(.POST, "/api/v1/incidents", token: enterprise, body: ["title": "申报回执收不到", "impact": "1", "urgency": "1"])
        let id = try created.content.get(String.self, at: "id")
        _ = try await t.json(.POST, "/api/v1/incidents/\(id)/assign", token: duty, body: ["assignee": "eng"])
        _ = try await t.json(.POST, "/api/v1/incidents/\(id)/declare-major", token: duty, body: ["reason": "全区申报中断"])
        let engineer = try await home("eng", "password-eng")
        XCTAssertTrue(engineer.contains("申报回执收不到"))
        XCTAssertTrue(engineer.contains("data-due"), "a countdown")
        XCTAssertTrue(engineer.contains("重大事件处理中"))
        let mine = try await home("ent", "password-ent")
        XCTAssertTrue(mine.contains("未完成的工单"))
        XCTAssertTrue(mine.contains("/service-desk/tickets/\(id)"), "requesters open their tickets on the portal")
    }
}
