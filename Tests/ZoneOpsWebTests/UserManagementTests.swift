import Foundation
import Vapor
import XCTVapor
@testable import ZoneOpsWeb

final class UserManagementTests: XCTestCase {
    var t: TestApp!
    override func setUp() async throws { t = try await TestApp.make() }
    override func tearDown() async throws { try await t.shutdown() }

    func testAdminCreatesOrganizationsAndUsersOfEveryRole() async throws {
        let admin = try await t.token()
        let enterprise = try await t.organization("河南测试跨境电商有限公司", kind: "enterprise")
        let customs = try await t.organization("测试海关", kind: "customs")
        let orgs = try await t.json(.GET, "/api/v1/organizations", token: admin).content.get([OrganizationDTO].self, at: "items").map(\.name)
        let provider = try await t.json(.GET, "/api/v1/organizations", token: admin)
            .content.get([OrganizationDTO].self, at: "items").first { $0.kind == "provider" }!.id
        XCTAssertTrue(orgs.contains("河南测试跨境电商有限公司"))
        let roles: [(String, String?)] = [("lead", provider), ("engineer", provider), ("duty", provider),
                                          ("supervisor", nil), ("customs", customs), ("enterprise", enterprise)]
        for (role, org) in roles {
            var body = ["username": "u-\(role)", "displayName": "用户\(role)", "password": "long-password-1", "role": role]
            body["organizationId"] = org
            let response = try await t.json(.POST, "/api/v1/users", token: admin, body: body)
            XCTAssertEqual(response.status, .created, "\(role): \(response.body.string)")
            XCTAssertEqual(try response.content.get(String.self, at: "role"), role)
        }
        let users = try await t.json(.GET, "/api/v1/users", token: admin)
        XCTAssertEqual(try users.content.get(Int.self, at: "total"), 7)
    }

    func testOnlyAdminsManageUsers() async throws {
        for role in ["lead", "engineer", "duty", "supervisor"] {
            let token = try await t.user("x-\(role)", role: role)
            let response = try await t.json(.POST, "/api/v1/users", token: token,
                                            body: ["username": "sneaky", "displayName": "x", "password": "long-password-1", "role": "admin"])
            XCTAssertEqual(response.status, .forbidden, role)
            XCTAssertEqual(try response.content.get(String.self, at: "error", "code"), "forbidden")
            let awaited1 = try await t.json(.GET, "/api/v1/users", token: token)
            XCTAssertEqual(awaited1.status, .forbidden)
        }
    }

    func testBadInputIsExplainedFieldByField() async throws {
        let admin = try await t.token()
        let cases: [([String: String], String)] = [
            (["username": "Ab", "displayName": "x", "password": "long-password-1", "role": "engineer"], "username"),
            (["username": "abc", "displayName": "x", "password": "short", "role": "engineer"], "password"),
            (["username": "abc", "displayName": "  ", "password": "long-password-1", "role": "engineer"], "displayName"),
            (["username": "abc", "displayName": "x", "password": "long-password-1", "role": "king"], "role"),
            (["username": "abc", "displayName": "x", "password": "long-password-1", "role": "enterprise"], "organizationId"),
            (["username": "abc", "displayName": "x", "password": "long-password-1", "role": "engineer",
              "organizationId": UUID().uuidString], "organizationId"),
        ]
        for (body, field) in cases {
            let response = try await t.json(.POST, "/api/v1/users", token: admin, body: body)
            XCTAssertEqual(response.status, .badRequest, body.description)
            XCTAssertEqual(try response.content.get(String.self, at: "error", "field"), field)
            XCTAssertTrue(try response.content.get(String.self, at: "error", "message").unicodeScalars.contains { $0.value >= 0x4E00 })
        }
        let malformed = try await t.app.sendRequest(.POST, "/api/v1/users", headers: ["Authorization": "Bearer \(admin)",
                                                                                      "Content-Type": "application/json"],
                                                    body: ByteBuffer(string: "{not json"))
        XCTAssertEqual(malformed.status, .badRequest)
        XCTAssertEqual(try malformed.content.get(String.self, at: "error", "code"), "invalid_input")
        let awaited2 = try await t.json(.GET, "/api/v1/users", token: admin).content.get(Int.self, at: "total")
        XCTAssertEqual(awaited2, 1, "nothing stored")
    }

    func testDuplicateUsernameIsAConflict() async throws {
        _ = try await t.user("dup", role: "engineer")
        let response = try await t.json(.POST, "/api/v1/users", token: try await t.token(),
                                        body: ["username": "DUP", "displayName": "x", "password": "long-password-1", "role": "duty"])
        XCTAssertEqual(response.status, .conflict)
        XCTAssertTrue(try response.content.get(String.self, at: "error", "message").contains("已被使用"))
    }

    func testAdminCannotLockThemselvesOut() async throws {
        let admin = try await t.token()
        let id = try await t.json(.GET, "/api/v1/me", token: admin).content.get(String.self, at: "id")
        let response = try await t.json(.PATCH, "/api/v1/users/\(id)", token: admin, body: ["isActive": false])
        XCTAssertEqual(response.status, .forbidden)
        XCTAssertTrue(try response.content.get(String.self, at: "error", "message").contains("另一位管理员"))
    }

    func testBrowserAdminCreatesAUserAndHostileNamesAreEscaped() async throws {
        let browser = Browser(t.app)
        _ = try await browser.login("admin", TestApp.adminPassword)
        let awaited3 = try await browser.get("/admin/users/new")
        XCTAssertEqual(awaited3.status, .ok)
        let hostile = #"<script>alert(1)</script>" onmouseover="x"#
        let created = try await browser.post("/admin/users", form: [
            "username": "wangwu", "displayName": hostile, "password": "long-password-1", "role": "engineer", "organizationId": "",
        ])
        XCTAssertEqual(created.status, .seeOther)
        let list = try await browser.get("/admin/users")
        XCTAssertTrue(list.body.string.contains("用户已创建"))
        XCTAssertFalse(list.body.string.contains("<script>alert"), "text is escaped")
        let id = try await t.json(.GET, "/api/v1/users", token: try await t.token()).content.get([UserDTO].self, at: "items")
            .first { $0.username == "wangwu" }!.id
        let edit = try await browser.get("/admin/users/\(id)").body.string
        XCTAssertTrue(edit.contains("&quot; onmouseover=&quot;x"), "attribute values are escaped")
        XCTAssertFalse(edit.contains(#"" onmouseover="x""#))
    }

    func testBrowserFormKeepsTypedValuesWhenRefused() async throws {
        let browser = Browser(t.app)
        _ = try await browser.login("admin", TestApp.adminPassword)
        _ = try await browser.get("/admin/users/new")
        let refused = try await browser.post("/admin/users", form: [
            "username": "zhaoliu", "displayName": "赵六", "password": "short", "role": "engineer", "organizationId": "",
        ])
        XCTAssertEqual(refused.status, .badRequest)
        XCTAssertTrue(refused.body.string.contains("密码至少需要10个字符"))
        XCTAssertTrue(refused.body.string.contains(#"value="赵六""#))
    }

    func testNonAdminsDoNotSeeAdministrationPages() async throws {
        _ = try await t.user("eng", role: "engineer")
        let browser = Browser(t.app)
        _ = try await browser.login("eng", "password-eng")
        let page = try await browser.get("/admin/users")
        XCTAssertEqual(page.status, .forbidden)
        XCTAssertTrue(page.body.string.contains("无权访问"))
        let awaited4 = try await browser.get("/").body.string.contains("/admin/users")
        XCTAssertFalse(awaited4)
    }
}
