import Foundation
import Vapor
import XCTVapor
@testable import ZoneOpsWeb

/// The incident paths of API.md, the policy's visibility cells, and the pages around them.
final class IncidentAPITests: XCTestCase {
    var t: TestApp!
    override func setUp() async throws { t = try await TestApp.make() }
    override func tearDown() async throws { try await t.shutdown() }

    struct Report: Encodable {
        var title: String
        var description = "现场反馈"
        var impact: Int? = 2
        var urgency: Int? = 2
        var category: String? = nil
    }

    func create(_ token: String, _ report: Report) async throws -> (id: String, number: String) {
        let response = try await t.json(.POST, "/api/v1/incidents", token: token, body: report)
        XCTAssertEqual(response.status, .created, response.body.string)
        return (try response.content.get(String.self, at: "id"), try response.content.get(String.self, at: "number"))
    }

    func testCreateListShowAndTheActionsAsAPIDescribes() async throws {
        let duty = try await t.user("duty1", role: "duty")
        _ = try await t.user("eng1", role: "engineer")
        let created = try await t.json(.POST, "/api/v1/incidents", token: duty, body: Report(title: "核心交换机端口告警", impact: 1, urgency: 1))
        XCTAssertEqual(created.status, .created)
        XCTAssertEqual(try created.content.get(String.self, at: "priority"), "P1")
        XCTAssertTrue(try created.content.get(String.self, at: "number").hasPrefix("INC-"))
        XCTAssertNotNil(try? created.content.get(String.self, at: "resolveDueAt"))
        let id = try created.content.get(String.self, at: "id")

        let assigned = try await t.json(.POST, "/api/v1/incidents/\(id)/assign", token: duty, body: ["assignee": "eng1"])
        XCTAssertEqual(assigned.status, .ok, assigned.body.string)
        XCTAssertEqual(try assigned.content.get(String.self, at: "incident", "status"), "assigned")
        let tooEarly = try await t.json(.POST, "/api/v1/incidents/\(id)/close", token: duty, body: [String: String]())
        XCTAssertEqual(tooEarly.status, .conflict)
        XCTAssertEqual(try tooEarly.content.get(String.self, at: "error", "code"), "conflict")
        let unknown = try await t.json(.POST, "/api/v1/incidents/\(id)/assign", token: duty, body: ["assignee": "nobody"])
        XCTAssertEqual(unknown.status, .badRequest)
        XCTAssertEqual(try unknown.content.get(String.self, at: "error", "field"), "assignee")
        let oddReason = try await t.json(.POST, "/api/v1/incidents/\(id)/pend", token: duty, body: ["reason": "等", "pendingReason": "weather"])
        XCTAssertEqual(oddReason.status, .badRequest, "an unknown pending reason is refused, not taken as another")
        XCTAssertEqual(try oddReason.content.get(String.self, at: "error", "field"), "pendingReason")
        XCTAssertTrue(try oddReason.content.get(String.self, at: "error", "message").hasPrefix("挂起原因"), "named by its label")
        let note = try await t.json(.POST, "/api/v1/incidents/\(id)/comment", token: duty, body: ["body": "内部：已联系厂商"])
        XCTAssertEqual(note.status, .ok)
        let resolved = try await t.json(.POST, "/api/v1/incidents/\(id)/resolve", token: duty, body: ["resolution": "更换光模块"])
        XCTAssertEqual(resolved.status, .ok)
        XCTAssertEqual(try resolved.content.get(String.self, at: "incident", "status"), "resolved")

        let list = try await t.json(.GET, "/api/v1/incidents?status=resolved&priority=P1", token: duty)
        XCTAssertEqual(try list.content.get(Int.self, at: "total"), 1)
        let open = try await t.json(.GET, "/api/v1/incidents?status=open", token: duty)
        XCTAssertEqual(try open.content.get(Int.self, at: "total"), 0)
        let bad = try await t.json(.GET, "/api/v1/incidents?priority=P9", token: duty)
        XCTAssertEqual(bad.status, .badRequest)
        let shown = try await t.json(.GET, "/api/v1/incidents/\(id)", token: duty)
        XCTAssertEqual(try shown.content.get([IncidentDetailDTO.Entry].self, at: "workLog").contains { $0.body == "内部：已联系厂商" }, true)
    }

    func testBadReportsGetEveryProblemAndStoreNothing() async throws {
        let duty = try await t.user("duty1", role: "duty")
        let response = try await t.json(.POST, "/api/v1/incidents", token: duty, body: Report(title: "", impact: 5, urgency: 0))
        XCTAssertEqual(response.status, .badRequest)
        let fields = try response.content.get([[String: String]].self, at: "error", "fields").compactMap { $0["field"] }
        XCTAssertEqual(Set(fields), ["title", "impact", "urgency"])
        XCTAssertTrue(try response.content.get(String.self, at: "error", "message").contains("标题"))
        let unknownCI = try await t.json(.POST, "/api/v1/incidents", token: duty, body: ["title": "x", "ciId": "NO-SUCH"])
        XCTAssertEqual(unknownCI.status, .badRequest)
        let list = try await t.json(.GET, "/api/v1/incidents", token: duty)
        XCTAssertEqual(try list.content.get(Int.self, at: "total"), 0)
    }

    func testEnterprisesSeeTheirOwnAndPublicRepliesOnlyCustomsTheirDomains() async throws {
        let acme = try await t.organization("甲企业", kind: "enterprise")
        let other = try await t.organization("乙企业", kind: "enterprise")
        let customsOrg = try await t.organization("海关", kind: "customs")
        let a = try await t.user("ent-a", role: "enterprise", organizationId: acme)
        let b = try await t.user("ent-b", role: "enterprise", organizationId: other)
        let customs = try await t.user("officer", role: "customs", organizationId: customsOrg)
        let duty = try await t.user("duty1", role: "duty")
        let supervisor = try await t.user("sup", role: "supervisor")
        let ticket = try await create(a, Report(title: "申报系统登录失败"))
        let lane = try await create(duty, Report(title: "2号车道车牌识别失败", category: "lane.recognition"))
        _ = try await create(duty, Report(title: "服务器磁盘告警", category: "network.server"))
        _ = try await t.json(.POST, "/api/v1/incidents/\(ticket.id)/comment", token: duty, body: ["body": "内部备注", "isPublic": "false"])
        _ = try await t.json(.POST, "/api/v1/incidents/\(ticket.id)/comment", token: duty, body: ["body": "请提供截图", "isPublic": "true"])

        let value1 = try await t.json(.GET, "/api/v1/incidents", token: a).content.get(Int.self, at: "total")
        XCTAssertEqual(value1, 1)
        let value2 = try await t.json(.GET, "/api/v1/incidents", token: b).content.get(Int.self, at: "total")
        XCTAssertEqual(value2, 0)
        let value3 = try await t.json(.GET, "/api/v1/incidents/\(ticket.id)", token: b).status
        XCTAssertEqual(value3, .forbidden)
        let seen = try await t.json(.GET, "/api/v1/incidents/\(ticket.id)", token: a)
        let bodies = try seen.content.get([IncidentDetailDTO.Entry].self, at: "workLog").map(\.body)
        XCTAssertTrue(bodies.contains("请提供截图"))
        XCTAssertFalse(bodies.contains("内部备注"), "an enterprise never reads internal notes")

        let customsList = try await t.json(.GET, "/api/v1/incidents", token: customs).content.get([IncidentRowDTO].self, at: "items")
        XCTAssertEqual(customsList.map(\.number), [lane.number])
        let value4 = try await t.json(.GET, "/api/v1/incidents/\(ticket.id)", token: customs).status
        XCTAssertEqual(value4, .forbidden)
        let value5 = try await t.json(.GET, "/api/v1/incidents", token: supervisor).content.get(Int.self, at: "total")
        XCTAssertEqual(value5, 3)

        // The requester rates once, after resolve; nobody else may.
        let value6 = try await t.json(.POST, "/api/v1/incidents/\(ticket.id)/survey", token: a, body: ["rating": 5]).status
        XCTAssertEqual(value6, .conflict)
        _ = try await t.json(.POST, "/api/v1/incidents/\(ticket.id)/resolve", token: duty, body: ["resolution": "已重置密码"])
        let value7 = try await t.json(.POST, "/api/v1/incidents/\(ticket.id)/survey", token: duty, body: ["rating": 5]).status
        XCTAssertEqual(value7, .forbidden)
        let value8 = try await t.json(.POST, "/api/v1/incidents/\(ticket.id)/survey", token: a, body: ["rating": 6]).status
        XCTAssertEqual(value8, .badRequest)
        let value9 = try await t.json(.POST, "/api/v1/incidents/\(ticket.id)/survey", token: a, body: ["rating": 5]).status
        XCTAssertEqual(value9, .ok)
        let value10 = try await t.json(.POST, "/api/v1/incidents/\(ticket.id)/survey", token: a, body: ["rating": 4]).status
        XCTAssertEqual(value10, .conflict)
        let value11 = try await t.json(.POST, "/api/v1/incidents/\(ticket.id)/assign", token: a, body: ["assignee": "duty1"]).status
        XCTAssertEqual(value11, .forbidden)
    }

    func testPortalDeskAndHotlinePagesInTheBrowser() async throws {
        let acme = try await t.organization("甲企业", kind: "enterprise")
        _ = try await t.user("ent-a", role: "enterprise", organizationId: acme)
        _ = try await t.user("duty1", role: "duty")
        let enterprise = Browser(t.app)
        _ = try await enterprise.login("ent-a", "password-ent-a")
        _ = try await enterprise.get("/service-desk/new")
        let empty = try await enterprise.post("/service-desk/new", form: ["title": "", "kind": "fault"])
        XCTAssertEqual(empty.status, .badRequest)
        XCTAssertTrue(empty.body.string.contains("请填写标题"))
        let reported = try await enterprise.post("/service-desk/new", form: ["title": "物流平台打不开", "kind": "fault",
                                                                           "businessSystem": "企业物流服务平台", "description": "白屏"])
        XCTAssertEqual(reported.status, .seeOther)
        let portal = try await enterprise.get("/service-desk").body.string
        XCTAssertTrue(portal.contains("物流平台打不开"))
        XCTAssertTrue(portal.contains(#"data-live-topic="incidents""#))

        let desk = Browser(t.app)
        _ = try await desk.login("duty1", "password-duty1")
        _ = try await desk.get("/hotline")
        let queue = try await desk.get("/incidents?queue=unassigned").body.string
        XCTAssertTrue(queue.contains("物流平台打不开"))
        let fragment = try await desk.get("/incidents/fragment?queue=unassigned")
        XCTAssertTrue(fragment.body.string.contains("物流平台打不开"))
        XCTAssertFalse(fragment.body.string.contains("<html"))
        let call = try await desk.post("/hotline/calls", form: ["phone": "13800000000", "callerName": "王五", "summary": "", "result": "missed"])
        XCTAssertEqual(call.status, .seeOther)
        let hotline = try await desk.get("/hotline").body.string
        XCTAssertTrue(hotline.contains("13800000000"))
        XCTAssertTrue(hotline.contains("待回拨 (1)"))
        let bad = try await desk.post("/hotline/calls", form: ["phone": "abc", "summary": "x", "result": "answered"])
        XCTAssertEqual(bad.status, .badRequest)
        let value12 = try await enterprise.get("/hotline").status
        XCTAssertEqual(value12, .forbidden)
    }
}
