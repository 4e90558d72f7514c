import FluentKit
import Foundation
import XCTest
import ZoneOpsDomain
@testable import ZoneOpsServices
import ZoneOpsStore

/// `zoneops demo --history`: past operation made through the services on a simulated clock, so
/// the records hold what real work leaves: tickets through their whole life with SLA outcomes and
/// ratings, hotline calls, reviewed changes, device outages with their state history and
/// monitoring incidents, lane passes with their KPIs. Made once; the audit chain still holds.
final class DemoHistoryTests: XCTestCase {
    func testAWeekOfHistoryLeavesRecordsOfEveryKindThroughTheServicesAndIsMadeOnce() async throws {
        let h = try await ServiceHarness()
        do {
            try await DemoZone.load(in: h.ctx)
            let end = h.now
            let lines = LinesBox()
            let made = try await DemoHistory.run(days: 7, in: h.ctx, progress: { lines.append($0) })
            let summary = try XCTUnwrap(made)
            XCTAssertEqual(summary.days, 7)
            XCTAssertEqual(lines.count, 1, "a progress line a week")
            let start = end.addingTimeInterval(-8 * 86_400)

            // Tickets: reported by enterprises, customs and engineers; most worked to the end and rated.
            let incidents = try await IncidentModel.query(on: h.db).all()
            XCTAssertEqual(incidents.count, summary.tickets + summary.monitoringIncidents)
            XCTAssertGreaterThan(summary.tickets, 10)
            XCTAssertTrue(incidents.allSatisfy { $0.createdAt >= start && $0.createdAt <= end }, "all in the period, none ahead of now")
            let closed = incidents.filter { $0.status == IncidentStatus.closed.rawValue }
            XCTAssertGreaterThan(closed.count, incidents.count / 2)
            XCTAssertTrue(closed.allSatisfy { $0.resolvedAt != nil && $0.respondedAt != nil })
            XCTAssertTrue(incidents.contains { $0.rating != nil }, "requesters rated")
            XCTAssertTrue(Set(incidents.map(\.channel)).isSuperset(of: ["portal", "hotline", "monitoring"]))
            XCTAssertTrue(incidents.filter { $0.status == IncidentStatus.closed.rawValue }.allSatisfy { ($0.resolvedAt ?? .distantFuture) <= ($0.closedAt ?? .distantPast) })

            // Hotline calls, changes reviewed, outages in the state history, lane passes counted.
            let calls = try await HotlineCallModel.query(on: h.db).count()
            XCTAssertEqual(calls, summary.calls)
            XCTAssertGreaterThan(calls, 3)
            let changes = try await ChangeModel.query(on: h.db).all()
            XCTAssertTrue(changes.contains { $0.status == ChangeStatus.reviewed.rawValue } || summary.changes < 2, "a change went the whole way")
            let states = try await CIStateChangeModel.query(on: h.db).filter(\.$toState == OperationalState.down.rawValue).count()
            XCTAssertGreaterThan(states, 0, "outages left state history")
            XCTAssertGreaterThan(summary.outages, 0)
            let passes = try await LanePassModel.query(on: h.db).count()
            XCTAssertEqual(passes, summary.lanePasses)
            XCTAssertGreaterThan(passes, 7 * 6 * 100)
            let report = try await LaneQueries.report(over: TimeSpan(start: start, end: end), on: h.db)
            XCTAssertEqual(report.lanes.count, 6)
            XCTAssertEqual(report.total.plateRate ?? 0, 0.97, accuracy: 0.03)
            XCTAssertNotNil(report.total.averagePassSeconds)

            // Once: a second run makes nothing; the audit chain is whole.
            let again = try await DemoHistory.run(days: 7, in: h.ctx)
            XCTAssertNil(again)
            let count = try await IncidentModel.query(on: h.db).count()
            XCTAssertEqual(count, incidents.count)
            let verification = try await AuditLog.verify(on: h.db, chain: h.ctx.chain)
            XCTAssertNil(verification.firstBreak)
        } catch {
            await h.shutdown()
            throw error
        }
        await h.shutdown()
    }

    func testAProbeDeletedFromADemoCIStaysDeletedWhenTheDemoLoadsAgain() async throws {
        let h = try await ServiceHarness()
        do {
            try await DemoZone.load(in: h.ctx)
            let total = try await ProbeModel.query(on: h.db).count()
            XCTAssertGreaterThan(total, 300)
            let found = try await CIModel.query(on: h.db).filter(\.$assetTag == "ZB-VID-013").first()
            let camera = try XCTUnwrap(found?.id)
            let probes = try await Probes.list(ci: camera, on: h.db)
            XCTAssertFalse(probes.isEmpty)
            for probe in probes { try await Probes.delete(try XCTUnwrap(UUID(uuidString: probe.id)), by: .system, in: h.ctx) }
            try await DemoZone.load(in: h.ctx)
            let after = try await Probes.list(ci: camera, on: h.db)
            XCTAssertTrue(after.isEmpty, "the user's deletion stands")
            let count = try await ProbeModel.query(on: h.db).count()
            XCTAssertEqual(count, total - probes.count)
        } catch {
            await h.shutdown()
            throw error
        }
        await h.shutdown()
    }

    func testTheDemoRostersAreMadeOnceAndToppedUpWhenTheyRunShort() async throws {
        let h = try await ServiceHarness()
        do {
            h.set("2026-12-01 10:00")
            try await DemoZone.load(in: h.ctx)
            let rosters = try await DutyQueries.rosters(on: h.db)
            XCTAssertEqual(rosters.map(\.kind).sorted { $0.rawValue < $1.rawValue }, [.hotline, .onsite])
            let shifts = try await DutyShiftModel.query(on: h.db).count()
            XCTAssertGreaterThan(shifts, 35, "four weeks of desk days and hotline nights")
            // Tonight the hotline has someone; nowhere in the four weeks is there a gap.
            h.set("2026-12-01 22:00")
            let onDuty = try await DutyQueries.onDuty(at: h.now, kinds: [.hotline], on: h.db)
            XCTAssertEqual(onDuty.count, 1)
            let calendar = try await h.ctx.levels.levels(on: h.db).workingCalendar
            let gaps = try await DutyQueries.gaps(from: h.now, days: 7, calendar: calendar, on: h.db)
            XCTAssertEqual(gaps.count, 0, "\(gaps)")
            try await DemoZone.load(in: h.ctx)
            let again = try await DutyShiftModel.query(on: h.db).count()
            XCTAssertEqual(again, shifts, "loaded again with four weeks ahead: nothing added")
            // Three weeks on, fewer than two weeks remain: the next start tops them up.
            h.advance(21 * 86_400)
            try await DemoZone.load(in: h.ctx)
            let later = try await DutyShiftModel.query(on: h.db).filter(\.$startsAt > h.now.addingTimeInterval(20 * 86_400)).count()
            XCTAssertGreaterThan(later, 0)
        } catch {
            await h.shutdown()
            throw error
        }
        await h.shutdown()
    }

    func testHistoryLengthsAreReadAsDaysOrWeeksWithinBounds() {
        XCTAssertEqual(DemoHistory.days("90d"), 90)
        XCTAssertEqual(DemoHistory.days("12w"), 84)
        XCTAssertEqual(DemoHistory.days("30"), 30)
        XCTAssertNil(DemoHistory.days("0d"))
        XCTAssertNil(DemoHistory.days("999d"))
        XCTAssertNil(DemoHistory.days("ninety"))
        XCTAssertNil(DemoHistory.days("-5"))
    }
}

final class LinesBox: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    func append(_ line: String) { lock.withLock { lines.append(line) } }
    var count: Int { lock.withLock { lines.count } }
}
