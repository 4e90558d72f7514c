import Foundation
import Vapor
import XCTVapor
@testable import ZoneOpsWeb

/// The working calendar in the browser: 2026 seeded, next year imported with a preview, a bad
/// file refused whole, targets edited; open incidents recomputed each time.
final class CalendarPageTests: XCTestCase {
    var t: TestApp!
    override func setUp() async throws { t = try await TestApp.make() }
    override func tearDown() async throws { try await t.shutdown() }

    func multipart(_ browser: Browser, _ path: String, file: String, effectiveFrom: String) async throws -> XCTHTTPResponse {
        _ = try await browser.get("/admin/calendar")
        let boundary = "zoneops-calendar"
        var body = "--\(boundary)\r\nContent-Disposition: form-data; name=\"effectiveFrom\"\r\n\r\n\(effectiveFrom)\r\n"
        body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"2027.csv\"\r\nContent-Type: text/csv\r\n\r\n\(file)\r\n--\(boundary)--\r\n"
        return try await browser.send(.POST, path, contentType: "multipart/form-data; boundary=\(boundary)", body: Data(body.utf8))
    }

    func testSeededYearImportWithPreviewAndTargets() async throws {
        let browser = Browser(t.app)
        _ = try await browser.login("admin", TestApp.adminPassword)
        let y2026 = try await browser.get("/admin/calendar?year=2026").body.string
        XCTAssertTrue(y2026.contains("2026-02-14") && y2026.contains("春节调休"), "the 2026 notice is seeded")
        let value1 = try await browser.get("/admin/calendar?year=99999").status
        XCTAssertEqual(value1, .badRequest)

        let bad = try await multipart(browser, "/admin/calendar/import", file: "2027-01-01,休,元旦\n2027-02-30,休,春节", effectiveFrom: "2026-12-01")
        XCTAssertEqual(bad.status, .badRequest)
        XCTAssertTrue(bad.body.string.contains("第 2 行：日期不存在"))
        let preview = try await multipart(browser, "/admin/calendar/import", file: "2027-01-01,休,元旦\n2026-02-14,班,春节调休",
                                          effectiveFrom: "2026-12-01")
        XCTAssertEqual(preview.status, .ok)
        XCTAssertTrue(preview.body.string.contains("新增：2027-01-01 放假 元旦"))
        XCTAssertTrue(preview.body.string.contains("不变：2026-02-14"))
        let value2 = try await browser.get("/admin/calendar?year=2027").body.string.contains("2027-01-01")
        XCTAssertFalse(value2, "a preview stores nothing")
        let commit = try await browser.post("/admin/calendar/import/commit",
                                             form: ["text": "2027-01-01,休,元旦\n2026-02-14,班,春节调休", "effectiveFrom": "2026-12-01"])
        XCTAssertEqual(commit.status, .seeOther)
        let value3 = try await browser.get("/admin/calendar?year=2027").body.string.contains("2027-01-01")
        XCTAssertTrue(value3)

        var form = ["warningShare": "80", "reopenDays": "7", "autoCloseDays": "3"]
        for p in 1...4 { form["response\(p)"] = "30"; form["resolve\(p)"] = "8"; form["calendar\(p)"] = "7x24" }
        form["resolve2"] = "0"
        let value4 = try await browser.post("/admin/calendar/sla", form: form).status
        XCTAssertEqual(value4, .badRequest)
        form["resolve2"] = "6"
        let value5 = try await browser.post("/admin/calendar/sla", form: form).status
        XCTAssertEqual(value5, .seeOther)
        let duty = try await t.user("duty1", role: "duty")
        let created = try await t.json(.POST, "/api/v1/incidents", token: duty, body: ["title": "x", "impact": "1", "urgency": "2"])
        let due = try created.content.get(Date.self, at: "resolveDueAt")
        XCTAssertEqual(due.timeIntervalSince(t.clock.now), 6 * 3600, accuracy: 1, "P2 now 6 h on 7x24")

        let engineer = Browser(t.app)
        _ = try await t.user("eng1", role: "engineer")
        _ = try await engineer.login("eng1", "password-eng1")
        let value6 = try await engineer.get("/admin/calendar").status
        XCTAssertEqual(value6, .forbidden)
    }

    func testCategoriesAndThePriorityMatrixAreEditable() async throws {
        let browser = Browser(t.app)
        _ = try await browser.login("admin", TestApp.adminPassword)
        _ = try await browser.get("/admin/calendar")
        let empty = try await browser.post("/admin/calendar/categories", form: ["parent": "lane", "nameZh": " "])
        XCTAssertEqual(empty.status, .badRequest)
        let added = try await browser.post("/admin/calendar/categories", form: ["parent": "lane", "nameZh": "ETC 电子车牌", "nameEn": "ETC tags"])
        XCTAssertEqual(added.status, .seeOther)
        let page = try await browser.get("/admin/calendar").body.string
        XCTAssertTrue(page.contains("ETC 电子车牌"))
        _ = try await browser.post("/admin/calendar/categories/consultation", form: ["nameZh": "业务咨询", "nameEn": "Questions"])
        let value51 = try await browser.get("/incidents/new").body.string.contains("业务咨询")
        XCTAssertTrue(value51, "the form offers the renamed category")

        var cells: [String: String] = [:]
        for i in 1...3 { for u in 1...3 { cells["m\(i)\(u)"] = "4" } }
        cells["m11"] = "1"
        cells["m33"] = "9"
        let value52 = try await browser.post("/admin/calendar/matrix", form: cells).status
        XCTAssertEqual(value52, .badRequest)
        cells["m33"] = "4"
        let value53 = try await browser.post("/admin/calendar/matrix", form: cells).status
        XCTAssertEqual(value53, .seeOther)
        let duty = try await t.user("duty1", role: "duty")
        let created = try await t.json(.POST, "/api/v1/incidents", token: duty, body: ["title": "x", "impact": "2", "urgency": "1"])
        XCTAssertEqual(try created.content.get(String.self, at: "priority"), "P4", "the edited matrix decides")
    }
}
