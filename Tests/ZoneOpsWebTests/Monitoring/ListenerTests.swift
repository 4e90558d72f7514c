import Fluent
import Foundation
import Vapor
import XCTVapor
import ZoneOpsServices
import ZoneOpsStore
@testable import ZoneOpsWeb

/// Syslog from util-linux `logger` over UDP and TCP (RFC 5424 and 3164), mapped by a rule, and
/// real `snmptrap` linkDown/linkUp: each becomes an event on the CI its sender is, through the
/// pipeline to an incident and back.
final class ListenerTests: XCTestCase {
    var t: TestApp!
    var admin = ""
    override func setUp() async throws {
        t = try await TestApp.make()
        admin = try await t.token()
    }
    override func tearDown() async throws {
        await t.app.monitoring.listeners.stop()
        try await t.shutdown()
    }

    func run(_ tool: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "\(tool) \(arguments)")
    }

    func waitForEvents(_ count: Int) async throws {
        for _ in 0..<50 {
            try await t.app.monitoring.listeners.flush()
            if try await EventRecordModel.query(on: t.app.db).count() >= count { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        XCTFail("fewer than \(count) events arrived")
    }

    func testLoggerOverUDPAndTCPMappedByARule() async throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/logger") else { throw XCTSkip("util-linux logger is not installed") }
        let created = try await t.json(.POST, "/api/v1/cis", token: admin, body: ["type": "ups", "name": "1号机房UPS", "ip": "127.0.0.1"])
        XCTAssertEqual(created.status, .created)
        struct Rule: Encodable { var kind: String; var name: String; var pattern: String; var check: String; var severity: String }
        let bad = try await t.json(.POST, "/api/v1/event-rules", token: admin, body: Rule(kind: "syslog", name: "x", pattern: "([", check: "power", severity: "major"))
        XCTAssertEqual(bad.status, .badRequest, "a pattern that does not compile is refused when saved")
        for rule in [Rule(kind: "syslog", name: "UPS 转电池", pattern: "on battery", check: "power", severity: "critical"),
                     Rule(kind: "syslog", name: "UPS 恢复市电", pattern: "on line power", check: "power", severity: "ok")] {
            let saved = try await t.json(.POST, "/api/v1/event-rules", token: admin, body: rule)
            XCTAssertEqual(saved.status, .created, saved.body.string)
        }
        let ports = try await t.app.monitoring.listeners.start(host: "127.0.0.1", syslogPort: -1, trapPort: 0)
        let port = String(try XCTUnwrap(ports.syslog))
        try await t.app.monitoring.listeners.reloadRules()
        try run("/usr/bin/logger", ["--server", "127.0.0.1", "--port", port, "--udp", "--rfc5424", "--tag", "upsd", "UPS on battery, 42 minutes left"])
        try run("/usr/bin/logger", ["--server", "127.0.0.1", "--port", port, "--tcp", "--rfc3164", "--tag", "upsd", "routine self test passed"])
        try await waitForEvents(2)
        try await t.app.monitoring.pipeline.process(now: t.clock.now)
        t.clock.advance(5)
        try await t.app.monitoring.pipeline.process(now: t.clock.now)
        // The sender's address matched the UPS; the rule made it critical; the other line is kept as info.
        let firing = try await AlertModel.query(on: t.app.db).filter(\.$status == "firing").all()
        XCTAssertEqual(firing.count, 1)
        XCTAssertEqual(firing.first?.check, "power")
        XCTAssertEqual(firing.first?.severity, "critical")
        let incidents = try await IncidentModel.query(on: t.app.db).count()
        XCTAssertEqual(incidents, 1)
        let info = try await EventRecordModel.query(on: t.app.db).filter(\.$severity == "info").all()
        XCTAssertEqual(info.count, 1)

        try run("/usr/bin/logger", ["--server", "127.0.0.1", "--port", port, "--tcp", "--octet-count", "--rfc5424", "--tag", "upsd", "UPS on line power"])
        try await waitForEvents(3)
        try await t.app.monitoring.pipeline.process(now: t.clock.now)
        let recovered = try await AlertModel.query(on: t.app.db).filter(\.$status == "resolved").count()
        XCTAssertEqual(recovered, 1)
    }

    func testSNMPTrapLinkDownAndLinkUpFromARealSnmptrap() async throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/snmptrap") else { throw XCTSkip("snmptrap is not installed") }
        let created = try await t.json(.POST, "/api/v1/cis", token: admin, body: ["type": "switch", "name": "接入交换机-07", "ip": "127.0.0.1"])
        XCTAssertEqual(created.status, .created)
        let ports = try await t.app.monitoring.listeners.start(host: "127.0.0.1", syslogPort: 0, trapPort: -1)
        let target = "127.0.0.1:" + String(try XCTUnwrap(ports.trap))
        try run("/usr/bin/snmptrap", ["-v", "2c", "-c", "public", "-m", "", target, "", "1.3.6.1.6.3.1.1.5.3",
                                      "1.3.6.1.2.1.2.2.1.1.7", "i", "7", "1.3.6.1.2.1.2.2.1.2.7", "s", "GigabitEthernet1/0/7"])
        try await waitForEvents(1)
        try await t.app.monitoring.pipeline.process(now: t.clock.now)
        let down = try await AlertModel.query(on: t.app.db).first()
        XCTAssertEqual(down?.check, "link.7")
        XCTAssertEqual(down?.severity, "major")
        XCTAssertTrue(down?.summary.contains("GigabitEthernet1/0/7") ?? false, down?.summary ?? "")
        try run("/usr/bin/snmptrap", ["-v", "2c", "-c", "public", "-m", "", target, "", "1.3.6.1.6.3.1.1.5.4",
                                      "1.3.6.1.2.1.2.2.1.1.7", "i", "7"])
        try await waitForEvents(2)
        try await t.app.monitoring.pipeline.process(now: t.clock.now)
        let up = try await AlertModel.query(on: t.app.db).first()
        XCTAssertEqual(up?.status, "resolved")
        XCTAssertEqual(t.app.monitoring.listeners.counters.traps, 2)
    }
}
