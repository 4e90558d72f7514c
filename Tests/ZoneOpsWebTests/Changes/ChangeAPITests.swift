import Foundation
import Vapor
import XCTVapor
import ZoneOpsServices
@testable import ZoneOpsWeb

/// The change paths of API.md and the rules of the contract around them: the 5-day notice for
/// major changes, approval by the right role and never by the raiser, collisions, blackouts,
/// maintenance windows and the maintenance document before the review.
final class ChangeAPITests: XCTestCase {
    var t: TestApp!
    override func setUp() async throws { t = try await TestApp.make() }
    override func tearDown() async throws { try await t.shutdown() }

    struct Body: Encodable {
        var title: String
        var type: String
        var ciIds: [String]
        var plannedStart: String
        var plannedEnd: String
        var plan: String? = "升级固件至 V5.2"
        var rollbackPlan: String? = "回刷原固件"
        var risk: String? = "中断 10 分钟"
        var emergencyReason: String? = nil
        var templateId: String? = nil
    }

    func iso(_ date: Date) -> String { ISO8601DateFormatter().string(from: date) }

    func ci(_ name: String, type: String = "switch", token: String) async throws -> String {
        let response = try await t.json(.POST, "/api/v1/cis", token: token, body: ["type": type, "name": name])
        XCTAssertEqual(response.status, .created, response.body.string)
        return try response.content.get(String.self, at: "id")
    }

    func raise(_ token: String, _ body: Body) async throws -> String {
        let response = try await t.json(.POST, "/api/v1/changes", token: token, body: body)
        XCTAssertEqual(response.status, .created, response.body.string)
        XCTAssertTrue(try response.content.get(String.self, at: "number").hasPrefix("CHG-"))
        return try response.content.get(String.self, at: "id")
    }

    func act(_ id: String, _ action: String, _ token: String, _ body: [String: String] = [:]) async throws -> XCTHTTPResponse {
        try await t.json(.POST, "/api/v1/changes/\(id)/\(action)", token: token, body: body)
    }

    func testMajorChangeFromNoticeToReviewWithMaintenanceOnItsCIs() async throws {
        let admin = try await t.token()
        let engineer = try await t.user("eng1", role: "engineer")
        let lead = try await t.user("lead1", role: "lead")
        let supervisor = try await t.user("sup1", role: "supervisor")
        let core = try await ci("核心交换机-01", token: admin)
        let camera = try await ci("卡口摄像机-01", type: "camera", token: admin)
        let linked = try await t.json(.POST, "/api/v1/cis/\(camera)/relations", token: admin, body: ["type": "depends_on", "targetId": core])
        XCTAssertEqual(linked.status, .created, linked.body.string)
        let now = t.clock.now

        // Three days ahead: refused with the contract's reason; six days ahead: accepted.
        let early = try await raise(engineer, Body(title: "核心交换机固件升级", type: "major", ciIds: ["核心交换机-01"],
                                                   plannedStart: iso(now + 3 * 86_400), plannedEnd: iso(now + 3 * 86_400 + 7200)))
        let refused = try await act(early, "submit", engineer)
        XCTAssertEqual(refused.status, .unprocessableEntity)
        XCTAssertEqual(try refused.content.get(String.self, at: "error", "code"), "lead_time")
        XCTAssertTrue(try refused.content.get(String.self, at: "error", "message").contains("至少提前5天"), refused.body.string)
        let stillDraft = try await t.json(.GET, "/api/v1/changes/\(early)", token: engineer)
        XCTAssertEqual(try stillDraft.content.get(String.self, at: "change", "status"), "draft")

        let id = try await raise(engineer, Body(title: "核心交换机固件升级", type: "major", ciIds: [core],
                                                plannedStart: iso(now + 6 * 86_400), plannedEnd: iso(now + 6 * 86_400 + 7200)))
        let submitted = try await act(id, "submit", engineer)
        XCTAssertEqual(submitted.status, .ok, submitted.body.string)
        XCTAssertEqual(try submitted.content.get(String.self, at: "change", "status"), "submitted")

        // A normal change on the camera (in the switch's impact) in an overlapping window collides.
        let other = try await raise(lead, Body(title: "卡口摄像机更换", type: "normal", ciIds: [camera],
                                               plannedStart: iso(now + 6 * 86_400 + 3600), plannedEnd: iso(now + 6 * 86_400 + 10_800)))
        let otherDetail = try await t.json(.GET, "/api/v1/changes/\(other)", token: lead)
        XCTAssertEqual(try otherDetail.content.get([ChangeDetailDTO.Collision].self, at: "collisions").map(\.change.id), [id])

        // Only the supervisor approves a major change; the lead may not, nor may the raiser.
        let byLead = try await act(id, "approve", lead)
        XCTAssertEqual(byLead.status, .forbidden)
        let byRaiser = try await act(id, "approve", engineer)
        XCTAssertEqual(byRaiser.status, .forbidden)
        let approved = try await act(id, "approve", supervisor, ["comment": "同意，注意通知海关"])
        XCTAssertEqual(approved.status, .ok, approved.body.string)
        XCTAssertEqual(try approved.content.get(String.self, at: "change", "status"), "approved")
        let again = try await act(id, "approve", supervisor)
        XCTAssertEqual(again.status, .conflict)

        // Booked: the window is known ahead, and the CI is in maintenance inside it only.
        let before = try await t.json(.GET, "/api/v1/cis/\(core)/maintenance", token: lead)
        XCTAssertEqual(try before.content.get(Bool.self, at: "inMaintenance"), false)
        let inside = try await t.json(.GET, "/api/v1/cis/\(core)/maintenance?at=\(iso(now + 6 * 86_400 + 60))", token: lead)
        XCTAssertEqual(try inside.content.get(Bool.self, at: "inMaintenance"), true)

        // Implementing: the CI shows maintenance everywhere CIs are, and the windows say so.
        let implementing = try await act(id, "implement", engineer)
        XCTAssertEqual(implementing.status, .ok, implementing.body.string)
        let ciNow = try await t.json(.GET, "/api/v1/cis/\(core)", token: lead)
        XCTAssertEqual(try ciNow.content.get(String.self, at: "state"), "maintenance", ciNow.body.string)
        let listed = try await t.json(.GET, "/api/v1/cis?state=maintenance", token: lead)
        XCTAssertEqual(try listed.content.get(Int.self, at: "total"), 1)
        let service = try await Maintenance.isInMaintenance(UUID(uuidString: core)!, at: t.clock.now, on: t.app.db)
        XCTAssertTrue(service)

        t.clock.advance(1800)
        let completed = try await act(id, "complete", engineer, ["result": "completed", "comment": "升级完成，业务验证正常"])
        XCTAssertEqual(completed.status, .ok, completed.body.string)
        XCTAssertEqual(try completed.content.get(String.self, at: "change", "status"), "completed")
        let ciAfter = try await t.json(.GET, "/api/v1/cis/\(core)", token: lead)
        XCTAssertEqual(try ciAfter.content.get(String.self, at: "state"), "unknown")
        let windows = try await t.json(.GET, "/api/v1/cis/\(core)/maintenance", token: lead)
        XCTAssertEqual(try windows.content.get(Bool.self, at: "inMaintenance"), false)
        XCTAssertNotNil(try windows.content.get([ChangeDetailDTO.Window].self, at: "windows").first?.end)

        // The review needs the maintenance document (§八.1.4); written in place, it goes through.
        let noDocument = try await act(id, "review", supervisor, ["comment": "按计划完成"])
        XCTAssertEqual(noDocument.status, .unprocessableEntity)
        XCTAssertEqual(try noDocument.content.get(String.self, at: "error", "code"), "document_required")
        let reviewed = try await act(id, "review", supervisor, ["comment": "按计划完成", "document": "维护文档：固件 V5.2，配置已备份。"])
        XCTAssertEqual(reviewed.status, .ok, reviewed.body.string)
        XCTAssertEqual(try reviewed.content.get(String.self, at: "change", "status"), "reviewed")
        let history = try reviewed.content.get([ChangeDetailDTO.Entry].self, at: "history").map(\.kind)
        XCTAssertEqual(history, ["created", "submitted", "approved", "implementing", "result", "reviewed"])

        // Every step is in the audit log.
        let audit = try await t.json(.GET, "/api/v1/audit?objectType=change", token: admin)
        let actions = try audit.content.get([AuditEntryDTO].self, at: "items").map(\.action)
        for action in ["change.create", "change.submit", "change.approve", "change.implement", "change.complete", "change.review"] {
            XCTAssertTrue(actions.contains(action), action)
        }
        let approval = try audit.content.get([AuditEntryDTO].self, at: "items").first { $0.action == "change.approve" }
        XCTAssertTrue(approval?.after?.contains("同意，注意通知海关") == true, "the approver's comment is in the audit log")

        // The approved window is in the iCalendar feed.
        let feed = try await t.app.sendRequest(.GET, "/api/v1/changes/calendar.ics", headers: ["Authorization": "Bearer \(lead)"])
        XCTAssertEqual(feed.status, .ok)
        XCTAssertTrue(feed.body.string.contains("BEGIN:VEVENT\r\nUID:\(id.uppercased())@zoneops"), feed.body.string)
        XCTAssertFalse(feed.body.string.contains(other.uppercased()), "an unapproved change is not in the feed")
    }

    func testBadInputIsRefusedAndNothingChanges() async throws {
        let admin = try await t.token()
        let engineer = try await t.user("eng1", role: "engineer")
        _ = try await ci("汇聚交换机-01", token: admin)
        let now = t.clock.now
        func refused(_ body: Body, field: String) async throws {
            let response = try await t.json(.POST, "/api/v1/changes", token: engineer, body: body)
            XCTAssertEqual(response.status, .badRequest, response.body.string)
            XCTAssertTrue(response.body.string.contains(field) || response.body.string.contains("error"), response.body.string)
        }
        let start = iso(now + 86_400)
        try await refused(Body(title: "x", type: "normal", ciIds: ["汇聚交换机-01"], plannedStart: start, plannedEnd: iso(now + 3600)), field: "结束时间")
        try await refused(Body(title: "x", type: "normal", ciIds: ["汇聚交换机-01"], plannedStart: iso(now - 86_400), plannedEnd: start), field: "计划时间已过")
        try await refused(Body(title: "x", type: "normal", ciIds: ["不存在的设备"], plannedStart: start, plannedEnd: iso(now + 90_000)), field: "找不到")
        try await refused(Body(title: "x", type: "emergency", ciIds: ["汇聚交换机-01"], plannedStart: start, plannedEnd: iso(now + 90_000)), field: "紧急原因")
        try await refused(Body(title: "x", type: "normal", ciIds: ["汇聚交换机-01"], plannedStart: "下周一", plannedEnd: start), field: "时间格式")
        // Far-off years are refused as times, before any day arithmetic sees them.
        try await refused(Body(title: "x", type: "major", ciIds: ["汇聚交换机-01"], plannedStart: "9999-12-30T00:00:00Z",
                               plannedEnd: "9999-12-31T00:00:00Z"), field: "时间格式")
        let farMaintenance = try await t.json(.GET, "/api/v1/changes?from=0001-01-01T00:00:00Z", token: engineer)
        XCTAssertEqual(farMaintenance.status, .badRequest)
        let list = try await t.json(.GET, "/api/v1/changes", token: engineer)
        XCTAssertEqual(try list.content.get(Int.self, at: "total"), 0)

        // An emergency change with its reason may start tomorrow; it is flagged in the list.
        var emergency = Body(title: "防火墙策略紧急调整", type: "emergency", ciIds: ["汇聚交换机-01"], plannedStart: start, plannedEnd: iso(now + 90_000))
        emergency.emergencyReason = "网络攻击，须立即封堵"
        let id = try await raise(engineer, emergency)
        let submitted = try await act(id, "submit", engineer)
        XCTAssertEqual(submitted.status, .ok, submitted.body.string)
        let flagged = try await t.json(.GET, "/api/v1/changes?type=emergency", token: engineer)
        XCTAssertEqual(try flagged.content.get([ChangeRowDTO].self, at: "items").first?.emergency, true)
        // Implementing before approval is a state conflict.
        let early = try await act(id, "implement", engineer)
        XCTAssertEqual(early.status, .conflict)
        let unknown = try await act(id, "launch", engineer)
        XCTAssertEqual(unknown.status, .notFound)
        // Customs may read changes but not raise them; enterprises may not read them.
        let customs = try await t.user("cus1", role: "customs", organizationId: try await t.organization("综保区海关", kind: "customs"))
        let read = try await t.json(.GET, "/api/v1/changes", token: customs)
        XCTAssertEqual(read.status, .ok)
        let raise = try await t.json(.POST, "/api/v1/changes", token: customs, body: emergency)
        XCTAssertEqual(raise.status, .forbidden)
    }

    func testStandardChangeIsPreApprovedAndBlackoutsWarn() async throws {
        let admin = try await t.token()
        let engineer = try await t.user("eng1", role: "engineer")
        let supervisor = try await t.user("sup1", role: "supervisor")
        _ = try await ci("存储-01", type: "storage", token: admin)
        let now = t.clock.now
        let blackout = try await t.json(.POST, "/api/v1/change-blackouts", token: supervisor,
                                        body: ["title": "年底海关业务高峰", "start": iso(now + 86_400), "end": iso(now + 10 * 86_400)])
        XCTAssertEqual(blackout.status, .created, blackout.body.string)
        let denied = try await t.json(.POST, "/api/v1/change-blackouts", token: engineer,
                                      body: ["title": "x", "start": iso(now + 86_400), "end": iso(now + 2 * 86_400)])
        XCTAssertEqual(denied.status, .forbidden)
        // "Standard" without a pre-approved template is refused: it would skip approval.
        let bypass = try await t.json(.POST, "/api/v1/changes", token: engineer,
                                      body: Body(title: "存储快照策略调整", type: "standard", ciIds: ["存储-01"],
                                                 plannedStart: iso(now + 2 * 86_400), plannedEnd: iso(now + 2 * 86_400 + 3600)))
        XCTAssertEqual(bypass.status, .badRequest)
        XCTAssertTrue(bypass.body.string.contains("预先批准的模板"), bypass.body.string)
        // A normal change carried out once becomes the template (by an approver, not its raiser's peer).
        let lead = try await t.user("lead1", role: "lead")
        let first = try await raise(engineer, Body(title: "存储快照策略调整", type: "normal", ciIds: ["存储-01"],
                                                   plannedStart: iso(now + 3600), plannedEnd: iso(now + 7200)))
        for (action, token) in [("submit", engineer), ("approve", lead), ("implement", engineer), ("complete", engineer)] {
            let step = try await act(first, action, token)
            XCTAssertEqual(step.status, .ok, "\(action): \(step.body.string)")
        }
        let notApprover = try await t.json(.POST, "/api/v1/changes/\(first)/template", token: engineer, body: ["name": "x"])
        XCTAssertEqual(notApprover.status, .forbidden)
        let template = try await t.json(.POST, "/api/v1/changes/\(first)/template", token: lead, body: ["name": "存储快照策略调整（标准）"])
        XCTAssertEqual(template.status, .created, template.body.string)
        let templateId = try template.content.get(String.self, at: "id")
        var standard = Body(title: "存储快照策略调整", type: "standard", ciIds: ["存储-01"],
                            plannedStart: iso(now + 2 * 86_400), plannedEnd: iso(now + 2 * 86_400 + 3600))
        standard.plan = nil
        standard.templateId = templateId
        let id = try await raise(engineer, standard)
        let detail = try await t.json(.GET, "/api/v1/changes/\(id)", token: engineer)
        XCTAssertEqual(try detail.content.get(String.self, at: "plan"), "升级固件至 V5.2", "the template's plan fills what was left empty")
        let submitted = try await act(id, "submit", engineer)
        XCTAssertEqual(try submitted.content.get(String.self, at: "change", "status"), "approved")
        XCTAssertEqual(try submitted.content.get([ChangeDetailDTO.Blackout].self, at: "blackouts").map(\.title), ["年底海关业务高峰"])
        let page = try await Browser(t.app).loginAndGet("eng1", "password-eng1", "/changes/\(id)")
        XCTAssertTrue(page.contains("处于封网期"), page)
        XCTAssertTrue(page.contains("预先批准"))
    }
}

extension ChangeAPITests {
    func upload(_ id: String, token: String, name: String, data: Data) async throws -> XCTHTTPResponse {
        let boundary = "zoneops-change-boundary"
        var body = Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(name)\"\r\nContent-Type: application/pdf\r\n\r\n".utf8)
        body += data
        body += Data("\r\n--\(boundary)--\r\n".utf8)
        var headers = HTTPHeaders()
        headers.bearerAuthorization = BearerAuthorization(token: token)
        headers.add(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
        return try await t.app.sendRequest(.POST, "/api/v1/changes/\(id)/document", headers: headers, body: ByteBuffer(data: body))
    }

    /// The maintenance document uploaded: checked from its bytes, its size bounded, only after the
    /// implementation; then the review of a major change goes through.
    func testTheMaintenanceDocumentIsUploadedAfterImplementationAndChecked() async throws {
        let admin = try await t.token()
        let engineer = try await t.user("eng1", role: "engineer")
        let supervisor = try await t.user("sup1", role: "supervisor")
        _ = try await ci("机房UPS-01", type: "ups", token: admin)
        let now = t.clock.now
        let id = try await raise(engineer, Body(title: "UPS 电池组更换", type: "major", ciIds: ["机房UPS-01"],
                                                plannedStart: iso(now + 8 * 86_400), plannedEnd: iso(now + 8 * 86_400 + 7200)))
        let pdf = Data("%PDF-1.7\n维护文档".utf8) + Data(repeating: 0x20, count: 100)
        let early = try await upload(id, token: engineer, name: "维护文档.pdf", data: pdf)
        XCTAssertEqual(early.status, .conflict, early.body.string)
        for (action, token) in [("submit", engineer), ("approve", supervisor), ("implement", engineer), ("complete", engineer)] {
            let step = try await act(id, action, token)
            XCTAssertEqual(step.status, .ok, "\(action): \(step.body.string)")
        }
        let text = try await upload(id, token: engineer, name: "notes.pdf", data: Data("just text, not a PDF".utf8))
        XCTAssertEqual(text.status, .badRequest)
        XCTAssertTrue(text.body.string.contains("PDF"), text.body.string)
        let huge = try await upload(id, token: engineer, name: "big.pdf", data: Data("%PDF-".utf8) + Data(count: Changes.maxDocumentBytes + 1))
        XCTAssertEqual(huge.status, .payloadTooLarge)
        let stored = try await upload(id, token: engineer, name: "../维护文档.pdf", data: pdf)
        XCTAssertEqual(stored.status, .ok, stored.body.string)
        XCTAssertEqual(try stored.content.get(String.self, at: "documentFile", "name"), "维护文档.pdf")
        let reviewed = try await act(id, "review", supervisor, ["comment": "资料齐全"])
        XCTAssertEqual(reviewed.status, .ok, reviewed.body.string)
        let late = try await upload(id, token: engineer, name: "again.pdf", data: pdf)
        XCTAssertEqual(late.status, .conflict)
        // The file comes back as it was stored, as a download.
        let browser = Browser(t.app)
        _ = try await browser.login("sup1", "password-sup1")
        let file = try await browser.get("/changes/\(id)/document/file")
        XCTAssertEqual(file.status, .ok)
        XCTAssertEqual(Data(buffer: file.body), pdf)
        XCTAssertTrue(file.headers.first(name: .contentDisposition)?.hasPrefix("attachment") == true)
    }
}

extension Browser {
    func loginAndGet(_ username: String, _ password: String, _ path: String) async throws -> String {
        _ = try await login(username, password)
        return try await get(path).body.string
    }
}
