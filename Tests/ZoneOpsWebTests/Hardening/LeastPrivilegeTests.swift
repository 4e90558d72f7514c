import Fluent
import Foundation
import Vapor
import XCTVapor
import ZoneOpsStore
@testable import ZoneOpsWeb

/// The small things an attacker reads first: who lists what, what a GET may do, what an id tells.
final class LeastPrivilegeTests: XCTestCase {
    struct Identified: Decodable { var id: String }

    var t: TestApp!
    override func setUp() async throws { t = try await TestApp.make() }
    override func tearDown() async throws { try await t.shutdown() }

    func testAnEnterpriseListsOnlyItsOwnOrganization() async throws {
        let own = try await t.organization("甲企业", kind: "enterprise")
        _ = try await t.organization("乙企业", kind: "enterprise")
        let enterprise = try await t.user("ent", role: "enterprise", organizationId: own)
        let listed = try await t.json(.GET, "/api/v1/organizations", token: enterprise)
        XCTAssertEqual(listed.status, .ok)
        XCTAssertEqual(try listed.content.get([Identified].self, at: "items").map(\.id), [own])
        let engineer = try await t.user("eng", role: "engineer")
        let all = try await t.json(.GET, "/api/v1/organizations", token: engineer)
        XCTAssertEqual(try all.content.get(Int.self, at: "total"), 4, "two from the first start and two enterprises")
    }

    func testRevealingACredentialIsNotAGet() async throws {
        let admin = try await t.token()
        let created = try await t.json(.POST, "/api/v1/cis", token: admin, body: ["type": "switch", "name": "S1", "credential": "a / b"])
        let id = try created.content.get(String.self, at: "id")
        let get = try await t.json(.GET, "/api/v1/cis/\(id)/credential", token: admin)
        XCTAssertEqual(get.status, .notFound)
        XCTAssertFalse(get.body.string.contains("a / b"))
        let reads = try await AuditEntryModel.query(on: t.app.db).filter(\.$action == "ci.credential.read").count()
        XCTAssertEqual(reads, 0)
        let browser = Browser(t.app)
        _ = try await browser.login("admin", TestApp.adminPassword)
        let page = try await browser.get("/cmdb/ci/\(id)/credential")
        XCTAssertNotEqual(page.status, .ok)
        let refused = try await browser.post("/cmdb/ci/\(id)/credential", form: [:], includeCSRF: false)
        XCTAssertEqual(refused.status, .forbidden, "the browser's reveal needs its CSRF token")
    }

    func testUserIdsTellNothingToThoseWhoDoNotManageUsers() async throws {
        let engineer = try await t.user("eng", role: "engineer")
        let admin = try await t.token()
        let users = try await t.json(.GET, "/api/v1/users", token: admin)
        let existing = try XCTUnwrap(users.content.get([Identified].self, at: "items").first?.id)
        for id in [existing, UUID().uuidString, "not-an-id"] {
            let patch = try await t.json(.PATCH, "/api/v1/users/\(id)", token: engineer, body: ["displayName": "x"])
            XCTAssertEqual(patch.status, .forbidden, id)
            let show = try await t.json(.GET, "/api/v1/users/\(id)", token: engineer)
            XCTAssertEqual(show.status, .forbidden, id)
        }
        let browser = Browser(t.app)
        _ = try await browser.login("eng", "password-eng")
        for id in [existing, UUID().uuidString] {
            let edit = try await browser.get("/admin/users/\(id)")
            XCTAssertEqual(edit.status, .forbidden, id)
        }
    }
}
