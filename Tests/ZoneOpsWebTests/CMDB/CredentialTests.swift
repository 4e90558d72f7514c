import Fluent
import Foundation
import SQLKit
import Vapor
import XCTVapor
import ZoneOpsStore
@testable import ZoneOpsWeb

final class CredentialTests: XCTestCase {
    var t: TestApp!
    override func setUp() async throws { t = try await TestApp.make() }
    override func tearDown() async throws { try await t.shutdown() }

    func testCredentialsAreSealedAtRestRevealedOnlyToEditorsAndAudited() async throws {
        let admin = try await t.token()
        let created = try await t.json(.POST, "/api/v1/cis", token: admin,
                                       body: ["type": "switch", "name": "核心交换机", "credential": "admin / H3c@Core2026"])
        XCTAssertEqual(created.status, .created)
        XCTAssertFalse(created.body.string.contains("H3c@Core2026"))
        XCTAssertEqual(try created.content.get(Bool.self, at: "hasCredential"), true)
        let id = try created.content.get(String.self, at: "id")
        let stored = try await CIModel.find(UUID(uuidString: id), on: t.app.db)?.sealedCredential
        XCTAssertTrue(stored?.hasPrefix("v1:") ?? false)
        XCTAssertFalse(stored?.contains("H3c") ?? true, "sealed in the database")
        let revealed = try await t.json(.POST, "/api/v1/cis/\(id)/credential", token: admin)
        XCTAssertEqual(try revealed.content.get(String.self, at: "credential"), "admin / H3c@Core2026")
        let audit = try await t.json(.GET, "/api/v1/audit", token: admin).content.get([AuditEntryDTO].self, at: "items")
        XCTAssertTrue(audit.contains { $0.action == "ci.credential.read" })
        XCTAssertFalse(audit.contains { ($0.after ?? "").contains("H3c") || ($0.before ?? "").contains("H3c") })
        let customs = try await t.user("haiguan", role: "customs", organizationId: try await t.organization("海关", kind: "customs"))
        let awaited1 = try await t.json(.POST, "/api/v1/cis/\(id)/credential", token: customs)
        XCTAssertEqual(awaited1.status, .forbidden)
        // Editing other fields keeps it; an empty string removes it.
        _ = try await t.json(.PATCH, "/api/v1/cis/\(id)", token: admin, body: ["ip": "10.8.0.1"])
        let kept = try await t.json(.POST, "/api/v1/cis/\(id)/credential", token: admin)
        XCTAssertEqual(try kept.content.get(String.self, at: "credential"), "admin / H3c@Core2026")
        _ = try await t.json(.PATCH, "/api/v1/cis/\(id)", token: admin, body: ["credential": ""])
        let gone = try await t.json(.GET, "/api/v1/cis/\(id)", token: admin)
        XCTAssertEqual(try gone.content.get(Bool.self, at: "hasCredential"), false)
    }

    func testBrowserFormKeepsTheCredentialWhenLeftEmptyAndShowsItOnRequest() async throws {
        let browser = Browser(t.app)
        _ = try await browser.login("admin", TestApp.adminPassword)
        _ = try await browser.get("/cmdb/new?type=firewall")
        let created = try await browser.post("/cmdb", form: ["type": "firewall", "name": "边界防火墙", "credential": "root / Fw#1"])
        let path = try XCTUnwrap(created.headers.first(name: .location))
        let detail = try await browser.get(path).body.string
        XCTAssertTrue(detail.contains("已加密保存"))
        XCTAssertFalse(detail.contains("Fw#1"))
        _ = try await browser.post(path + "/edit", form: ["type": "firewall", "name": "边界防火墙", "credential": ""])
        let shown = try await browser.post(path + "/credential", form: [:]).body.string
        XCTAssertTrue(shown.contains("root / Fw#1"), "an empty box kept it")
    }
}
