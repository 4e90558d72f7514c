import FluentKit
import Foundation
import XCTest
import ZoneOpsDomain
import ZoneOpsServices
import ZoneOpsStore

/// A corrected calendar gives open incidents new due times; resolved ones keep their outcome.
final class CalendarRecalculationTests: XCTestCase {
    func testAnAddedHolidayMovesOpenIncidentsOnly() async throws {
        let harness = try await ServiceHarness()
        let desk = Actor(userId: nil, name: "duty", address: nil)
        harness.set("2026-03-02 09:00")
        func report(_ title: String) async throws -> UUID {
            try await Incidents.create(NewIncident(title: title, description: "", impact: 3, urgency: 1, channel: .api,
                                                   requesterName: "x"), by: desk, in: harness.ctx).requireID()
        }
        let open = try await report("仍在处理")   // P3: 16 working hours → due Tue 3 Mar 18:00
        let done = try await report("已解决")
        harness.set("2026-03-02 11:00")
        _ = try await Incidents.resolve(done, resolution: "ok", code: nil, by: desk, in: harness.ctx)
        let before = try await IncidentModel.find(open, on: harness.db)!.resolveDueAt
        // The administration declares Tuesday 3 March a day off.
        try await CalendarDayModel(day: "2026-03-03", kind: "holiday", name: "临时休息日", effectiveFrom: harness.now).create(on: harness.db)
        let changed = try await Incidents.recalculateOpen(in: harness.ctx)
        XCTAssertEqual(changed, 1)
        let after = try await IncidentModel.find(open, on: harness.db)!
        XCTAssertNotEqual(after.resolveDueAt, before)
        XCTAssertEqual(after.resolveDueAt, beijing("2026-03-04 18:00"))
        let resolved = try await IncidentModel.find(done, on: harness.db)!
        XCTAssertNil(resolved.resolveDueAt)
        XCTAssertFalse(resolved.resolveBreached)
        await harness.shutdown()
    }

    func beijing(_ text: String) -> Date {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "Asia/Shanghai")
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.date(from: text)!
    }
}
