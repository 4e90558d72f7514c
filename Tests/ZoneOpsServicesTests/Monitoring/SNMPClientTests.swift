import Foundation
import NIOCore
import NIOPosix
import XCTest
@testable import ZoneOpsServices
import ZoneOpsWire

/// The SNMP client against a real net-snmp agent on loopback (Debian `snmpd`; CI installs it).
final class SNMPClientTests: XCTestCase {
    static let snmpd = "/usr/sbin/snmpd"
    var agent: Process?
    var folder: URL!
    var port = 0

    override func setUp() async throws {
        guard FileManager.default.isExecutableFile(atPath: Self.snmpd) else {
            throw XCTSkip("snmpd is not installed here (apt-get install snmpd snmp; .ci/run does)")
        }
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("zoneops-snmpd-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        port = Int.random(in: 20_000...40_000)
        let config = folder.appendingPathComponent("snmpd.conf")
        try """
            agentAddress udp:127.0.0.1:\(port)
            rocommunity zoneops-ro 127.0.0.1
            sysLocation 1号机房A01机柜
            """.write(to: config, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.snmpd)
        process.arguments = ["-f", "-Lf", folder.appendingPathComponent("log").path, "-C", "-c", config.path, "-m", "",
                             "-p", folder.appendingPathComponent("pid").path]
        try process.run()
        agent = process
    }

    override func tearDown() async throws {
        // SIGKILL: a child of the test process inherits its blocked SIGTERM and would never exit.
        if let agent, agent.isRunning { kill(agent.processIdentifier, SIGKILL) }
        agent?.waitUntilExit()
        if let folder { try? FileManager.default.removeItem(at: folder) }
    }

    func client() -> SNMPClient { SNMPClient(group: MultiThreadedEventLoopGroup.singleton) }

    /// The agent takes a moment to open its port; ask until it answers.
    func target(community: String = "zoneops-ro") async throws -> SNMPClient.Target {
        let target = SNMPClient.Target(address: "127.0.0.1", port: port, community: community, timeout: .milliseconds(300), retries: 0)
        for _ in 0..<30 {
            if (try? await client().get([.sysUpTime], from: SNMPClient.Target(address: "127.0.0.1", port: port, community: "zoneops-ro",
                                                                               timeout: .milliseconds(200), retries: 0))) != nil { return target }
            try await Task.sleep(for: .milliseconds(100))
        }
        XCTFail("snmpd did not answer: " + ((try? String(contentsOf: folder.appendingPathComponent("log"), encoding: .utf8)) ?? ""))
        return target
    }

    func testGetReadsUpTimeAndChineseTextAndExceptions() async throws {
        let target = try await target()
        let values = try await client().get([.sysUpTime, OID("1.3.6.1.2.1.1.6.0")!, OID("1.3.6.1.2.1.1.99.0")!], from: target)
        XCTAssertEqual(values.count, 3)
        guard case .timeTicks = values[0].value else { return XCTFail("sysUpTime is TimeTicks: \(values[0].value)") }
        XCTAssertEqual(values[1].value.text, "1号机房A01机柜")
        XCTAssertEqual(values[2].value, .noSuchObject)
    }

    func testWalkReadsASubtreeInOrderAndStopsAtItsEnd() async throws {
        let target = try await target()
        // ifOperStatus of every interface (the loopback at least), nothing outside the subtree.
        let rows = try await client().walk(.ifOperStatus, from: target, perRequest: 2)
        XCTAssertFalse(rows.isEmpty)
        XCTAssertTrue(rows.allSatisfy { $0.oid.isWithin(.ifOperStatus) })
        XCTAssertEqual(rows.map(\.oid), rows.map(\.oid).sorted())
        // The system group walked a few rows a request equals one long request.
        let small = try await client().walk(OID("1.3.6.1.2.1.1")!, from: target, perRequest: 3)
        let large = try await client().walk(OID("1.3.6.1.2.1.1")!, from: target, perRequest: 50)
        XCTAssertEqual(small.map(\.oid), large.map(\.oid))
        XCTAssertTrue(small.contains { $0.oid == OID("1.3.6.1.2.1.1.6.0")! })
    }

    func testAWrongCommunityAndASilentPortTimeOut() async throws {
        _ = try await target()
        let started = ContinuousClock.now
        do {
            _ = try await client().get([.sysUpTime], from: SNMPClient.Target(address: "127.0.0.1", port: port, community: "wrong",
                                                                              timeout: .milliseconds(200), retries: 1))
            XCTFail("an agent does not answer a wrong community")
        } catch let failure as SNMPClient.Failure {
            XCTAssertEqual(failure, .timeout)
        }
        // Two attempts of 200 ms: well under a second, and not before the second attempt.
        let elapsed = ContinuousClock.now - started
        XCTAssertGreaterThanOrEqual(elapsed, .milliseconds(390))
        XCTAssertLessThan(elapsed, .seconds(2))
        do {
            _ = try await client().get([.sysUpTime], from: SNMPClient.Target(address: "not-an-address", port: port))
            XCTFail("a host name is refused")
        } catch let failure as SNMPClient.Failure {
            XCTAssertEqual(failure, .badAddress)
        }
    }
}
