import Foundation
import Vapor
import XCTVapor
@testable import ZoneOpsWeb

/// Releases: a firmware version carried by a change, deployed to two NVRs whose versions
/// change and keep their history, one rolled back; bad input refused.
final class ReleaseTests: XCTestCase {
    var t: TestApp!
    override func setUp() async throws { t = try await TestApp.make() }
    override func tearDown() async throws { try await t.shutdown() }

    struct Release: Encodable {
        var name: String
        var kind: String
        var version: String
        var rollbackVersion: String?
        var notes: String?
        var changes: [String]?
    }

    func testFirmwareReleaseDeployedToTwoCIsAndRolledBackOnOne() async throws {
        let admin = try await t.token()
        let engineer = try await t.user("eng1", role: "engineer")
        var nvrs: [String] = []
        for name in ["NVR-01", "NVR-02"] {
            let created = try await t.json(.POST, "/api/v1/cis", token: admin, body: ["type": "nvr", "name": name, "firmware": "V4.0.1"])
            XCTAssertEqual(created.status, .created, created.body.string)
            nvrs.append(try created.content.get(String.self, at: "id"))
        }
        let bad = try await t.json(.POST, "/api/v1/releases", token: engineer, body: Release(name: "", kind: "firmware", version: "V4.1\nX"))
        XCTAssertEqual(bad.status, .badRequest)
        let unknownChange = try await t.json(.POST, "/api/v1/releases", token: engineer,
                                             body: Release(name: "海康 NVR 固件", kind: "firmware", version: "V4.1.0", changes: ["CHG-2026-999999"]))
        XCTAssertEqual(unknownChange.status, .badRequest)

        let created = try await t.json(.POST, "/api/v1/releases", token: engineer,
                                       body: Release(name: "海康 NVR 固件", kind: "firmware", version: "V4.1.0", rollbackVersion: "V4.0.1",
                                                     notes: "修复录像检索超时；新增通道离线告警。"))
        XCTAssertEqual(created.status, .created, created.body.string)
        let id = try created.content.get(String.self, at: "id")
        XCTAssertTrue(try created.content.get(String.self, at: "number").hasPrefix("REL-"))

        let deployed = try await t.json(.POST, "/api/v1/releases/\(id)/deploy", token: engineer, body: ["ciIds": ["NVR-01", "NVR-02"]])
        XCTAssertEqual(deployed.status, .ok, deployed.body.string)
        XCTAssertEqual(try deployed.content.get(Int.self, at: "release", "deployedTo"), 2)
        for nvr in nvrs {
            let ci = try await t.json(.GET, "/api/v1/cis/\(nvr)", token: admin)
            XCTAssertEqual(try ci.content.get(String.self, at: "firmware"), "V4.1.0", ci.body.string)
        }
        let again = try await t.json(.POST, "/api/v1/releases/\(id)/deploy", token: engineer, body: ["ciIds": ["NVR-01"]])
        XCTAssertEqual(again.status, .conflict)

        let rolledBack = try await t.json(.POST, "/api/v1/releases/\(id)/rollback", token: engineer, body: ["ciId": nvrs[1]])
        XCTAssertEqual(rolledBack.status, .ok, rolledBack.body.string)
        let second = try await t.json(.GET, "/api/v1/cis/\(nvrs[1])", token: admin)
        XCTAssertEqual(try second.content.get(String.self, at: "firmware"), "V4.0.1")
        let history = try await t.json(.GET, "/api/v1/cis/\(nvrs[1])/versions", token: admin)
        let items = try history.content.get([ReleaseController.DeploymentDTO].self, at: "items")
        XCTAssertEqual(items.map(\.toVersion), ["V4.1.0"])
        XCTAssertEqual(items.first?.fromVersion, "V4.0.1")
        XCTAssertNotNil(items.first?.rolledBackAt)

        // The CI's page shows its version history; customs (read-only) cannot deploy.
        let browser = Browser(t.app)
        _ = try await browser.login("admin", TestApp.adminPassword)
        let page = try await browser.get("/cmdb/ci/\(nvrs[0])")
        XCTAssertTrue(page.body.string.contains("版本历史"))
        XCTAssertTrue(page.body.string.contains("V4.0.1 → V4.1.0"))
        let releasePage = try await browser.get("/releases/\(id)")
        XCTAssertTrue(releasePage.body.string.contains("修复录像检索超时"))
        let export = try await browser.get("/releases/export.xlsx")
        XCTAssertEqual(export.status, .ok)
        let list = try await browser.get("/releases?q=NVR")
        XCTAssertTrue(list.body.string.contains("V4.1.0"))
        let customs = try await t.user("cus1", role: "customs", organizationId: try await t.organization("海关", kind: "customs"))
        let denied = try await t.json(.POST, "/api/v1/releases/\(id)/deploy", token: customs, body: ["ciIds": ["NVR-01"]])
        XCTAssertEqual(denied.status, .forbidden)
    }
}
