import Foundation
import Vapor
import XCTVapor
@testable import ZoneOpsWeb

/// Changes in the browser: the form says what to fix and keeps what was typed, the approver
/// decides from the page, the calendar marks collisions and blackouts, the request prints,
/// and the administration manages blackouts and the rules.
final class ChangePageTests: XCTestCase {
    var t: TestApp!
    override func setUp() async throws { t = try await TestApp.make() }
    override func tearDown() async throws { try await t.shutdown() }

    func field(_ date: Date) -> String { LocalTime.field(date) }

    func testRaiseSubmitApproveAndSeeItOnTheCalendar() async throws {
        let admin = try await t.token()
        _ = try await t.user("eng1", role: "engineer")
        _ = try await t.user("sup1", role: "supervisor")
        for name in ["接入交换机-A1", "接入交换机-A2"] {
            let created = try await t.json(.POST, "/api/v1/cis", token: admin, body: ["type": "switch", "name": name])
            XCTAssertEqual(created.status, .created)
        }
        let engineer = Browser(t.app)
        _ = try await engineer.login("eng1", "password-eng1")
        let start = t.clock.now + 6 * 86_400
        let form = try await engineer.get("/changes/new")
        XCTAssertTrue(form.body.string.contains("至少提前5天"))

        // Bad input: each problem named, what was typed kept, nothing stored.
        let bad = try await engineer.post("/changes/new", form: ["title": "接入交换机割接", "type": "major", "ciIds": "接入交换机-A1\n不存在",
                                                                 "plannedStart": field(start), "plannedEnd": field(start - 3600)])
        XCTAssertEqual(bad.status, .badRequest)
        XCTAssertTrue(bad.body.string.contains("结束时间须晚于开始时间"), bad.body.string)
        XCTAssertTrue(bad.body.string.contains("接入交换机割接"))
        let none = try await t.json(.GET, "/api/v1/changes", token: admin)
        XCTAssertEqual(try none.content.get(Int.self, at: "total"), 0)

        let created = try await engineer.post("/changes/new", form: ["title": "接入交换机割接", "type": "major", "ciIds": "接入交换机-A1、接入交换机-A2",
                                                                     "plannedStart": field(start), "plannedEnd": field(start + 7200),
                                                                     "plan": "逐台割接", "rollbackPlan": "恢复原跳线"])
        XCTAssertEqual(created.status, .seeOther, created.body.string)
        let path = try XCTUnwrap(created.headers.first(name: .location))
        let id = String(path.split(separator: "/").last ?? "")
        let detail = try await engineer.get(path)
        XCTAssertTrue(detail.body.string.contains("已保存"))
        XCTAssertTrue(detail.body.string.contains("接入交换机-A2"))
        let submitted = try await engineer.post("/changes/\(id)/submit", form: [:])
        XCTAssertEqual(submitted.status, .seeOther)
        // The raiser is told they cannot approve their own change; no approve form for them.
        let own = try await engineer.get(path)
        XCTAssertFalse(own.body.string.contains(#"data-action="approve""#))

        let supervisor = Browser(t.app)
        _ = try await supervisor.login("sup1", "password-sup1")
        let toApprove = try await supervisor.get(path)
        XCTAssertTrue(toApprove.body.string.contains(#"data-action="approve""#))
        XCTAssertTrue(toApprove.body.string.contains("逐台割接"), "the approver reads the whole request")
        let approved = try await supervisor.post("/changes/\(id)/approve", form: ["comment": "同意"])
        XCTAssertEqual(approved.status, .seeOther, approved.body.string)
        let twice = try await supervisor.post("/changes/\(id)/approve", form: ["comment": "同意"])
        XCTAssertEqual(twice.status, .conflict)
        XCTAssertTrue(twice.body.string.contains("当前状态不允许"))

        // A second change on the same switch in an overlapping window: marked on the calendar.
        let clash = try await engineer.post("/changes/new", form: ["title": "A1 端口扩容", "type": "normal", "ciIds": "接入交换机-A1",
                                                                   "plannedStart": field(start + 3600), "plannedEnd": field(start + 10_800)])
        XCTAssertEqual(clash.status, .seeOther)
        let clashPage = try await engineer.get(try XCTUnwrap(clash.headers.first(name: .location)))
        XCTAssertTrue(clashPage.body.string.contains("时间冲突"), clashPage.body.string)
        _ = try await engineer.post(try XCTUnwrap(clash.headers.first(name: .location)) + "/submit", form: [:])
        let day = LocalTime.field(start).prefix(10)
        let calendar = try await engineer.get("/changes/calendar?view=week&date=\(day)")
        XCTAssertEqual(calendar.status, .ok)
        XCTAssertTrue(calendar.body.string.contains("collides"), calendar.body.string)
        let month = try await engineer.get("/changes/calendar?date=\(day)")
        XCTAssertTrue(month.body.string.contains("接入交换机割接"))
        for date in ["2026-02-30", "2999-12-31", "1900-01-01"] {
            let badDate = try await engineer.get("/changes/calendar?date=\(date)")
            XCTAssertEqual(badDate.status, .badRequest, date)
        }

        // The written request prints with the signature lines; the list exports.
        let sheet = try await engineer.get("/changes/\(id)/print")
        XCTAssertTrue(sheet.body.string.contains("变更申请单"))
        XCTAssertTrue(sheet.body.string.contains("管委会审批签字"))
        let export = try await engineer.get("/changes/export.xlsx")
        XCTAssertEqual(export.status, .ok)
        XCTAssertEqual(export.body.readableBytes > 1000, true)
        let list = try await engineer.get("/changes?type=major")
        XCTAssertTrue(list.body.string.contains("接入交换机割接"))
        XCTAssertFalse(list.body.string.contains("A1 端口扩容"))
        let fragment = try await engineer.get("/changes?page=1&fragment=1")
        XCTAssertFalse(fragment.body.string.contains("<html"))
        // The audit page names the change it lists.
        let audit = try await supervisor.get("/admin/audit")
        XCTAssertTrue(audit.body.string.contains("变更：CHG-"), audit.body.string)
    }

    func testBlackoutsAndRulesForTheAdministration() async throws {
        _ = try await t.user("sup1", role: "supervisor")
        _ = try await t.user("eng1", role: "engineer")
        let supervisor = Browser(t.app)
        _ = try await supervisor.login("sup1", "password-sup1")
        let start = t.clock.now + 86_400
        _ = try await supervisor.get("/changes/blackouts")
        let bad = try await supervisor.post("/changes/blackouts", form: ["title": "春运", "start": field(start), "end": "明天"])
        XCTAssertEqual(bad.status, .badRequest)
        XCTAssertTrue(bad.body.string.contains("时间格式不对"))
        let declared = try await supervisor.post("/changes/blackouts", form: ["title": "年底海关业务高峰", "start": field(start),
                                                                             "end": field(start + 7 * 86_400)])
        XCTAssertEqual(declared.status, .seeOther)
        let page = try await supervisor.get("/changes/blackouts")
        XCTAssertTrue(page.body.string.contains("年底海关业务高峰"))

        let engineer = Browser(t.app)
        _ = try await engineer.login("eng1", "password-eng1")
        let readOnly = try await engineer.get("/changes/blackouts")
        XCTAssertFalse(readOnly.body.string.contains("宣布封网期"), "only the administration declares them")
        let denied = try await engineer.post("/changes/blackouts", form: ["title": "x", "start": field(start), "end": field(start + 60)])
        XCTAssertEqual(denied.status, .forbidden)

        // The admin sets a 7-day notice and makes the lead approve major changes too.
        let admin = Browser(t.app)
        _ = try await admin.login("admin", TestApp.adminPassword)
        let rules = try await admin.get("/admin/change-rules")
        XCTAssertTrue(rules.body.string.contains("重大变更提前提交天数"))
        let none = try await admin.post("/admin/change-rules", form: ["leadDays": "5"])
        XCTAssertEqual(none.status, .badRequest, "every type but standard needs an approver")
        let saved = try await admin.post("/admin/change-rules", form: ["leadDays": "7", "approvers_major_supervisor": "true",
                                                                       "approvers_major_lead": "true", "approvers_normal_lead": "true",
                                                                       "approvers_emergency_lead": "true"])
        XCTAssertEqual(saved.status, .seeOther, saved.body.string)
        let form = try await engineer.get("/changes/new")
        XCTAssertTrue(form.body.string.contains("至少提前7天"))
        let tooMany = try await admin.post("/admin/change-rules", form: ["leadDays": "99", "approvers_normal_lead": "true"])
        XCTAssertEqual(tooMany.status, .badRequest)
    }
}
