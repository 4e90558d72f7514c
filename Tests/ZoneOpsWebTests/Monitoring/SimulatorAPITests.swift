import Fluent
import Foundation
import NIOPosix
import Vapor
import XCTVapor
import ZoneOpsServices
import ZoneOpsStore
import ZoneSimulator
@testable import ZoneOpsWeb

/// The demo's fault scenarios over the API and on the admin page, and the monitoring rule the
/// simulated zone brought in: a probe's first answer sets its CI up.
final class SimulatorAPITests: XCTestCase {
    var t: TestApp!
    var admin = ""
    override func setUp() async throws {
        t = try await TestApp.make()
        admin = try await t.token()
    }
    override func tearDown() async throws { try await t.shutdown() }

    func testScenariosAreListedStartedAndClearedByTheLeadOnlyWhileTheDemoRunsTheZone() async throws {
        // `serve` has no simulated zone.
        let none = try await t.json(.GET, "/api/v1/simulator/scenarios", token: admin)
        XCTAssertEqual(none.status.code, 422)
        XCTAssertEqual(try none.content.get(String.self, at: "error", "code"), "simulator_unavailable")
        XCTAssertTrue(try none.content.get(String.self, at: "error", "message").contains("演示"))

        t.app.simulator = VirtualZone(devices: [SimDevice(tag: "SW", kind: .snmpAgent, address: "127.78.0.1")],
                                      scenarios: [Scenario(key: "switch-down", titleZh: "交换机故障", titleEn: "Switch fails", effect: .fail, targets: ["SW"])],
                                      now: { [clock = t.clock] in clock.now })
        let lead = try await t.user("lead1", role: "lead")
        let engineer = try await t.user("eng1", role: "engineer")
        let list = try await t.json(.GET, "/api/v1/simulator/scenarios", token: lead)
        XCTAssertEqual(list.status, .ok, list.body.string)
        XCTAssertEqual(try list.content.get(String.self, at: "items", 0, "title"), "交换机故障")
        XCTAssertEqual(try list.content.get(Bool.self, at: "items", 0, "running"), false)

        let denied = try await t.json(.POST, "/api/v1/simulator/scenarios/switch-down", token: engineer)
        XCTAssertEqual(denied.status, .forbidden)
        XCTAssertNil(t.app.simulator?.conditions.running["switch-down"])
        let unknown = try await t.json(.POST, "/api/v1/simulator/scenarios/meteor", token: lead)
        XCTAssertEqual(try unknown.content.get(String.self, at: "error", "code"), "unknown_scenario")
        let garbage = try await t.json(.POST, "/api/v1/simulator/scenarios/switch-down", token: lead, body: ["clear": "maybe"])
        XCTAssertEqual(garbage.status, .badRequest)
        XCTAssertNil(t.app.simulator?.conditions.running["switch-down"], "a refused body starts nothing")

        let started = try await t.json(.POST, "/api/v1/simulator/scenarios/switch-down", token: lead)
        XCTAssertEqual(started.status, .ok, started.body.string)
        XCTAssertEqual(try started.content.get(Bool.self, at: "running"), true)
        XCTAssertFalse(t.app.simulator!.readings().answers("SW"))
        let cleared = try await t.json(.POST, "/api/v1/simulator/scenarios/switch-down", token: lead, body: ["clear": true])
        XCTAssertEqual(try cleared.content.get(Bool.self, at: "running"), false)
        XCTAssertTrue(t.app.simulator!.readings().answers("SW"))

        // The page: listed with a button for the lead, started from it.
        let browser = Browser(t.app)
        _ = try await browser.login("lead1", "password-lead1")
        let page = try await browser.get("/admin/simulator")
        XCTAssertEqual(page.status, .ok)
        XCTAssertTrue(page.body.string.contains("data-scenario=\"switch-down\""))
        XCTAssertTrue(page.body.string.contains("未启动"))
        let console = try await browser.get("/monitoring")
        XCTAssertTrue(console.body.string.contains("/admin/simulator"), "the monitoring tabs link the simulated zone in the demo")
        let posted = try await browser.post("/admin/simulator/switch-down", form: [:])
        XCTAssertEqual(posted.status, .seeOther)
        XCTAssertNotNil(t.app.simulator?.conditions.running["switch-down"])
        let after = try await browser.get("/admin/simulator")
        XCTAssertTrue(after.body.string.contains("进行中"))
    }

    func testAProbesFirstAnswerSetsAnUnknownCIUp() async throws {
        let created = try await t.json(.POST, "/api/v1/cis", token: admin, body: ["type": "server", "name": "应用服务器-首探", "ip": "127.0.0.1"])
        let ci = try created.content.get(String.self, at: "id")
        XCTAssertEqual(try created.content.get(String.self, at: "state"), "unknown")
        let listener = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton).bind(host: "127.0.0.1", port: 0).get()
        struct Body: Encodable { var kind: String; var port: Int }
        let probe = try await t.json(.POST, "/api/v1/cis/\(ci)/probes", token: admin, body: Body(kind: "tcp", port: listener.localAddress?.port ?? 0))
        let probeId = try probe.content.get(String.self, at: "id")
        _ = try await t.json(.POST, "/api/v1/probes/\(probeId)/run", token: admin)
        try await t.app.monitoring.pipeline.process(now: t.clock.now)
        let state = try await t.json(.GET, "/api/v1/cis/\(ci)", token: admin)
        XCTAssertEqual(try state.content.get(String.self, at: "state"), "up")
        // Nothing opened or kept for a fine answer.
        let alerts = try await AlertModel.query(on: t.app.db).count()
        XCTAssertEqual(alerts, 0)
        try await listener.close()
    }
}
