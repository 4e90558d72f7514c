import Foundation
import Vapor
import XCTVapor
import ZoneOpsWire
@testable import ZoneOpsWeb

final class LabelTests: XCTestCase {
    var t: TestApp!
    override func setUp() async throws { t = try await TestApp.make() }
    override func tearDown() async throws { try await t.shutdown() }

    func testEachCIHasAQRCodeLeadingToItsPhonePage() async throws {
        let admin = try await t.token()
        let created = try await t.json(.POST, "/api/v1/cis", token: admin, body: ["type": "ups", "name": "机房UPS", "assetTag": "UPS-1"])
        let id = try created.content.get(String.self, at: "id")
        let svg = try await t.app.sendRequest(.GET, "/cmdb/ci/\(id)/qr.svg",
                                              headers: ["Authorization": "Bearer \(admin)", "Host": "10.8.0.10:8080"])
        XCTAssertEqual(svg.status, .ok)
        XCTAssertEqual(svg.headers.contentType?.subType, "svg+xml")
        XCTAssertEqual(svg.body.string, try QRCode(text: "http://10.8.0.10:8080/m/ci/\(id)").svg(),
                       "the code holds the phone page's address")
        let browser = Browser(t.app)
        _ = try await browser.login("admin", TestApp.adminPassword)
        let sheet = try await browser.get("/cmdb/labels?ids=\(id)").body.string
        XCTAssertTrue(sheet.contains("机房UPS"))
        XCTAssertTrue(sheet.contains("UPS-1"))
        XCTAssertTrue(sheet.contains("/cmdb/ci/\(id)/qr.svg"))
        XCTAssertTrue(sheet.contains("尚未设置 ZONEOPS_PUBLIC_URL"), "the codes carry this host's address: say so")
        let all = try await browser.get("/cmdb/labels?type=ups").body.string
        XCTAssertTrue(all.contains("机房UPS"), "the list's filters choose the labels too")
    }
}
