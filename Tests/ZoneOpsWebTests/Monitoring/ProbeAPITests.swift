import Fluent
import Foundation
import NIOCore
import NIOPosix
import Vapor
import XCTVapor
import ZoneOpsServices
import ZoneOpsStore
@testable import ZoneOpsWeb

/// Probes through the API: the type's defaults, validation naming each field, and a probe run
/// that finds its target gone opens an incident through the pipeline after its retries; the
/// target back resolves it.
final class ProbeAPITests: XCTestCase {
    var t: TestApp!
    var admin = ""
    override func setUp() async throws {
        t = try await TestApp.make()
        admin = try await t.token()
    }
    override func tearDown() async throws { try await t.shutdown() }

    func testDefaultsValidationAndAProbeThatFailsOpensAndRecoveryResolves() async throws {
        let created = try await t.json(.POST, "/api/v1/cis", token: admin, body: ["type": "switch", "name": "汇聚交换机-2", "ip": "127.0.0.1"])
        let ci = try created.content.get(String.self, at: "id")
        let defaults = try await t.json(.POST, "/api/v1/cis/\(ci)/probes/defaults", token: admin)
        XCTAssertEqual(defaults.status, .ok, defaults.body.string)
        XCTAssertEqual(try defaults.content.get(Int.self, at: "added"), 2, "a switch: ICMP and SNMP")
        let again = try await t.json(.POST, "/api/v1/cis/\(ci)/probes/defaults", token: admin)
        XCTAssertEqual(try again.content.get(Int.self, at: "added"), 0, "defaults are added once")

        struct Body: Encodable { var kind: String; var port: Int?; var intervalSeconds: Int?; var timeoutMilliseconds: Int?; var retries: Int? }
        let bad = try await t.json(.POST, "/api/v1/cis/\(ci)/probes", token: admin,
                                   body: Body(kind: "tcp", port: 70_000, intervalSeconds: 5, timeoutMilliseconds: 2000, retries: 99))
        XCTAssertEqual(bad.status, .badRequest)
        for field in ["port", "intervalSeconds", "retries"] { XCTAssertTrue(bad.body.string.contains("\"\(field)\""), bad.body.string) }
        let engineer = try await t.user("eng1", role: "engineer")
        let denied = try await t.json(.POST, "/api/v1/cis/\(ci)/probes", token: engineer, body: Body(kind: "tcp", port: 80))

        XCTAssertEqual(denied.status, .forbidden)

        // A TCP probe against a port that is listening, then closed.
        let listener = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton).bind(host: "127.0.0.1", port: 0).get()
        let port = listener.localAddress?.port ?? 0
        let probe = try await t.json(.POST, "/api/v1/cis/\(ci)/probes", token: admin, body: Body(kind: "tcp", port: port, intervalSeconds: 30, retries: 1))
        XCTAssertEqual(probe.status, .created, probe.body.string)
        let probeId = try probe.content.get(String.self, at: "id")
        let up = try await t.json(.POST, "/api/v1/probes/\(probeId)/run", token: admin)
        XCTAssertEqual(try up.content.get(String.self, at: "results", 0, "severity"), "ok")
        try await listener.close()
        // Retries 1: the first failure is not reported, the second is.
        _ = try await t.json(.POST, "/api/v1/probes/\(probeId)/run", token: admin)
        try await t.app.monitoring.pipeline.process(now: t.clock.now)
        var alerts = try await AlertModel.query(on: t.app.db).filter(\.$closedAt == nil).count()
        XCTAssertEqual(alerts, 0)
        let down = try await t.json(.POST, "/api/v1/probes/\(probeId)/run", token: admin)
        XCTAssertEqual(try down.content.get(String.self, at: "results", 0, "severity"), "critical")
        try await t.app.monitoring.pipeline.process(now: t.clock.now)
        t.clock.advance(5)
        try await t.app.monitoring.pipeline.process(now: t.clock.now)
        alerts = try await AlertModel.query(on: t.app.db).filter(\.$closedAt == nil).count()
        XCTAssertEqual(alerts, 1)
        let open = try await IncidentModel.query(on: t.app.db).filter(\.$status == "new").all()
        XCTAssertEqual(open.count, 1)
        XCTAssertTrue(open.first?.title.contains("汇聚交换机-2") ?? false)
        let stored = try await ProbeModel.find(UUID(uuidString: probeId)!, on: t.app.db)
        XCTAssertEqual(stored?.state, "problem")

        // Listening again: recovered, resolved after the hold.
        let back = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton).bind(host: "127.0.0.1", port: port).get()
        defer { back.close(promise: nil) }
        _ = try await t.json(.POST, "/api/v1/probes/\(probeId)/run", token: admin)
        try await t.app.monitoring.pipeline.process(now: t.clock.now)
        t.clock.advance(61)
        try await t.app.monitoring.pipeline.process(now: t.clock.now)
        let resolved = try await IncidentModel.query(on: t.app.db).filter(\.$status == "resolved").count()
        XCTAssertEqual(resolved, 1)
        let results = try await ProbeResultModel.query(on: t.app.db).filter(\.$probeId == UUID(uuidString: probeId)!).count()
        XCTAssertEqual(results, 4, "every run is kept")
        let list = try await t.json(.GET, "/api/v1/cis/\(ci)/probes", token: admin)
        XCTAssertEqual(try list.content.get(Int.self, at: "total"), 3)
        let removed = try await t.json(.DELETE, "/api/v1/probes/\(probeId)", token: admin)
        XCTAssertEqual(removed.status, .noContent)
    }
}
