import Fluent
import Foundation
import SQLKit
import Vapor
import XCTVapor
import ZoneOpsServices
import ZoneOpsStore
@testable import ZoneOpsWeb

/// A clock the test moves by hand.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    init(_ start: Date = Date(timeIntervalSince1970: 1_795_000_000)) { current = start }

    var now: Date { lock.withLock { current } }
    func advance(_ seconds: TimeInterval) { lock.withLock { current += seconds } }
}

/// The real app, built by `configure`, on in-memory SQLite, or on the PostgreSQL named by
/// ZONEOPS_TEST_POSTGRES_URL (reset to an empty schema for each test).
struct TestApp {
    static let adminPassword = "admin-password-1"
    static var postgresURL: String? {
        ProcessInfo.processInfo.environment["ZONEOPS_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    let app: Application
    let clock: TestClock

    /// `file`: SQLite in the data directory rather than in memory. `reusingDatabase`: keep what
    /// the PostgreSQL database holds (after a restore) instead of resetting it.
    static func make(dataDirectory: URL? = nil, file: Bool = false, reusingDatabase: Bool = false,
                     clock: TestClock = TestClock()) async throws -> TestApp {
        let app = try await Application.make(.testing)
        let directory = dataDirectory ?? FileManager.default.temporaryDirectory.appendingPathComponent("zoneops-test-\(UUID())")
        var config = AppConfig(dataDirectory: directory, databaseURL: postgresURL, adminPassword: adminPassword)
        config.inMemoryDatabase = postgresURL == nil && !file
        config.bcryptCost = 4
        config.trustProxy = true
        do {
            try await configure(app, config: config, clients: AppClients(now: { clock.now }))
            if postgresURL != nil && !reusingDatabase { try await resetPostgres(app.db) }
            try await Lifecycle.prepare(app)
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        return TestApp(app: app, clock: clock)
    }

    static func resetPostgres(_ db: any Database) async throws {
        let sql = db as! any SQLDatabase
        try await sql.raw("DROP SCHEMA IF EXISTS public CASCADE").run()
        try await sql.raw("CREATE SCHEMA public").run()
    }

    func shutdown() async throws { try await app.asyncShutdown() }

    /// A JSON request; `token` adds the bearer header.
    func json(_ method: HTTPMethod, _ path: String, token: String? = nil, body: (any Encodable)? = nil,
              address: String = "192.0.2.10") async throws -> XCTHTTPResponse {
        var headers = HTTPHeaders()
        if let token { headers.bearerAuthorization = BearerAuthorization(token: token) }
        headers.add(name: "X-Forwarded-For", value: address)
        var buffer: ByteBuffer?
        if let body {
            headers.contentType = .json
            buffer = ByteBuffer(data: try JSONEncoder().encode(AnyEncodable(body)))
        }
        return try await app.sendRequest(method, path, headers: headers, body: buffer)
    }

    /// Logs in over the API and answers the token.
    func token(_ username: String = "admin", _ password: String = TestApp.adminPassword) async throws -> String {
        let response = try await json(.POST, "/api/v1/tokens", body: ["username": username, "password": password])
        guard response.status == .created else {
            throw Abort(.unauthorized, reason: "login \(username) failed: \(response.status) \(response.body.string)")
        }
        return try response.content.get(String.self, at: "token")
    }

    /// Creates a user through the API as admin and answers a token for them.
    func user(_ username: String, role: String, organizationId: String? = nil) async throws -> String {
        let admin = try await token()
        var body = ["username": username, "displayName": "测试\(username)", "password": "password-\(username)", "role": role]
        body["organizationId"] = organizationId
        let response = try await json(.POST, "/api/v1/users", token: admin, body: body)
        guard response.status == .created else { throw Abort(.badRequest, reason: response.body.string) }
        return try await token(username, "password-\(username)")
    }

    func organization(_ name: String, kind: String) async throws -> String {
        let response = try await json(.POST, "/api/v1/organizations", token: try await token(), body: ["name": name, "kind": kind])
        return try response.content.get(String.self, at: "id")
    }
}

struct AnyEncodable: Encodable {
    let value: any Encodable
    init(_ value: any Encodable) { self.value = value }
    func encode(to encoder: any Encoder) throws { try value.encode(to: encoder) }
}
