import Foundation
import Vapor
import XCTVapor
@testable import ZoneOpsWeb
import ZoneOpsWire

/// The queue's tools: export of the filtered list, bulk assign and close, saved filters.
final class QueueToolsTests: XCTestCase {
    var t: TestApp!
    override func setUp() async throws { t = try await TestApp.make() }
    override func tearDown() async throws { try await t.shutdown() }

    func testExportBulkAndSavedFilters() async throws {
        let duty = try await t.user("duty1", role: "duty")
        _ = try await t.user("eng1", role: "engineer")
        var ids: [String] = []
        for title in ["一号车道道闸故障", "二号车道道闸故障", "申报系统慢"] {
            ids.append(try await t.json(.POST, "/api/v1/incidents", token: duty, body: ["title": title]).content.get(String.self, at: "id"))
        }
        _ = try await t.json(.POST, "/api/v1/incidents/\(ids[0])/resolve", token: duty, body: ["resolution": "已修复"])

        let browser = Browser(t.app)
        _ = try await browser.login("duty1", "password-duty1")
        let export = try await browser.get("/incidents/export.xlsx?q=%E9%81%93%E9%97%B8")
        XCTAssertEqual(export.status, .ok)
        let sheet = try XLSXReader.rows(of: Data(buffer: export.body))
        XCTAssertEqual(sheet.first?.cells[0], "编号")
        XCTAssertEqual(sheet.count, 3, "the header and the two gate incidents the filter finds")

        let queue = try await browser.get("/incidents").body.string
        XCTAssertTrue(queue.contains(#"form="bulk""#))
        let closed = try await browser.post("/incidents/bulk", form: ["action": "close", "ids[0]": ids[0], "ids[1]": ids[1]])
        XCTAssertEqual(closed.status, .seeOther)
        let flash = try await browser.get("/incidents").body.string
        XCTAssertTrue(flash.contains("已处理 1 个事件，1 个未能处理"), "only the resolved one closes")
        let assigned = try await browser.post("/incidents/bulk", form: ["action": "assign", "assignee": "eng1", "ids[0]": ids[1], "ids[1]": ids[2]])
        XCTAssertEqual(assigned.status, .seeOther)
        let mine = try await t.json(.GET, "/api/v1/incidents?assignee=eng1", token: duty)
        XCTAssertEqual(try mine.content.get(Int.self, at: "total"), 2)

        let saved = try await browser.post("/incidents/filters", form: ["name": "道闸", "query": "q=%E9%81%93%E9%97%B8&status=open&evil=1"])
        XCTAssertEqual(saved.status, .seeOther)
        XCTAssertEqual(saved.headers.first(name: .location), "/incidents?q=%E9%81%93%E9%97%B8&status=open")
        let page = try await browser.get("/incidents").body.string
        XCTAssertTrue(page.contains(">道闸</a>"))
        let other = Browser(t.app)
        _ = try await t.user("eng2", role: "engineer")
        _ = try await other.login("eng2", "password-eng2")
        let value1 = try await other.get("/incidents").body.string.contains(">道闸</a>")
        XCTAssertFalse(value1, "filters are one's own")
    }
}
