import Foundation
import NIOPosix
import XCTest
@testable import ZoneOpsServices
import ZoneOpsWire

/// The SNMP probe against a real net-snmp agent: uptime, IF-MIB interfaces and a numeric object
/// with thresholds; and an agent that is stopped is a critical `reachable`.
final class SNMPProbeTests: XCTestCase {
    func testUptimeInterfacesAndAThresholdAgainstARealAgentThenTheAgentStops() async throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/sbin/snmpd") else { throw XCTSkip("snmpd is not installed") }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("zoneops-snmp-probe-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let port = Int.random(in: 40_001...50_000)
        try "agentAddress udp:127.0.0.1:\(port)\nrocommunity zoneops 127.0.0.1\n".write(to: folder.appendingPathComponent("snmpd.conf"), atomically: true, encoding: .utf8)
        let agent = Process()
        agent.executableURL = URL(fileURLWithPath: "/usr/sbin/snmpd")
        agent.arguments = ["-f", "-Lf", folder.appendingPathComponent("log").path, "-C", "-c", folder.appendingPathComponent("snmpd.conf").path,
                           "-m", "", "-p", folder.appendingPathComponent("pid").path]
        try agent.run()
        defer { if agent.isRunning { kill(agent.processIdentifier, SIGKILL) }; agent.waitUntilExit() }

        let runner = ProbeRunner(group: MultiThreadedEventLoopGroup.singleton)
        var spec = ProbeSpec()
        spec.community = "zoneops"
        spec.snmpChecks = ["uptime", "interfaces"]
        // ifNumber (1.3.6.1.2.1.2.1.0): at least the loopback, so above 0 is critical here.
        spec.objects = [SNMPObject(oid: "1.3.6.1.2.1.2.1.0", label: "ifNumber", scale: 1, thresholds: Thresholds(criticalAbove: 0))]
        let target = ProbeTarget(id: UUID(), ciId: UUID(), kind: .snmp, host: "127.0.0.1", port: port, spec: spec, interval: 60,
                                 timeout: .milliseconds(500), retries: 0)
        var outcome = await runner.run(target)
        for _ in 0..<20 where outcome.results.first?.severity == .critical {
            try await Task.sleep(for: .milliseconds(150))
            outcome = await runner.run(target)
        }
        XCTAssertEqual(outcome.results.map(\.check), ["reachable", "interfaces", "oid:ifNumber"], "\(outcome.results)")
        XCTAssertEqual(outcome.results[0].severity, .ok)
        XCTAssertEqual(outcome.results[1].severity, .ok, outcome.results[1].summary)
        XCTAssertGreaterThanOrEqual(outcome.results[2].value ?? 0, 1)
        XCTAssertEqual(outcome.results[2].severity, .critical)

        kill(agent.processIdentifier, SIGKILL)
        agent.waitUntilExit()
        let stopped = await runner.run(target)
        XCTAssertEqual(stopped.results.map(\.check), ["reachable"])
        XCTAssertEqual(stopped.worst, .critical)
        XCTAssertTrue(stopped.results[0].summary.contains("无响应"), stopped.results[0].summary)
    }
}
