import Foundation
import Vapor
import XCTVapor
@testable import ZoneOpsWeb

final class SystemTests: XCTestCase {
    var t: TestApp!
    override func setUp() async throws { t = try await TestApp.make() }
    override func tearDown() async throws { try await t.shutdown() }

    func testHealthSaysWhichDatabase() async throws {
        let response = try await t.json(.GET, "/healthz")
        XCTAssertEqual(response.status, .ok)
        XCTAssertEqual(try response.content.get(String.self, at: "status"), "ok")
        XCTAssertEqual(try response.content.get(String.self, at: "database"), TestApp.postgresURL == nil ? "sqlite" : "postgres")
        XCTAssertFalse(try response.content.get(String.self, at: "version").isEmpty)
    }

    func testMetricsCountRequestsByRoutePattern() async throws {
        _ = try await t.json(.GET, "/api/v1/users/\(UUID())", token: try await t.token())
        let metrics = try await t.json(.GET, "/metrics").body.string
        XCTAssertTrue(metrics.contains(#"zoneops_http_requests_total{route="/api/v1/users/:id",method="GET",status="404"} 1"#), metrics)
        XCTAssertTrue(metrics.contains("zoneops_http_request_duration_seconds_bucket"))
        XCTAssertTrue(metrics.contains("zoneops_db_up"))
        XCTAssertTrue(metrics.contains("zoneops_db_acquire_and_ping_seconds"))
    }

    /// Every route under /api/v1 must be described in openapi.yaml, method and path.
    func testEveryAPIRouteIsInTheOpenAPIDescription() async throws {
        let yaml = try await t.json(.GET, "/api/openapi.yaml").body.string
        let described = Self.operations(in: yaml)
        for route in t.app.routes.all {
            let path = "/" + route.path.map { component -> String in
                if case .parameter(let name) = component { return "{\(name)}" }
                return component.description
            }.joined(separator: "/")
            guard path.hasPrefix("/api/v1") else { continue }
            XCTAssertTrue(described.contains("\(route.method.rawValue.lowercased()) \(path)"),
                          "\(route.method.rawValue) \(path) is missing from openapi.yaml")
        }
    }

    func testNotFoundIsAFriendlyChinesePageOrJSON() async throws {
        let page = try await t.app.sendRequest(.GET, "/no-such-page")
        XCTAssertEqual(page.status, .notFound)
        XCTAssertTrue(page.body.string.contains("页面不存在"))
        XCTAssertTrue(page.body.string.contains("返回工作台"))
        let api = try await t.json(.GET, "/api/v1/nothing-here")
        XCTAssertEqual(api.status, .notFound)
        XCTAssertEqual(try api.content.get(String.self, at: "error", "code"), "not_found")
        XCTAssertTrue(try api.content.get(String.self, at: "error", "message").contains("找不到"))
    }

    func testUnexpectedErrorsGetAGenericPageWithoutDetails() async throws {
        struct Secret: Error { let detail = "db password is hunter2" }
        t.app.get("boom") { _ -> String in throw Secret() }
        t.app.get("api", "v1", "boom") { _ -> String in throw Secret() }
        let page = try await t.app.sendRequest(.GET, "/boom")
        XCTAssertEqual(page.status, .internalServerError)
        XCTAssertTrue(page.body.string.contains("服务器出错"))
        XCTAssertFalse(page.body.string.contains("hunter2"))
        let api = try await t.json(.GET, "/api/v1/boom")
        XCTAssertEqual(api.status, .internalServerError)
        XCTAssertEqual(try api.content.get(String.self, at: "error", "code"), "internal_error")
        XCTAssertFalse(api.body.string.contains("hunter2"))
    }

    func testShellAssetsAreServedFromTheBinary() async throws {
        for path in ["/app.css", "/app.js", "/sw.js", "/manifest.webmanifest", "/icon.svg"] {
            let response = try await t.app.sendRequest(.GET, path)
            XCTAssertEqual(response.status, .ok, path)
            let text = response.body.string.replacingOccurrences(of: "http://www.w3.org/", with: "")
            XCTAssertFalse(text.contains("http://") || text.contains("https://"),
                           "\(path) reaches outside the zone network")
        }
        let manifest = try await t.app.sendRequest(.GET, "/manifest.webmanifest").body.string
        XCTAssertTrue(manifest.contains("综保区运维服务管理平台"))
    }

    /// "get /api/v1/users/{id}" for each operation in the YAML.
    static func operations(in yaml: String) -> Set<String> {
        var result = Set<String>()
        var currentPath: String?
        for line in yaml.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("  /"), line.hasSuffix(":") {
                currentPath = String(line.dropFirst(2).dropLast())
            } else if let path = currentPath, line.hasPrefix("    "), !line.hasPrefix("     ") {
                let method = line.trimmingCharacters(in: .whitespaces).dropLast()
                if ["get", "post", "put", "patch", "delete"].contains(String(method)) { result.insert("\(method) \(path)") }
            } else if !line.hasPrefix(" ") && !line.isEmpty {
                currentPath = nil
            }
        }
        return result
    }
}
