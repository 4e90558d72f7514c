import Fluent
import Foundation
import Vapor
import XCTVapor
import ZoneOpsServices
import ZoneOpsStore
@testable import ZoneOpsWeb

/// Correlation over the CMDB (the pipeline's helpers are in EventPipelineTests): a storm behind a
/// switch is one incident in any order, and a storm below a CI that never reports is one too.
extension EventPipelineTests {
    /// One switch, 40 cameras behind it: one incident naming the switch, the cameras attached,
    /// whatever order the events come in.
    func testAStormBehindASwitchIsOneIncidentInAnyOrder() async throws {
        for order in ["switch-first", "cameras-first", "cameras-long-before", "mixed"] {
            let root = try await ci("接入交换机-\(order)")
            var cameras: [String] = []
            for index in 0..<40 {
                let camera = try await ci("摄像机-\(order)-\(index)", type: "camera")
                try await relate(camera, dependsOn: root)
                cameras.append(camera)
            }
            let switchEvent = event(ci: root, summary: "接入交换机不可达")
            let cameraEvents = cameras.map { event(ci: $0, check: "rtsp", summary: "视频中断") }
            switch order {
            case "switch-first":
                try await send([switchEvent])
                try await send(cameraEvents)
            case "cameras-first":
                try await send(cameraEvents)
                try await process()
                try await send([switchEvent])
            case "cameras-long-before":
                // The cameras' own incidents open before the switch is seen: they are re-parented.
                try await send(Array(cameraEvents.prefix(5)))
                t.clock.advance(5)
                try await process()
                try await send(Array(cameraEvents.dropFirst(5)))
                try await send([switchEvent])
            default:
                try await send(Array(cameraEvents.prefix(20)) + [switchEvent] + Array(cameraEvents.dropFirst(20)))
            }
            try await process()
            t.clock.advance(5)
            try await process()
            let open = try await openIncidents()
            let top = open.filter { $0.parentId == nil }
            XCTAssertEqual(top.count, 1, order)
            XCTAssertTrue(top.first?.title.contains("接入交换机-\(order)") ?? false, order)
            let rootIncident = try XCTUnwrap(top.first?.id)
            let rows = try await Alerts.of(incident: rootIncident, on: t.app.db)
            let children = try await IncidentModel.query(on: t.app.db).filter(\.$parentId == rootIncident).count()
            XCTAssertEqual(rows.count + children, 41, "\(order): every camera is attached or a child")
            let ciCount = try await IncidentCIModel.query(on: t.app.db).filter(\.$incident.$id == rootIncident).count()
            XCTAssertGreaterThanOrEqual(ciCount, 36, order)

            // The switch recovers while 3 cameras still fail: each becomes an incident of its own.
            try await send([event(ci: root, severity: "ok")] + cameras.dropFirst(3).map { event(ci: $0, check: "rtsp", severity: "ok") })
            try await process()
            t.clock.advance(61)
            try await process()
            t.clock.advance(1)
            try await process()
            let left = try await openIncidents()
            XCTAssertEqual(left.count, 3, order)
            XCTAssertTrue(left.allSatisfy { $0.parentId == nil }, order)
            let resolvedRoot = try await IncidentModel.find(rootIncident, on: t.app.db)
            XCTAssertEqual(resolvedRoot?.status, "resolved", order)
            // Clear the rest so the next order starts clean.
            try await send(cameras.prefix(3).map { event(ci: $0, check: "rtsp", severity: "ok") })
            try await process()
            t.clock.advance(61)
            try await process()
            let remaining = try await openIncidents()
            XCTAssertTrue(remaining.isEmpty, order)
        }
    }

    /// The switch never reports (it is not monitored): its cameras wait for it, then open one
    /// incident together instead of one each.
    func testAStormBelowASilentCIIsOneIncidentAfterTheStormHold() async throws {
        let root = try await ci("未纳管交换机")
        var cameras: [String] = []
        for index in 0..<10 {
            let camera = try await ci("仓库摄像机-\(index)", type: "camera")
            try await relate(camera, dependsOn: root)
            cameras.append(camera)
        }
        try await send(cameras.map { event(ci: $0, check: "rtsp", summary: "视频中断") })
        t.clock.advance(5)
        try await process()
        var open = try await openIncidents()
        XCTAssertTrue(open.isEmpty, "a storm waits longer for its root cause")
        t.clock.advance(EventPipeline.stormHold)
        try await process()
        open = try await openIncidents()
        XCTAssertEqual(open.count, 1)
        let attached = try await Alerts.of(incident: try XCTUnwrap(open.first?.id), on: t.app.db)
        XCTAssertEqual(attached.count, 10)
    }
}
