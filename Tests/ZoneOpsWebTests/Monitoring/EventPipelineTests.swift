import Fluent
import Foundation
import Vapor
import XCTVapor
import ZoneOpsServices
import ZoneOpsStore
@testable import ZoneOpsWeb

/// The event pipeline through its API: a failure becomes exactly one incident, its recovery
/// resolves it after the hold, repeats are counted, correlation over the CMDB makes one incident
/// of a switch and the cameras behind it in any order, maintenance and silences hold incidents,
/// flapping is one incident, and bad input changes nothing.
final class EventPipelineTests: XCTestCase {
    var t: TestApp!
    var admin = ""
    override func setUp() async throws {
        t = try await TestApp.make()
        admin = try await t.token()
    }
    override func tearDown() async throws { try await t.shutdown() }

    var pipeline: EventPipeline { t.app.monitoring.pipeline }

    @discardableResult
    func process() async throws -> EventPipeline.Round { try await pipeline.process(now: t.clock.now) }

    func ci(_ name: String, type: String = "switch", ip: String? = nil, criticality: String = "2") async throws -> String {
        var body = ["type": type, "name": name, "criticality": criticality]
        body["ip"] = ip
        let response = try await t.json(.POST, "/api/v1/cis", token: admin, body: body)
        XCTAssertEqual(response.status, .created, response.body.string)
        return try response.content.get(String.self, at: "id")
    }

    func relate(_ source: String, dependsOn target: String) async throws {
        let response = try await t.json(.POST, "/api/v1/cis/\(source)/relations", token: admin, body: ["type": "depends_on", "targetId": target])
        XCTAssertEqual(response.status, .created, response.body.string)
    }

    func send(_ events: [[String: String]]) async throws {
        let response = try await t.json(.POST, "/api/v1/events", token: admin, body: events)
        XCTAssertEqual(response.status, .accepted, response.body.string)
    }

    func event(ci: String? = nil, host: String? = nil, check: String = "ping", severity: String = "critical",
               summary: String = "无响应") -> [String: String] {
        var body = ["source": "probe", "check": check, "severity": severity, "summary": summary]
        body["ciId"] = ci
        body["host"] = host
        return body
    }

    func openIncidents() async throws -> [IncidentModel] {
        try await IncidentModel.query(on: t.app.db).filter(\.$status ~~ ["new", "assigned", "in_progress", "pending"]).all()
    }

    func alerts(_ query: String = "") async throws -> [AlertDTO] {
        let response = try await t.json(.GET, "/api/v1/alerts" + query, token: admin)
        XCTAssertEqual(response.status, .ok, response.body.string)
        return try response.content.get([AlertDTO].self, at: "items")
    }

    func testAFailureOpensOneIncidentRepeatsAreCountedAndTheRecoveryResolvesItAfterTheHold() async throws {
        let core = try await ci("核心交换机-A", ip: "10.1.0.1", criticality: "1")
        try await send([event(host: "10.1.0.1:9100")])
        let waiting = try await process()
        XCTAssertEqual(waiting.applied, 1)
        XCTAssertEqual(waiting.opened, 0, "a new problem waits a moment for a root cause above it")
        t.clock.advance(3)
        let opened = try await process()
        XCTAssertEqual(opened.opened, 1)
        var open = try await openIncidents()
        XCTAssertEqual(open.count, 1)
        XCTAssertEqual(open.first?.channel, "monitoring")
        XCTAssertEqual(open.first?.priority, 1, "criticality 1 and a critical event: P1")
        XCTAssertTrue(open.first?.title.contains("核心交换机-A") ?? false)

        // Repeats (and a severity change) update the one alert; no second incident.
        try await send([event(host: "10.1.0.1"), event(host: "10.1.0.1", severity: "major", summary: "丢包")])
        try await process()
        var rows = try await alerts()
        XCTAssertEqual(rows.count, 1)
        XCTAssertEqual(rows.first?.count, 3)
        XCTAssertEqual(rows.first?.severity, "major")
        XCTAssertEqual(rows.first?.ciId, core)
        let state = try await CIModel.find(UUID(uuidString: core)!, on: t.app.db)?.state
        XCTAssertEqual(state, "down")

        // Recovered: still open within the hold, resolved after it.
        try await send([event(host: "10.1.0.1", severity: "ok")])
        try await process()
        open = try await openIncidents()
        XCTAssertEqual(open.count, 1, "a blip does not close it")
        t.clock.advance(30)
        try await send([event(host: "10.1.0.1", severity: "critical")])
        try await process()
        t.clock.advance(1)
        try await send([event(host: "10.1.0.1", severity: "ok")])
        try await process()
        t.clock.advance(61)
        let resolved = try await process()
        XCTAssertEqual(resolved.resolved, 1)
        open = try await openIncidents()
        XCTAssertTrue(open.isEmpty)
        let incident = try await IncidentModel.query(on: t.app.db).first()
        XCTAssertEqual(incident?.status, "resolved")
        XCTAssertEqual(incident?.resolutionCode, "auto_recovered")
        let after = try await CIModel.find(UUID(uuidString: core)!, on: t.app.db)?.state
        XCTAssertEqual(after, "up")
        rows = try await alerts("?status=closed")
        XCTAssertEqual(rows.count, 1)
        let history = try await t.json(.GET, "/api/v1/cis/\(core)/states", token: admin)
        XCTAssertEqual(try history.content.get([StateChangeDTO].self, at: "items").map(\.to), ["up", "down", "up", "down"])
        // The incident and the state changes are audited; raw events are not.
        let audit = try await AuditEntryModel.query(on: t.app.db).filter(\.$action ~~ ["incident.create", "incident.status", "ci.state"]).count()
        XCTAssertEqual(audit, 6)

        // A new failure after the episode is a new incident.
        try await send([event(host: "10.1.0.1")])
        t.clock.advance(5)
        try await process()
        open = try await openIncidents()
        XCTAssertEqual(open.count, 1)
    }

    func testAFlappingCheckIsOneIncidentMarkedFlapping() async throws {
        let nvr = try await ci("NVR-08", type: "nvr")
        // Down and up every 30 s for 10 minutes.
        for step in 0..<20 {
            try await send([event(ci: nvr, severity: step % 2 == 0 ? "critical" : "ok")])
            try await process()
            t.clock.advance(30)
        }
        let all = try await IncidentModel.query(on: t.app.db).all()
        XCTAssertEqual(all.count, 1)
        let rows = try await alerts()
        XCTAssertEqual(rows.count, 1)
        XCTAssertTrue(rows.first?.flapping ?? false)
        let notes = try await IncidentEntryModel.query(on: t.app.db).filter(\.$body == "monitor:flapping").count()
        XCTAssertEqual(notes, 1)
        // Settled (no change for the whole window) and recovered: resolved.
        t.clock.advance(700)
        try await process()
        let open = try await openIncidents()
        XCTAssertTrue(open.isEmpty)
    }

    struct ChangeBody: Encodable {
        var title: String
        var type: String
        var ciIds: [String]
        var plannedStart: String
        var plannedEnd: String
        var plan = "更换电源模块"
        var rollbackPlan = "装回原模块"
        var risk = "中断 30 分钟"
    }

    func testAnEventInAMaintenanceWindowOpensNothingUntilTheWindowEndsWithTheCIStillDown() async throws {
        let server = try await ci("应用服务器-03", type: "server", ip: "10.2.0.3")
        let engineer = try await t.user("eng1", role: "engineer")
        let lead = try await t.user("lead1", role: "lead")
        let now = t.clock.now
        let iso = ISO8601DateFormatter()
        let raised = try await t.json(.POST, "/api/v1/changes", token: engineer,
                                      body: ChangeBody(title: "更换电源", type: "normal", ciIds: [server],
                                                       plannedStart: iso.string(from: now + 3600), plannedEnd: iso.string(from: now + 7200)))
        XCTAssertEqual(raised.status, .created, raised.body.string)
        let change = try raised.content.get(String.self, at: "id")
        let submitted = try await t.json(.POST, "/api/v1/changes/\(change)/submit", token: engineer, body: [String: String]())
        XCTAssertEqual(submitted.status, .ok, submitted.body.string)
        let approved = try await t.json(.POST, "/api/v1/changes/\(change)/approve", token: lead, body: ["comment": "同意"])
        XCTAssertEqual(approved.status, .ok, approved.body.string)

        t.clock.advance(3600 + 60)
        try await send([event(host: "10.2.0.3", summary: "服务器关机")])
        try await process()
        t.clock.advance(10)
        try await process()
        var open = try await openIncidents()
        XCTAssertTrue(open.isEmpty, "inside the window: kept, nothing opened")
        let held = try await alerts()
        XCTAssertEqual(held.first?.inMaintenance, true)

        // The window ends with the server still down: the incident opens then.
        t.clock.advance(3600)
        let round = try await process()
        XCTAssertEqual(round.opened, 1)
        open = try await openIncidents()
        XCTAssertEqual(open.count, 1)
    }

    func testAlertmanagerWebhookFiringAndResolvedWithAnHAPairsSecondCopyCountedOnce() async throws {
        let host = try await ci("物流平台应用-01", type: "server", ip: "10.3.0.7")
        let firing = """
        {"version":"4","groupKey":"{}:{alertname=\\"HostDown\\"}","truncatedAlerts":2,"status":"firing","receiver":"zoneops",
         "groupLabels":{"alertname":"HostDown"},"commonLabels":{},"commonAnnotations":{},"externalURL":"http://am:9093",
         "someFieldANewerVersionAdds":{"x":1},
         "alerts":[{"status":"firing","labels":{"alertname":"HostDown","instance":"10.3.0.7:9100","severity":"critical"},
           "annotations":{"summary":"主机宕机"},"startsAt":"2026-11-18T08:00:00.123456789Z","endsAt":"0001-01-01T00:00:00Z",
           "generatorURL":"http://prom/graph","fingerprint":"a1b2c3d4e5f60708"}]}
        """
        for _ in 0..<2 {
            let response = try await t.app.sendRequest(.POST, "/api/v1/integrations/alertmanager",
                                                       headers: ["Authorization": "Bearer \(admin)", "Content-Type": "application/json"],
                                                       body: ByteBuffer(string: firing))
            XCTAssertEqual(response.status, .ok, response.body.string)
            XCTAssertEqual(try response.content.get(Int.self, at: "truncatedAlerts"), 2)
        }
        try await process()
        var rows = try await alerts()
        XCTAssertEqual(rows.count, 1)
        XCTAssertEqual(rows.first?.count, 1, "the second delivery of the same notification is not counted")
        XCTAssertEqual(rows.first?.ciId, host)
        XCTAssertEqual(rows.first?.summary, "主机宕机")
        t.clock.advance(3)
        try await process()
        var open = try await openIncidents()
        XCTAssertEqual(open.count, 1)

        let resolved = firing.replacingOccurrences(of: "\"status\":\"firing\",\"labels\"", with: "\"status\":\"resolved\",\"labels\"")
            .replacingOccurrences(of: "0001-01-01T00:00:00Z", with: "2026-11-18T08:05:00Z")
        let response = try await t.app.sendRequest(.POST, "/api/v1/integrations/alertmanager",
                                                   headers: ["Authorization": "Bearer \(admin)", "Content-Type": "application/json"],
                                                   body: ByteBuffer(string: resolved))
        XCTAssertEqual(response.status, .ok, response.body.string)
        try await process()
        t.clock.advance(61)
        try await process()
        open = try await openIncidents()
        XCTAssertTrue(open.isEmpty)
        rows = try await alerts("?status=all")
        XCTAssertEqual(rows.first?.status, "resolved")

        // A resolved alert whose firing was never seen is kept and opens nothing.
        let stray = resolved.replacingOccurrences(of: "a1b2c3d4e5f60708", with: "ffffffffffffffff")
            .replacingOccurrences(of: "HostDown", with: "DiskFull")
        let strayResponse = try await t.app.sendRequest(.POST, "/api/v1/integrations/alertmanager",
                                                        headers: ["Authorization": "Bearer \(admin)", "Content-Type": "application/json"],
                                                        body: ByteBuffer(string: stray))
        XCTAssertEqual(strayResponse.status, .ok)
        try await process()
        let all = try await IncidentModel.query(on: t.app.db).count()
        XCTAssertEqual(all, 1)
    }

    func testBadEventsAreRefusedWholeNamingEachFieldAndNothingIsStored() async throws {
        let response = try await t.json(.POST, "/api/v1/events", token: admin,
                                        body: [event(host: "h1"), ["source": "probe", "check": "ping", "severity": "urgent"],
                                               ["source": "probe", "severity": "ok", "at": "yesterday"]])
        XCTAssertEqual(response.status, .badRequest)
        XCTAssertTrue(response.body.string.contains("[1].severity"), response.body.string)
        XCTAssertTrue(response.body.string.contains("[2].at"), response.body.string)
        let stored = try await EventRecordModel.query(on: t.app.db).count()
        XCTAssertEqual(stored, 0)
        let notJSON = try await t.app.sendRequest(.POST, "/api/v1/events", headers: ["Authorization": "Bearer \(admin)", "Content-Type": "application/json"],
                                                 body: ByteBuffer(string: "{\"source\":"))
        XCTAssertEqual(notJSON.status, .badRequest)
        let tooMany = try await t.json(.POST, "/api/v1/events", token: admin, body: Array(repeating: event(host: "h"), count: 1001))
        XCTAssertEqual(tooMany.status, .badRequest)
        // The duty officer reads monitoring but does not send events.
        let customs = try await t.user("duty1", role: "duty")
        let refused = try await t.json(.POST, "/api/v1/events", token: customs, body: [event(host: "h1")])
        XCTAssertEqual(refused.status, .forbidden)
        let stillNone = try await EventRecordModel.query(on: t.app.db).count()
        XCTAssertEqual(stillNone, 0)
    }

    func testABurstBeyondWhatThePipelineTakesIsAnswered503WithRetryAfter() async throws {
        t.app.monitoring.intake.noteBacklog(t.app.monitoring.intake.maxBacklog)
        let response = try await t.json(.POST, "/api/v1/events", token: admin, body: [event(host: "h1")])
        XCTAssertEqual(response.status, .serviceUnavailable)
        XCTAssertEqual(response.headers.first(name: .retryAfter), "2")
        XCTAssertTrue(response.body.string.contains("\"busy\""), response.body.string)
        t.app.monitoring.intake.noteBacklog(0)
        try await send([event(host: "h1")])
    }

    func testAnUnmatchedEventIsListedAndMappedToACIInOneStepWithItsSiblings() async throws {
        let ups = try await ci("1号机房UPS", type: "ups")
        try await send([event(host: "ups-room1.zone.local", check: "battery"), event(host: "ups-room1.zone.local", check: "input")])
        t.clock.advance(5)
        try await process()
        var unmatched = try await alerts("?unmatched=1")
        XCTAssertEqual(unmatched.count, 2)
        var open = try await openIncidents()
        XCTAssertTrue(open.isEmpty, "an unmatched event opens nothing")
        let duty = try await t.user("duty1", role: "duty")
        let mapped = try await t.json(.POST, "/api/v1/alerts/\(unmatched[0].id)/map", token: duty, body: ["ciId": ups])
        XCTAssertEqual(mapped.status, .ok, mapped.body.string)
        unmatched = try await alerts("?unmatched=1")
        XCTAssertTrue(unmatched.isEmpty)
        try await process()
        open = try await openIncidents()
        XCTAssertEqual(open.count, 1, "both checks of the UPS: one root, the other on the same CI attaches")
        // Later events from that host find the CI by the mapping.
        try await send([event(host: "UPS-ROOM1.zone.local", check: "temperature")])
        try await process()
        let matched = try await alerts("?ciId=\(ups)")
        XCTAssertEqual(matched.count, 3)
        // Acknowledged once; a second acknowledgement is a conflict.
        let ack = try await t.json(.POST, "/api/v1/alerts/\(matched[0].id)/acknowledge", token: duty)
        XCTAssertEqual(ack.status, .ok)
        let again = try await t.json(.POST, "/api/v1/alerts/\(matched[0].id)/acknowledge", token: duty)
        XCTAssertEqual(again.status, .conflict)
    }

    func testASilenceThatSuppressesIncidentsKeepsTheEventsAndOpensWhenItEndsIfStillFiring() async throws {
        let camera = try await ci("周界摄像机-12", type: "camera")
        let lead = try await t.user("lead1", role: "lead")
        let silence = try await t.json(.POST, "/api/v1/silences", token: lead,
                                       body: SilenceRequest(ciId: camera, check: nil, mode: "incident", reason: "立杆施工，临时断电", hours: 1))
        XCTAssertEqual(silence.status, .created, silence.body.string)
        try await send([event(ci: camera)])
        t.clock.advance(5)
        try await process()
        var open = try await openIncidents()
        XCTAssertTrue(open.isEmpty)
        let rows = try await alerts()
        XCTAssertEqual(rows.first?.silenced, "incident")
        let bad = try await t.json(.POST, "/api/v1/silences", token: lead, body: SilenceRequest(ciId: camera, mode: "incident", reason: "", hours: 9999))
        XCTAssertEqual(bad.status, .badRequest)
        t.clock.advance(3600)
        try await process()
        open = try await openIncidents()
        XCTAssertEqual(open.count, 1)
        let audited = try await AuditEntryModel.query(on: t.app.db).filter(\.$action == "monitor.silence").count()
        XCTAssertEqual(audited, 1)
    }

    func testAvailabilityLeavesOutMaintenanceAndCountsDowntime() async throws {
        let lane = try await ci("1号卡口", type: "server")
        let start = t.clock.now
        try await send([event(ci: lane)])
        t.clock.advance(3)
        try await process()
        t.clock.advance(597)
        try await send([event(ci: lane, severity: "ok")])
        try await process()
        t.clock.advance(3000)
        try await process()
        let iso = ISO8601DateFormatter()
        let response = try await t.json(.GET, "/api/v1/cis/\(lane)/availability?from=\(iso.string(from: start))&to=\(iso.string(from: start + 3600))", token: admin)
        XCTAssertEqual(response.status, .ok, response.body.string)
        let figure = try response.content.decode(AvailabilityDTO.self)
        // Down from the state change (3 s in) to the recovery's state change (61 s hold later).
        XCTAssertEqual(figure.agreedMinutes, 60)
        XCTAssertGreaterThan(figure.downMinutes, 9)
        XCTAssertLessThan(figure.downMinutes, 11.5)
        XCTAssertEqual(figure.availability ?? 0, 100 * (3600 - figure.downMinutes * 60) / 3600, accuracy: 0.1)
        let reversed = try await t.json(.GET, "/api/v1/cis/\(lane)/availability?from=\(iso.string(from: start + 3600))&to=\(iso.string(from: start))", token: admin)
        XCTAssertEqual(reversed.status, .badRequest)
    }
}
