import Foundation
import Vapor
import XCTVapor
import ZoneOpsDomain
@testable import ZoneOpsWeb

final class ExpiryTests: XCTestCase {
    var t: TestApp!
    var admin: String!
    override func setUp() async throws {
        t = try await TestApp.make()
        admin = try await t.token()
    }
    override func tearDown() async throws { try await t.shutdown() }

    func day(_ offset: Int) -> String { CalendarDate.today(t.clock.now).adding(days: offset).description }

    func testEndDatesWithinTheWindowSoonestFirstOverdueIncluded() async throws {
        for (name, body) in [
            ("过保存储", ["type": "storage", "warrantyEnd": day(-10)]),
            ("防火墙", ["type": "firewall", "licenceEnd": day(50)]),
            ("平台证书", ["type": "business_system", "certificateEnd": day(80)]),
            ("远期服务器", ["type": "server", "warrantyEnd": day(400)]),
            ("已报废服务器", ["type": "server", "warrantyEnd": day(5), "status": "retired"]),
        ] {
            var body = body
            body["name"] = name
            let response = try await t.json(.POST, "/api/v1/cis", token: admin, body: body)
            XCTAssertEqual(response.status, .created, response.body.string)
        }
        let gateway = try await t.json(.POST, "/api/v1/cis", token: admin,
                                       body: AnyEncodable(["type": "av_gateway", "name": "防病毒网关",
                                                           "attributes": .object(["signatureEnd": day(20)])] as [String: AnyEncodableValue]))
        XCTAssertEqual(gateway.status, .created, gateway.body.string)

        let within60 = try await t.json(.GET, "/api/v1/cis/expiring?days=60", token: admin)
        let names = try within60.content.get([ExpiryController.ItemDTO].self, at: "items").map(\.name)
        XCTAssertEqual(names, ["过保存储", "防病毒网关", "防火墙"])
        let items = try within60.content.get([ExpiryController.ItemDTO].self, at: "items")
        XCTAssertEqual(items[0].daysLeft, -10)
        XCTAssertTrue(items[0].overdue)
        XCTAssertEqual(items[1].what, "attributes.signatureEnd")
        let within90 = try await t.json(.GET, "/api/v1/cis/expiring?days=90", token: admin)
        XCTAssertEqual(try within90.content.get(Int.self, at: "total"), 4)

        let browser = Browser(t.app)
        _ = try await browser.login("admin", TestApp.adminPassword)
        let home = try await browser.get("/").body.string
        XCTAssertTrue(home.contains(#"<a href="/cmdb/expiring?days=30" class="stat alert"><span class="value">1</span><span class="label">已过期未续</span>"#), home)
        let page = try await browser.get("/cmdb/expiring?days=90").body.string
        XCTAssertTrue(page.contains("已过期 10 天"))
        XCTAssertTrue(page.contains("病毒库到期"))
    }
}

/// Mixed JSON values for a request body in tests.
enum AnyEncodableValue: Encodable, ExpressibleByStringLiteral, ExpressibleByDictionaryLiteral {
    case text(String)
    case object([String: String])

    init(stringLiteral value: String) { self = .text(value) }
    init(dictionaryLiteral elements: (String, String)...) { self = .object(Dictionary(uniqueKeysWithValues: elements)) }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .text(let text): try container.encode(text)
        case .object(let object): try container.encode(object)
        }
    }
}
