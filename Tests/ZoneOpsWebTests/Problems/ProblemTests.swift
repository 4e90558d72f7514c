import Foundation
import Vapor
import XCTVapor
@testable import ZoneOpsWeb

/// Problems and known errors: from recurring incidents to a known error the desk sees on the
/// next incident and links in one click, closed by a change; and a failed change followed up.
final class ProblemTests: XCTestCase {
    var t: TestApp!
    override func setUp() async throws { t = try await TestApp.make() }
    override func tearDown() async throws { try await t.shutdown() }

    struct Report: Encodable {
        var title: String
        var description = "现场反馈"
        var ciId: String?
        var impact = 2
        var urgency = 2
    }

    func incident(_ token: String, _ title: String, ci: String) async throws -> (id: String, number: String) {
        let response = try await t.json(.POST, "/api/v1/incidents", token: token, body: Report(title: title, ciId: ci))
        XCTAssertEqual(response.status, .created, response.body.string)
        return (try response.content.get(String.self, at: "id"), try response.content.get(String.self, at: "number"))
    }

    func iso(_ date: Date) -> String { ISO8601DateFormatter().string(from: date) }

    func testRecurringIncidentsBecomeAKnownErrorSuggestedToTheDeskAndClosedByAChange() async throws {
        let admin = try await t.token()
        let duty = try await t.user("duty1", role: "duty")
        let engineer = try await t.user("eng1", role: "engineer")
        let lead = try await t.user("lead1", role: "lead")
        let ci = try await t.json(.POST, "/api/v1/cis", token: admin, body: ["type": "plate_camera", "name": "1号卡口车牌识别"])
        let ciId = try ci.content.get(String.self, at: "id")
        var numbers: [String] = []
        for title in ["1号卡口车牌识别率低", "1号卡口车牌识别不出", "1号卡口车牌识别错误"] {
            numbers.append(try await incident(duty, title, ci: ciId).number)
        }

        // The recurrence view lists the CI with its three incidents.
        let recurrence = try await t.json(.GET, "/api/v1/problems/recurrence", token: engineer)
        let items = try recurrence.content.get([RecurrenceDTO].self, at: "items")
        let onCI = try XCTUnwrap(items.first { $0.kind == "ci" })
        XCTAssertEqual(onCI.name, "1号卡口车牌识别")
        XCTAssertEqual(Set(onCI.incidents), Set(numbers))
        XCTAssertNil(onCI.problem)
        let tooHigh = try await t.json(.GET, "/api/v1/problems/recurrence?minimum=4", token: engineer)
        XCTAssertEqual(try tooHigh.content.get(Int.self, at: "total"), 0)
        let bad = try await t.json(.GET, "/api/v1/problems/recurrence?minimum=1", token: engineer)
        XCTAssertEqual(bad.status, .badRequest)

        // A problem from the three; each incident shows it.
        let created = try await t.json(.POST, "/api/v1/problems", token: engineer,
                                       body: ProblemRequest(title: "1号卡口车牌识别反复失败", description: "识别率下降", incidents: numbers))
        XCTAssertEqual(created.status, .created, created.body.string)
        let problemId = try created.content.get(String.self, at: "id")
        XCTAssertTrue(try created.content.get(String.self, at: "number").hasPrefix("PRB-"))
        let detail = try await t.json(.GET, "/api/v1/problems/\(problemId)", token: engineer)
        XCTAssertEqual(try detail.content.get([ProblemDetailDTO.Incident].self, at: "incidents").count, 3)
        XCTAssertEqual(try detail.content.get([ProblemDetailDTO.CI].self, at: "cis").map(\.name), ["1号卡口车牌识别"], "the incidents' CI comes along")
        let covered = try await t.json(.GET, "/api/v1/problems/recurrence", token: engineer)
        XCTAssertNotNil(try covered.content.get([RecurrenceDTO].self, at: "items").first { $0.kind == "ci" }?.problem)

        // A known error needs its cause and workaround.
        let early = try await t.json(.POST, "/api/v1/problems/\(problemId)/investigate", token: engineer, body: ["knownError": "true"])
        XCTAssertEqual(early.status, .badRequest)
        let known = try await t.json(.POST, "/api/v1/problems/\(problemId)/investigate", token: engineer,
                                     body: ["note": "现场查看补光灯", "rootCause": "补光灯老化，夜间照度不足", "workaround": "夜间人工核对车牌后放行",
                                            "knownError": "true"])
        XCTAssertEqual(known.status, .ok, known.body.string)
        XCTAssertEqual(try known.content.get(Bool.self, at: "problem", "knownError"), true)

        // While the desk types a new incident or call, the known error shows with its workaround.
        let typing = Browser(t.app)
        _ = try await typing.login("duty1", "password-duty1")
        let form = try await typing.get("/incidents/new")
        XCTAssertTrue(form.body.string.contains(#"id="known-errors""#))
        let hotline = try await typing.get("/hotline")
        XCTAssertTrue(hotline.body.string.contains(#"id="known-errors""#))
        let hint = try await typing.get("/problems/known-errors?q=%E8%BD%A6%E7%89%8C%E8%AF%86%E5%88%AB%E4%B8%8D%E4%BA%86&ci=")
        XCTAssertTrue(hint.body.string.contains("夜间人工核对车牌后放行"), hint.body.string)
        let byCI = try await typing.get("/problems/known-errors?q=&ci=\(ciId)")
        XCTAssertTrue(byCI.body.string.contains("夜间人工核对车牌后放行"))
        let nothing = try await typing.get("/problems/known-errors?q=%E6%89%93%E5%8D%B0%E6%9C%BA&ci=")
        XCTAssertFalse(nothing.body.string.contains("夜间人工核对车牌后放行"))
        let export = try await typing.get("/problems/export.xlsx?known=1")
        XCTAssertEqual(export.status, .ok)
        XCTAssertEqual(export.headers.contentType?.subType, "vnd.openxmlformats-officedocument.spreadsheetml.sheet")

        // A fourth incident on the CI: the desk sees the known error and links it in one click.
        let fourth = try await incident(duty, "卡口晚上车牌识别不了", ci: ciId)
        let suggested = try await t.json(.GET, "/api/v1/known-errors?incidentId=\(fourth.id)", token: duty)
        XCTAssertEqual(try suggested.content.get([ProblemRowDTO].self, at: "items").map(\.id), [problemId])
        let desk = Browser(t.app)
        _ = try await desk.login("duty1", "password-duty1")
        let page = try await desk.get("/incidents/\(fourth.id)")
        XCTAssertTrue(page.body.string.contains("可能相关的已知错误"))
        XCTAssertTrue(page.body.string.contains("夜间人工核对车牌后放行"))
        let linked = try await desk.post("/problems/\(problemId)/link", form: ["incident": fourth.number, "back": "incident"])
        XCTAssertEqual(linked.status, .seeOther, linked.body.string)
        XCTAssertEqual(linked.headers.first(name: .location), "/incidents/\(fourth.id)#problems")
        let after = try await desk.get("/incidents/\(fourth.id)")
        XCTAssertTrue(after.body.string.contains("相关问题"))
        XCTAssertFalse(after.body.string.contains("可能相关的已知错误"), "a linked known error is no longer suggested")
        let twice = try await t.json(.POST, "/api/v1/problems/\(problemId)/link", token: duty, body: ["incident": fourth.number])
        XCTAssertEqual(twice.status, .conflict)
        // Words alone find it too, from the known-error search.
        let byWords = try await t.json(.GET, "/api/v1/known-errors?q=车牌识别失败", token: duty)
        XCTAssertEqual(try byWords.content.get(Int.self, at: "total"), 1)

        // Closed by a change: not before that change is completed.
        let now = t.clock.now
        let raised = try await t.json(.POST, "/api/v1/changes", token: engineer,
                                      body: ChangeBody(title: "更换1号卡口补光灯", ciIds: [ciId], plannedStart: iso(now + 3600), plannedEnd: iso(now + 7200)))
        let changeId = try raised.content.get(String.self, at: "id")
        let changeNumber = try raised.content.get(String.self, at: "number")
        let notDone = try await t.json(.POST, "/api/v1/problems/\(problemId)/close", token: engineer, body: ["change": changeNumber])
        XCTAssertEqual(notDone.status, .unprocessableEntity)
        for (action, token) in [("submit", engineer), ("approve", lead), ("implement", engineer), ("complete", engineer)] {
            let step = try await t.json(.POST, "/api/v1/changes/\(changeId)/\(action)", token: token, body: [String: String]())
            XCTAssertEqual(step.status, .ok, "\(action): \(step.body.string)")
        }
        let closed = try await t.json(.POST, "/api/v1/problems/\(problemId)/close", token: engineer, body: ["change": changeNumber])
        XCTAssertEqual(closed.status, .ok, closed.body.string)
        XCTAssertEqual(try closed.content.get(String.self, at: "problem", "status"), "closed")
        XCTAssertEqual(try closed.content.get(String.self, at: "closingChange"), changeNumber)
        let closedAgain = try await t.json(.POST, "/api/v1/problems/\(problemId)/close", token: engineer, body: ["decision": "x"])
        XCTAssertEqual(closedAgain.status, .conflict)
        let knownList = try await t.json(.GET, "/api/v1/problems?known=1&status=closed", token: duty)
        XCTAssertEqual(try knownList.content.get(Int.self, at: "total"), 1)
        // Duty may read and link, not raise; enterprises see nothing of problems.
        let dutyRaise = try await t.json(.POST, "/api/v1/problems", token: duty, body: ProblemRequest(title: "x"))
        XCTAssertEqual(dutyRaise.status, .forbidden)
    }

    struct ChangeBody: Encodable {
        var title: String
        var type = "normal"
        var ciIds: [String]
        var plannedStart: String
        var plannedEnd: String
    }

    func testAFailedChangeRaisesAnIncidentAndAProblemInOneStep() async throws {
        let admin = try await t.token()
        let engineer = try await t.user("eng1", role: "engineer")
        let lead = try await t.user("lead1", role: "lead")
        let ci = try await t.json(.POST, "/api/v1/cis", token: admin, body: ["type": "server", "name": "申报系统应用服务器"])
        let ciId = try ci.content.get(String.self, at: "id")
        let now = t.clock.now
        let raised = try await t.json(.POST, "/api/v1/changes", token: engineer,
                                      body: ChangeBody(title: "申报系统补丁升级", ciIds: [ciId], plannedStart: iso(now + 600), plannedEnd: iso(now + 4200)))
        let changeId = try raised.content.get(String.self, at: "id")
        let notYet = try await t.json(.POST, "/api/v1/changes/\(changeId)/follow-up", token: engineer, body: [String: String]())
        XCTAssertEqual(notYet.status, .conflict)
        for (action, token, body) in [("submit", engineer, [String: String]()), ("approve", lead, [:]), ("implement", engineer, [:]),
                                      ("complete", engineer, ["result": "rolled_back", "comment": "补丁导致登录失败，已回退"])] {
            let step = try await t.json(.POST, "/api/v1/changes/\(changeId)/\(action)", token: token, body: body)
            XCTAssertEqual(step.status, .ok, "\(action): \(step.body.string)")
        }
        let followed = try await t.json(.POST, "/api/v1/changes/\(changeId)/follow-up", token: engineer, body: [String: String]())
        XCTAssertEqual(followed.status, .created, followed.body.string)
        let incidentId = try followed.content.get(String.self, at: "incidentId")
        let problemId = try followed.content.get(String.self, at: "problemId")
        let incident = try await t.json(.GET, "/api/v1/incidents/\(incidentId)", token: engineer)
        XCTAssertTrue(try incident.content.get(String.self, at: "incident", "title").contains("失败"), incident.body.string)
        let problem = try await t.json(.GET, "/api/v1/problems/\(problemId)", token: engineer)
        XCTAssertEqual(try problem.content.get([ProblemDetailDTO.Incident].self, at: "incidents").map(\.id), [incidentId])
        XCTAssertEqual(try problem.content.get([ProblemDetailDTO.CI].self, at: "cis").map(\.id), [ciId])
        let change = try await t.json(.GET, "/api/v1/changes/\(changeId)", token: engineer)
        XCTAssertEqual(try change.content.get([ChangeDetailDTO.Entry].self, at: "history").last?.kind, "follow_up")
        // The chain holds: three audited records from one step.
        let audit = try await t.json(.GET, "/api/v1/audit?verify=1", token: admin)
        XCTAssertEqual(audit.status, .ok)
        let actions = try audit.content.get([AuditEntryDTO].self, at: "items").map(\.action)
        for action in ["change.follow_up", "incident.create", "problem.create"] { XCTAssertTrue(actions.contains(action), action) }
        let verify = try await t.app.verifyAudit()
        XCTAssertNil(verify.firstBreak)
    }
}
