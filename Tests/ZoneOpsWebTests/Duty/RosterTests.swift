import Foundation
import Vapor
import XCTVapor
import ZoneOpsDomain
import ZoneOpsServices
import ZoneOpsStore
@testable import ZoneOpsWeb

/// Rosters end to end through the API and the pages: generation on the business calendar, who
/// is on duty now, one person never on two shifts, swaps and covers with approval, the gaps
/// ahead, the calendar feed, and who may do what.
final class RosterTests: XCTestCase {
    var t: TestApp!
    var lead = "", engineer = ""

    /// Tuesday 2026-12-01 10:00 in Beijing.
    static let start = CalendarDate(year: 2026, month: 12, day: 1)!.startInBeijing!.addingTimeInterval(10 * 3600)

    override func setUp() async throws {
        t = try await TestApp.make(clock: TestClock(Self.start))
        lead = try await t.user("lead1", role: "lead")
        engineer = try await t.user("eng1", role: "engineer")
        _ = try await t.user("eng2", role: "engineer")
        _ = try await t.user("duty1", role: "duty")
    }

    override func tearDown() async throws { try await t.shutdown() }

    func at(_ day: Int, _ hour: Int) -> Date {
        CalendarDate(year: 2026, month: 12, day: day)!.startInBeijing!.addingTimeInterval(TimeInterval(hour * 3600))
    }

    func roster(_ name: String, kind: String, people: [String], extra: [String: String] = [:]) async throws -> String {
        struct Body: Encodable { var name: String; var kind: String; var from: String; var participants: [String]; var until: String?; var shiftHours: String? }
        let response = try await t.json(.POST, "/api/v1/duty/rosters", token: lead,
                                        body: Body(name: name, kind: kind, from: "2026-12-01", participants: people, until: extra["until"], shiftHours: extra["shiftHours"]))
        XCTAssertEqual(response.status, .created, response.body.string)
        return try response.content.get(String.self, at: "id")
    }

    func generate(_ id: String, days: Int = 7) async throws -> (made: Int, unfilled: Int) {
        let response = try await t.json(.POST, "/api/v1/duty/rosters/\(id)/generate", token: lead, body: ["from": "2026-12-01", "days": String(days)])
        XCTAssertEqual(response.status, .ok, response.body.string)
        return (try response.content.get(Int.self, at: "made"), try response.content.get(Int.self, at: "unfilled"))
    }

    func shifts(_ query: String) async throws -> [ShiftDTO] {
        let response = try await t.json(.GET, "/api/v1/duty/shifts?\(query)", token: engineer)
        XCTAssertEqual(response.status, .ok, response.body.string)
        return try response.content.get([ShiftDTO].self, at: "items")
    }

    func testGeneratedShiftsFollowTheCalendarAndTheRotationAndAnswerWhoIsOnDutyNow() async throws {
        let desk = try await roster("现场值守", kind: "onsite", people: ["eng1", "eng2"])
        let hotline = try await roster("热线", kind: "hotline", people: ["duty1", "eng1"])
        // From Tue 10:00: the desk Tue–Fri (today's 09:00 slot has begun, so it is not made again) and Mon.
        let madeDesk = try await generate(desk)
        XCTAssertEqual(madeDesk.made, 4, "Wed, Thu, Fri and Mon; today's shift started before the run")
        _ = try await generate(hotline)
        let week = try await shifts("rosterId=\(desk)&from=2026-12-01&to=2026-12-08")
        XCTAssertEqual(week.map(\.username), ["eng2", "eng1", "eng2", "eng1"], "the rotation counts from the roster's first day")
        XCTAssertEqual(week.first?.start, at(2, 9))

        // Tuesday night: the hotline is on duty, the desk has nobody now (closed).
        t.clock.advance(12 * 3600)
        let now = try await t.json(.GET, "/api/v1/oncall/now", token: engineer)
        XCTAssertEqual(now.status, .ok, now.body.string)
        let entries = try now.content.get([OnCallDTO].self, at: "items")
        let line = try XCTUnwrap(entries.first { $0.roster == "热线" })
        XCTAssertEqual(line.onDuty.map(\.username), ["duty1"])
        XCTAssertEqual(line.onDuty.first?.until, at(2, 9))
        XCTAssertEqual(entries.first { $0.roster == "现场值守" }?.onDuty.count, 0)
        XCTAssertEqual(entries.first { $0.roster == "现场值守" }?.next?.username, "eng2")

        // Generating again changes nothing that people set, and remakes the rest the same.
        let again = try await generate(desk)
        XCTAssertEqual(again.made, 4)
        let week2 = try await shifts("rosterId=\(desk)&from=2026-12-01&to=2026-12-08")
        XCTAssertEqual(week2.map(\.username), week.map(\.username))
    }

    func testOnePersonIsNeverOnTwoShiftsAtOnce() async throws {
        let desk = try await roster("现场值守", kind: "onsite", people: ["eng1"])
        let lane = try await roster("卡口专项", kind: "lane", people: ["eng1", "eng2"], extra: ["until": "2026-12-03", "shiftHours": "12"])
        _ = try await generate(desk)
        // Lane duty from 12-01 08:00 in 12-hour shifts: eng1 is on the desk 09:00–18:00, so eng2 takes the day shifts.
        let made = try await generate(lane)
        XCTAssertEqual(made.unfilled, 0)
        let laneShifts = try await shifts("rosterId=\(lane)&from=2026-12-02&to=2026-12-04")
        for shift in laneShifts where shift.username == "eng1" {
            let clash = try await shifts("userId=\(shift.userId)&from=2026-12-01&to=2026-12-05").filter { $0.id != shift.id && $0.start < shift.end && shift.start < $0.end }
            XCTAssertEqual(clash.count, 0, "eng1 on two shifts: \(shift)")
        }
        XCTAssertTrue(laneShifts.contains { $0.username == "eng2" && $0.start == at(2, 8) })

        // By hand: a shift overlapping eng1's desk day is refused, naming the shift in the way.
        let clash = try await t.json(.POST, "/api/v1/duty/shifts", token: lead,
                                     body: ["rosterId": lane, "person": "eng1", "start": "2026-12-02 12:00", "end": "2026-12-02 20:00"])
        XCTAssertEqual(clash.status, .unprocessableEntity, clash.body.string)
        XCTAssertTrue(clash.body.string.contains("现场值守"), clash.body.string)
        let bad = try await t.json(.POST, "/api/v1/duty/shifts", token: lead,
                                   body: ["rosterId": lane, "person": "eng1", "start": "2026-12-02 20:00", "end": "2026-12-04 20:00"])
        XCTAssertEqual(bad.status, .badRequest)
        XCTAssertTrue(bad.body.string.contains("24"), bad.body.string)
        let stranger = try await t.json(.POST, "/api/v1/duty/shifts", token: lead,
                                        body: ["rosterId": lane, "person": "admin", "start": "2026-12-05 08:00", "end": "2026-12-05 20:00"])
        XCTAssertEqual(stranger.status, .badRequest, "an admin does not stand duty")
    }

    func testASwapIsApprovedByALeadAndAnEditAfterItIsFlagged() async throws {
        let desk = try await roster("现场值守", kind: "onsite", people: ["eng1", "eng2"])
        _ = try await generate(desk)
        let week = try await shifts("rosterId=\(desk)&from=2026-12-02&to=2026-12-04")
        let mine = try XCTUnwrap(week.first { $0.username == "eng1" })
        let theirs = try XCTUnwrap(week.first { $0.username == "eng2" })

        // Someone else's shift cannot be given away by an engineer.
        let notMine = try await t.json(.POST, "/api/v1/duty/swaps", token: engineer, body: ["shiftId": theirs.id, "to": "duty1"])
        XCTAssertEqual(notMine.status, .forbidden, notMine.body.string)
        let asked = try await t.json(.POST, "/api/v1/duty/swaps", token: engineer,
                                     body: ["shiftId": mine.id, "otherShiftId": theirs.id, "reason": "家中有事"])
        XCTAssertEqual(asked.status, .created, asked.body.string)
        let swapId = try asked.content.get(String.self, at: "id")
        let byEngineer = try await t.json(.POST, "/api/v1/duty/swaps/\(swapId)/approve", token: engineer)
        XCTAssertEqual(byEngineer.status, .forbidden)
        let approved = try await t.json(.POST, "/api/v1/duty/swaps/\(swapId)/approve", token: lead)
        XCTAssertEqual(approved.status, .noContent, approved.body.string)
        let twice = try await t.json(.POST, "/api/v1/duty/swaps/\(swapId)/approve", token: lead)
        XCTAssertEqual(twice.status, .conflict)

        let after = try await shifts("rosterId=\(desk)&from=2026-12-02&to=2026-12-04")
        XCTAssertEqual(after.first { $0.id == mine.id }?.username, "eng2")
        XCTAssertEqual(after.first { $0.id == theirs.id }?.username, "eng1")
        XCTAssertEqual(after.first { $0.id == mine.id }?.origin, "swap")

        // Regenerating keeps the swap; moving the swapped shift keeps its holder and flags it.
        _ = try await generate(desk)
        let kept = try await shifts("rosterId=\(desk)&from=2026-12-02&to=2026-12-04")
        XCTAssertEqual(kept.first { $0.id == mine.id }?.username, "eng2")
        let moved = try await t.json(.PATCH, "/api/v1/duty/shifts/\(mine.id)", token: lead, body: ["start": "2026-12-03 08:30"])
        XCTAssertEqual(moved.status, .ok, moved.body.string)
        XCTAssertEqual(try moved.content.get(Bool.self, at: "flagged"), true)
        XCTAssertEqual(try moved.content.get(String.self, at: "username"), "eng2")

        let audit = try await AuditEntryModel.query(on: t.app.db).all().map(\.action)
        XCTAssertTrue(audit.contains("duty.swap_request") && audit.contains("duty.swap_decide") && audit.contains("duty.generate"))
    }

    func testAStaleOrClashingSwapIsNotApplied() async throws {
        let desk = try await roster("现场值守", kind: "onsite", people: ["eng1", "eng2"])
        let hotline = try await roster("热线", kind: "hotline", people: ["duty1"])
        _ = try await generate(desk)
        _ = try await generate(hotline)
        let day2 = try await shifts("rosterId=\(desk)&from=2026-12-02&to=2026-12-03")
        let mine = try XCTUnwrap(day2.first)
        // duty1 covers a desk day: fine (the hotline starts at 18:00). Then the lead moves it into duty1's night: refused.
        let asked = try await t.json(.POST, "/api/v1/duty/swaps", token: lead, body: ["shiftId": mine.id, "to": "duty1"])
        let swapId = try asked.content.get(String.self, at: "id")
        let reassigned = try await t.json(.PATCH, "/api/v1/duty/shifts/\(mine.id)", token: lead, body: ["person": "eng1"])
        XCTAssertEqual(reassigned.status, .ok, reassigned.body.string)
        let stale = try await t.json(.POST, "/api/v1/duty/swaps/\(swapId)/approve", token: lead)
        XCTAssertEqual(mine.username, "eng2")
        XCTAssertEqual(stale.status, .conflict, "the shift is no longer eng2's: \(stale.body.string)")

        let day3 = try await shifts("rosterId=\(desk)&from=2026-12-03&to=2026-12-04")
        let late = try XCTUnwrap(day3.first)
        let stretched = try await t.json(.PATCH, "/api/v1/duty/shifts/\(late.id)", token: lead, body: ["person": "duty1", "end": "2026-12-03 19:00"])
        XCTAssertEqual(stretched.status, .unprocessableEntity, "duty1 is on the hotline from 18:00")
        XCTAssertTrue(stretched.body.string.contains("热线"), stretched.body.string)
    }

    func testGapsOfTheNextSevenDaysAreShown() async throws {
        let desk = try await roster("现场值守", kind: "onsite", people: ["eng1"])
        _ = try await generate(desk, days: 3)
        let gaps = try await t.json(.GET, "/api/v1/duty/gaps", token: engineer)
        let items = try gaps.content.get([GapDTO].self, at: "items")
        // Today's 10:00–18:00 (generation starts after now), Friday, Monday and next Tuesday's first hour stand open.
        XCTAssertEqual(items.first?.gaps.first?.start, Self.start)
        XCTAssertEqual(items.first?.gaps.count, 4)
        let browser = Browser(t.app)
        _ = try await browser.login("eng1", "password-eng1")
        let page = try await browser.get("/duty")
        XCTAssertEqual(page.status, .ok)
        XCTAssertTrue(page.body.string.contains("4个排班缺口"), page.body.string)
        XCTAssertTrue(page.body.string.contains("无人值班"))
    }

    func testBadRostersAreRefusedWithReasons() async throws {
        struct Body: Encodable { var name: String; var kind: String; var from: String; var participants: [String]; var handoff: String?; var staffing: Int? }
        let unknown = try await t.json(.POST, "/api/v1/duty/rosters", token: lead,
                                       body: Body(name: "X", kind: "onsite", from: "2026-12-01", participants: ["nobody"]))
        XCTAssertEqual(unknown.status, .badRequest)
        XCTAssertTrue(unknown.body.string.contains("找不到这个人员"), unknown.body.string)
        let twice = try await t.json(.POST, "/api/v1/duty/rosters", token: lead,
                                     body: Body(name: "X", kind: "onsite", from: "2026-12-01", participants: ["eng1", "eng1"], staffing: 9))
        XCTAssertTrue(twice.body.string.contains("出现了两次") && twice.body.string.contains("1到5"), twice.body.string)
        let lane = try await t.json(.POST, "/api/v1/duty/rosters", token: lead,
                                    body: Body(name: "X", kind: "lane", from: "2026-12-01", participants: ["eng1"], handoff: "25:00"))
        XCTAssertTrue(lane.body.string.contains("结束日期") && lane.body.string.contains("08:00"), lane.body.string)
        let byEngineer = try await t.json(.POST, "/api/v1/duty/rosters", token: engineer,
                                          body: Body(name: "X", kind: "onsite", from: "2026-12-01", participants: ["eng1"]))
        XCTAssertEqual(byEngineer.status, .forbidden)
        let id = try await roster("现场值守", kind: "onsite", people: ["eng1"])
        let past = try await t.json(.POST, "/api/v1/duty/rosters/\(id)/generate", token: lead, body: ["from": "2026-11-01", "days": "7"])
        XCTAssertEqual(past.status, .badRequest)
        let many = try await t.json(.POST, "/api/v1/duty/rosters/\(id)/generate", token: lead, body: ["from": "2026-12-01", "days": "400"])
        XCTAssertEqual(many.status, .badRequest)
        let stored = try await RosterModel.query(on: t.app.db).count()
        XCTAssertEqual(stored, 1)
        let office = try await t.organization("某海关", kind: "customs")
        let customs = try await t.user("customs1", role: "customs", organizationId: office)
        let denied = try await t.json(.GET, "/api/v1/oncall/now", token: customs)
        XCTAssertEqual(denied.status, .forbidden)
    }

    func testTheCalendarFeedListsMyShiftsBehindASecretAddress() async throws {
        let desk = try await roster("现场值守", kind: "onsite", people: ["eng1", "eng2"])
        _ = try await generate(desk)
        let browser = Browser(t.app)
        _ = try await browser.login("eng1", "password-eng1")
        _ = try await browser.get("/duty")
        let made = try await browser.post("/duty/feed", form: [:])
        XCTAssertEqual(made.status, .ok)
        let html = made.body.string
        let url = try XCTUnwrap(html.range(of: "/duty/feed/zo_[A-Za-z0-9_-]+", options: .regularExpression).map { String(html[$0]) })
        let feed = try await t.app.sendRequest(.GET, url)
        XCTAssertEqual(feed.status, .ok)
        XCTAssertEqual(feed.headers.contentType?.description.hasPrefix("text/calendar"), true)
        let body = feed.body.string
        XCTAssertEqual(body.components(separatedBy: "BEGIN:VEVENT").count - 1, 2, "eng1 holds two desk days this week")
        XCTAssertTrue(body.contains("SUMMARY:值班：现场值守"))
        XCTAssertTrue(body.contains("\r\n"))
        // A new address revokes the old one; a made-up one is not found.
        _ = try await browser.post("/duty/feed", form: [:])
        let old = try await t.app.sendRequest(.GET, url)
        XCTAssertEqual(old.status, .notFound)
        let guess = try await t.app.sendRequest(.GET, "/duty/feed/zo_guess")
        XCTAssertEqual(guess.status, .notFound)
    }

    func testTheLeadRunsTheRosterFromTheBrowser() async throws {
        let browser = Browser(t.app)
        _ = try await browser.login("lead1", "password-lead1")
        _ = try await browser.get("/duty/rosters/new")
        let refused = try await browser.post("/duty/rosters/new", form: ["name": "", "kind": "onsite", "from": "2026-12-01", "participants": "eng1"])
        XCTAssertEqual(refused.status, .badRequest)
        XCTAssertTrue(refused.body.string.contains("请填写值班表名称"))
        let saved = try await browser.post("/duty/rosters/new", form: ["name": "现场值守", "kind": "onsite", "from": "2026-12-01",
                                                                       "participants": "eng1\neng2", "staffing": "1", "rotateEvery": "1"])
        XCTAssertEqual(saved.status, .seeOther, saved.body.string)
        let location = try XCTUnwrap(saved.headers.first(name: .location))
        _ = try await browser.get(location)
        let generated = try await browser.post(location + "/generate", form: ["from": "2026-12-01", "days": "7"])
        XCTAssertEqual(generated.status, .seeOther)
        let week = try await browser.get(location + "?week=2026-12-02")
        XCTAssertTrue(week.body.string.contains("已生成4个班次"), week.body.string)
        XCTAssertTrue(week.body.string.contains("测试eng2"))
        let overlap = try await browser.post(location + "/shifts", form: ["person": "eng2", "start": "2026-12-02T12:00", "end": "2026-12-02T13:00"])
        XCTAssertEqual(overlap.status, .unprocessableEntity)
        XCTAssertTrue(overlap.body.string.contains("不能重叠"))
    }

    func testDispatchSuggestsWhoIsOnDuty() async throws {
        let hotline = try await roster("热线", kind: "hotline", people: ["eng2"])
        _ = try await generate(hotline)
        t.clock.advance(14 * 3600) // Tuesday 24:00: eng2 holds the hotline.
        let created = try await t.json(.POST, "/api/v1/incidents", token: engineer, body: ["title": "夜间1号通道道闸不抬杆", "impact": "2", "urgency": "1"])
        XCTAssertEqual(created.status, .created, created.body.string)
        let id = try created.content.get(String.self, at: "id")
        let workload = try await t.json(.GET, "/api/v1/incidents/workload", token: engineer)
        XCTAssertEqual(try workload.content.get(String.self, at: "items", 0, "username"), "eng2")
        XCTAssertEqual(try workload.content.get(Bool.self, at: "items", 0, "onDuty"), true)
        let browser = Browser(t.app)
        _ = try await browser.login("eng1", "password-eng1")
        let page = try await browser.get("/incidents/\(id)")
        XCTAssertEqual(page.status, .ok)
        XCTAssertTrue(page.body.string.contains("当前值班：测试eng2"), page.body.string)
        XCTAssertTrue(page.body.string.contains(#"<option value="eng2" selected="selected">【值班】测试eng2"#), page.body.string)
    }
}
