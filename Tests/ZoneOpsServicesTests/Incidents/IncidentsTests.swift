import FluentKit
import Foundation
import XCTest
import ZoneOpsDomain
import ZoneOpsServices
import ZoneOpsStore

/// The incident's life on the real schema (SQLite here, PostgreSQL in CI), clock pinned.
final class IncidentsTests: XCTestCase {
    var harness: ServiceHarness!
    var engineer: UserModel!
    let desk = Actor(userId: nil, name: "duty", address: nil)

    override func setUp() async throws {
        harness = try await ServiceHarness()
        engineer = UserModel(username: "eng1", displayName: "工程师甲", passwordHash: "x", role: .engineer, organizationId: nil)
        try await engineer.create(on: harness.db)
    }

    override func tearDown() async throws {
        await harness.shutdown()
    }

    func report(_ title: String = "卡口1号车道道闸不抬杆", impact: Int = 2, urgency: Int = 2) async throws -> IncidentModel {
        try await Incidents.create(NewIncident(title: title, description: "现场报告", impact: impact, urgency: urgency,
                                               channel: .portal, requesterName: "张三"), by: desk, in: harness.ctx)
    }

    func reload(_ incident: IncidentModel) async throws -> IncidentModel {
        try await IncidentModel.find(incident.id, on: harness.db)!
    }

    func testNumbersArePerYearAndNeverDuplicatedUnderConcurrentCreates() async throws {
        harness.set("2026-03-02 10:00")
        let numbers = try await withThrowingTaskGroup(of: String.self) { group in
            let ctx = harness.ctx, desk = desk
            for index in 0..<24 {
                group.addTask {
                    try await Incidents.create(NewIncident(title: "报障 \(index)", description: "", channel: .api, requesterName: "x"),
                                               by: desk, in: ctx).number
                }
            }
            return try await group.reduce(into: [String]()) { $0.append($1) }
        }
        XCTAssertEqual(Set(numbers).count, 24)
        XCTAssertEqual(numbers.sorted().first, "INC-2026-000001")
        XCTAssertEqual(numbers.sorted().last, "INC-2026-000024")
        harness.set("2027-01-01 00:10")
        let value1 = try await report().number
        XCTAssertEqual(value1, "INC-2027-000001")
    }

    func testPriorityAndDueTimesComeFromTheMatrixAndTheCalendar() async throws {
        harness.set("2026-02-13 17:00")
        let incident = try await report(impact: 3, urgency: 2) // P4: 40 working hours on 5x8
        XCTAssertEqual(incident.priority, 4)
        XCTAssertEqual(incident.slaCalendar, "5x8")
        // Response 4 h: 1 h on Friday, then 3 h on the make-up Saturday.
        XCTAssertEqual(incident.responseDueAt, beijing("2026-02-14 12:00"))
    }

    func testPendingOnTheRequesterPausesAndTheirReplyResumes() async throws {
        harness.set("2026-03-02 09:00")
        let incident = try await report(impact: 3, urgency: 1) // P3: 16 h on 5x8
        let id = try incident.requireID()
        _ = try await Incidents.assign(id, assignee: "eng1", group: nil, by: desk, in: harness.ctx)
        harness.set("2026-03-02 11:00")
        var current = try await Incidents.pend(id, reason: .requester, note: "请提供截图", by: desk, in: harness.ctx)
        XCTAssertNil(current.resolveDueAt, "paused: no due time")
        XCTAssertNotNil(current.respondedAt)
        // Priority raised while pending: still paused, time used kept.
        harness.set("2026-03-03 10:00")
        current = try await Incidents.reprioritize(id, impact: 1, urgency: 2, by: desk, in: harness.ctx) // P2: 8 h on 7x24
        XCTAssertEqual(current.incidentStatus, .pending)
        XCTAssertNil(current.resolveDueAt)
        // The requester answers: the clock resumes with 2 h of the 8 used.
        harness.set("2026-03-03 14:00")
        current = try await Incidents.comment(id, body: "截图已上传", isPublic: true, as: .requester, by: desk, in: harness.ctx)
        XCTAssertEqual(current.incidentStatus, .inProgress)
        XCTAssertEqual(current.resolveDueAt, beijing("2026-03-03 20:00"))
    }

    func testReopenDoesNotCountTimeResolvedAndIsRefusedAfterTheWindow() async throws {
        harness.set("2026-03-02 09:00")
        let id = try await report(impact: 3, urgency: 1).requireID()
        harness.set("2026-03-02 10:00")
        _ = try await Incidents.resolve(id, resolution: "已重启", code: "restart", by: desk, in: harness.ctx)
        harness.set("2026-03-04 09:00")
        let reopened = try await Incidents.reopen(id, reason: "又坏了", by: desk, in: harness.ctx)
        XCTAssertEqual(reopened.incidentStatus, .new)
        // 1 h used, 15 h left from Wednesday 09:00: 8 h Wednesday, 7 h Thursday.
        XCTAssertEqual(reopened.resolveDueAt, beijing("2026-03-05 17:00"))
        _ = try await Incidents.resolve(id, resolution: "更换电源", code: nil, by: desk, in: harness.ctx)
        harness.set("2026-03-20 09:00")
        do {
            _ = try await Incidents.reopen(id, reason: "again", by: desk, in: harness.ctx)
            XCTFail("reopened after the window")
        } catch let error as AppError {
            XCTAssertEqual(error.code, "reopen_window")
        }
    }

    func testTheDetailListsTheIncidentsCIsByNameWithTheirTypeAndState() async throws {
        var ids: [String] = []
        for (name, type, state) in [("卡口2号车道道闸", "barrier_gate", "down"), ("卡口1号车道道闸", "barrier_gate", "up"), ("核心交换机", "switch", "degraded")] {
            let ci = CIModel()
            ci.typeKey = type; ci.name = name; ci.criticality = 2; ci.customsCritical = true
            ci.status = "in_use"; ci.state = state; ci.attributesJSON = "{}"; ci.searchText = name
            ci.createdAt = harness.now; ci.updatedAt = harness.now
            try await ci.insertRow(on: harness.db)
            ids.append(ci.id!.uuidString)
        }
        let other = try await report("另一张工单")
        let incident = try await Incidents.create(NewIncident(title: "卡口车道故障", description: "", channel: .monitoring, cis: ids,
                                                              requesterName: "监控系统"), by: desk, in: harness.ctx)
        let detail = try await IncidentQueries.detail(incident.number, includeInternal: true, on: harness.db)
        XCTAssertEqual(detail.cis.map(\.name), ["卡口1号车道道闸", "卡口2号车道道闸", "核心交换机"].sorted())
        XCTAssertEqual(detail.cis.map(\.state), detail.cis.map { ["卡口1号车道道闸": "up", "卡口2号车道道闸": "down", "核心交换机": "degraded"][$0.name]! })
        XCTAssertEqual(Set(detail.cis.map(\.typeKey)), ["barrier_gate", "switch"])
        let none = try await IncidentQueries.detail(other.id!.uuidString, includeInternal: true, on: harness.db)
        XCTAssertEqual(none.cis, [])
    }

    func testActionsTheStatusDoesNotAllowAreRefusedAndChangeNothing() async throws {
        let id = try await report().requireID()
        do {
            _ = try await Incidents.close(id, by: desk, in: harness.ctx)
            XCTFail("closed a new incident")
        } catch let error as AppError {
            XCTAssertEqual(error.status, 409)
        }
        do {
            _ = try await Incidents.survey(id, rating: 5, comment: nil, by: desk, in: harness.ctx)
            XCTFail("rated before resolution")
        } catch let error as AppError {
            XCTAssertEqual(error.status, 409)
        }
        let unchanged = try await IncidentModel.find(id, on: harness.db)!
        XCTAssertEqual(unchanged.incidentStatus, .new)
        XCTAssertNil(unchanged.rating)
        _ = try await Incidents.resolve(id, resolution: "ok", code: nil, by: desk, in: harness.ctx)
        _ = try await Incidents.survey(id, rating: 4, comment: "及时", by: desk, in: harness.ctx)
        do {
            _ = try await Incidents.survey(id, rating: 5, comment: nil, by: desk, in: harness.ctx)
            XCTFail("rated twice")
        } catch let error as AppError {
            XCTAssertEqual(error, .conflict(.incidentAlreadyRated))
        }
    }

    func testResolvingTheParentResolvesItsChildrenAndLoopsAreRefused() async throws {
        let parent = try await report("核心交换机故障").requireID()
        let child = try await report("二号仓库摄像头全部离线").requireID()
        let other = try await report("企业申报系统无法登录").requireID()
        let parentNumber = try await IncidentModel.find(parent, on: harness.db)!.number
        _ = try await Incidents.link(child, toParent: parentNumber, by: desk, in: harness.ctx)
        do {
            _ = try await Incidents.link(parent, toParent: child.uuidString, by: desk, in: harness.ctx)
            XCTFail("made a loop")
        } catch let error as AppError {
            XCTAssertEqual(error.code, "parent_loop")
        }
        do {
            _ = try await Incidents.link(other, toParent: "INC-1999-000001", by: desk, in: harness.ctx)
            XCTFail("linked to nothing")
        } catch let error as AppError {
            XCTAssertEqual(error.status, 400)
        }
        _ = try await Incidents.resolve(parent, resolution: "更换交换机电源模块", code: "hardware", by: desk, in: harness.ctx)
        let resolvedChild = try await IncidentModel.find(child, on: harness.db)!
        XCTAssertEqual(resolvedChild.incidentStatus, .resolved)
        XCTAssertEqual(resolvedChild.resolution, "更换交换机电源模块")
        let childEntries = try await IncidentEntryModel.query(on: harness.db).filter(\.$incident.$id == child).all()
        XCTAssertTrue(childEntries.contains { $0.isPublic && $0.body.hasPrefix("resolved-with:") }, "the child's requester is told")
        let value2 = try await IncidentModel.find(other, on: harness.db)!.incidentStatus
        XCTAssertEqual(value2, .new)
    }

    func testWarningsAndBreachesAreRecordedOnceAcrossRuns() async throws {
        harness.set("2026-03-02 09:00")
        let id = try await report(impact: 3, urgency: 1).requireID() // P3: response 2 h, resolve 16 h
        harness.set("2026-03-02 10:40") // 1 h 40 m used: the response warning (75 % = 1 h 30 m)
        let value3 = try await Incidents.checkSLA(now: harness.now, in: harness.ctx)
        XCTAssertEqual(value3, 1)
        let value4 = try await Incidents.checkSLA(now: harness.now, in: harness.ctx)
        XCTAssertEqual(value4, 0)
        harness.set("2026-03-02 14:30") // past the response due time, 11:00
        let value5 = try await Incidents.checkSLA(now: harness.now, in: harness.ctx)
        XCTAssertEqual(value5, 1)
        let incident = try await IncidentModel.find(id, on: harness.db)!
        XCTAssertTrue(incident.responseBreached)
        XCTAssertFalse(incident.resolveBreached)
        let marks = try await IncidentEntryModel.query(on: harness.db).filter(\.$incident.$id == id)
            .filter(\.$kind ~~ ["sla_warning", "sla_breach"]).all()
        XCTAssertEqual(marks.map(\.kind).sorted(), ["sla_breach", "sla_warning"])
        harness.set("2026-03-03 15:00") // 14 of the 16 resolution hours used: past 75 %, escalated to the lead once
        let value99 = try await Incidents.checkSLA(now: harness.now, in: harness.ctx)
        XCTAssertEqual(value99, 1)
        let escalations = try await IncidentEntryModel.query(on: harness.db).filter(\.$incident.$id == id).filter(\.$kind == "escalation").count()
        XCTAssertEqual(escalations, 1)
        XCTAssertEqual(marks.first { $0.kind == "sla_breach" }?.body, "response:working")
        XCTAssertEqual(marks.first { $0.kind == "sla_breach" }?.at, beijing("2026-03-02 11:00"))
        let audited = try await AuditEntryModel.query(on: harness.db).filter(\.$action == "incident.sla_warning").count()
        XCTAssertEqual(audited, 3, "one audited round per mark that came due")
    }

    func testHotlineCallsAnsweredMissedAndCalledBack() async throws {
        harness.set("2026-03-02 10:00")
        let answered = try await Hotline.log(.init(callerName: "李四", phone: "0532-88886666", summary: "询问申报系统密码重置",
                                                   result: .answered), by: desk, in: harness.ctx)
        XCTAssertNil(answered.incident)
        let logged = try await Hotline.log(.init(callerName: "李四", phone: "0532-88886666", summary: "物流平台打不开",
                                                 result: .incident), by: desk, in: harness.ctx)
        XCTAssertEqual(logged.incident?.channel, "hotline")
        XCTAssertNotNil(logged.incident?.respondedAt, "logged while talking: responded at creation")
        harness.set("2026-03-02 20:00")
        let missed = try await Hotline.log(.init(callerName: "", phone: "13800000000", summary: "", result: .missed),
                                           by: desk, in: harness.ctx)
        let open = try await Hotline.calls(since: beijing("2026-03-02 00:00"), openCallbacks: true, on: harness.db)
        XCTAssertEqual(open.map(\.id), [missed.call])
        XCTAssertTrue(open[0].outsideHours)
        try await Hotline.calledBack(missed.call, note: "已回拨，企业已自行解决", by: desk, in: harness.ctx)
        let value6 = try await Hotline.calls(since: beijing("2026-03-02 00:00"), openCallbacks: true, on: harness.db).isEmpty
        XCTAssertTrue(value6)
        let rate = try await Hotline.answerRate(from: beijing("2026-03-02 00:00"), to: beijing("2026-03-03 00:00"), on: harness.db)
        XCTAssertEqual(rate!, 2.0 / 3.0, accuracy: 0.0001)
        let value7 = try await Hotline.history(phone: "0532-88886666", name: nil, on: harness.db).count
        XCTAssertEqual(value7, 1)
    }

    func testBadInputIsRefusedWithEveryProblem() async throws {
        do {
            _ = try await Incidents.create(NewIncident(title: " ", description: "", impact: 0, urgency: 4, channel: .api,
                                                       requesterName: "x"), by: desk, in: harness.ctx)
            XCTFail("accepted")
        } catch AppError.invalidFields(let problems) {
            XCTAssertEqual(Set(problems.map(\.field)), ["title", "impact", "urgency"])
        }
        do {
            _ = try await Incidents.create(NewIncident(title: "t", description: "", channel: .api, cis: ["NO-SUCH-TAG"],
                                                       requesterName: "x"), by: desk, in: harness.ctx)
            XCTFail("accepted")
        } catch let error as AppError {
            XCTAssertEqual(error, .invalid(field: "ciId", .incidentUnknownCI))
        }
        let count = try await IncidentModel.query(on: harness.db).count()
        XCTAssertEqual(count, 0)
    }

    func beijing(_ text: String) -> Date {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "Asia/Shanghai")
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.date(from: text)!
    }
}

extension IncidentsTests {
    func testChineseSubstringSearchOverTitlesDescriptionsAndNotes() async throws {
        let first = try await report("二号卡口车牌识别率下降").requireID()
        _ = try await report("企业申报系统无法登录")
        _ = try await Incidents.comment(first, body: "内部：疑似补光灯老化", isPublic: false, as: .staff, by: desk, in: harness.ctx)
        func search(_ q: String, staff: Bool = true) async throws -> [String] {
            var filter = IncidentQueries.Filter(q: q)
            filter.searchInternal = staff
            return try await IncidentQueries.list(filter, scope: .all, userId: nil, now: harness.now, on: harness.db).rows.map(\.title)
        }
        let plate = try await search("车牌识别")
        XCTAssertEqual(plate, ["二号卡口车牌识别率下降"])
        let two = try await search("申报")
        XCTAssertEqual(two, ["企业申报系统无法登录"], "two characters, below a trigram, still found")
        let note = try await search("补光灯老化")
        XCTAssertEqual(note.count, 1, "internal notes are searched for staff")
        let hidden = try await search("补光灯老化", staff: false)
        XCTAssertEqual(hidden.count, 0, "and not for requesters")
        let injection = try await search("\" OR 1=1 --")
        XCTAssertEqual(injection.count, 0)
        let control = try await search("\u{0}车牌\u{1}识别\r")
        XCTAssertEqual(control, ["二号卡口车牌识别率下降"], "control characters are dropped, not sent to the index")
        let percent = try await search("%")
        XCTAssertEqual(percent.count, 0, "a % is a character, not a wildcard")
        let number = try await IncidentModel.find(first, on: harness.db)!.number
        let byNumber = try await search(number)
        XCTAssertEqual(byNumber.count, 1)
    }
}

extension IncidentsTests {
    func testARequesterWhoNeverAnswersIsRemindedThenTheTicketIsResolved() async throws {
        harness.set("2026-03-02 09:00")
        let id = try await report().requireID()
        _ = try await Incidents.acknowledge(id, start: true, by: desk, in: harness.ctx)
        _ = try await Incidents.pend(id, reason: .requester, note: "请提供截图", by: desk, in: harness.ctx)
        var reminders: [Int] = []
        for day in 1...8 {
            harness.set(String(format: "2026-03-%02d 10:00", 2 + day))
            reminders.append(try await Incidents.remindPending(now: harness.now, in: harness.ctx))
        }
        // Every 2 days: reminders on days 2, 4 and 6; resolved on day 8.
        XCTAssertEqual(reminders, [0, 1, 0, 1, 0, 1, 0, 1])
        let incident = try await IncidentModel.find(id, on: harness.db)!
        XCTAssertEqual(incident.incidentStatus, .resolved)
        XCTAssertEqual(incident.resolutionCode, "no_response")
        let count = try await IncidentEntryModel.query(on: harness.db).filter(\.$incident.$id == id).filter(\.$kind == "reminder").count()
        XCTAssertEqual(count, 3)
    }
}
