import Foundation
import XCTest
@testable import ZoneOpsDomain

final class ChangeRulesTests: XCTestCase {
    /// 2026-12-01 09:00 in Beijing.
    let monday = Date(timeIntervalSince1970: 1_796_086_800)

    func beijing(_ date: Date, plusDays days: Int, hour: Int) -> Date {
        let day = CalendarDate.today(date).adding(days: days)
        return day.startInBeijing!.addingTimeInterval(TimeInterval(hour * 3600))
    }

    func testMajorChangeNeedsFiveCalendarDaysCountedInBeijing() {
        let rules = ChangeRules.standard
        XCTAssertEqual(CalendarDate.today(monday).description, "2026-12-01")
        // Submitted on the 1st: a start on the 6th (any hour) is 5 days ahead, the 5th is not.
        XCTAssertNil(rules.leadTimeShortfall(type: .major, plannedStart: beijing(monday, plusDays: 5, hour: 0), submittedAt: monday))
        XCTAssertEqual(rules.leadTimeShortfall(type: .major, plannedStart: beijing(monday, plusDays: 4, hour: 23), submittedAt: monday), 1)
        XCTAssertEqual(rules.leadTimeShortfall(type: .major, plannedStart: beijing(monday, plusDays: 3, hour: 9), submittedAt: monday), 2)
        // Late in the evening UTC is already the next day in Beijing.
        let lateUTC = beijing(monday, plusDays: 0, hour: 23).addingTimeInterval(1800)
        XCTAssertEqual(rules.leadTimeShortfall(type: .major, plannedStart: beijing(monday, plusDays: 5, hour: 9), submittedAt: lateUTC), nil)
        XCTAssertEqual(rules.leadTimeShortfall(type: .major, plannedStart: beijing(monday, plusDays: 5, hour: 9),
                                               submittedAt: beijing(monday, plusDays: 1, hour: 0)), 1)
        // Other types and an emergency are not held to the notice period.
        for type in [ChangeType.standard, .normal, .emergency] {
            XCTAssertNil(rules.leadTimeShortfall(type: type, plannedStart: monday.addingTimeInterval(3600), submittedAt: monday))
        }
        // The period is data.
        let strict = ChangeRules(leadDays: 7, approvers: ChangeRules.standard.approvers)
        XCTAssertEqual(strict.leadTimeShortfall(type: .major, plannedStart: beijing(monday, plusDays: 6, hour: 9), submittedAt: monday), 1)
    }

    func testApproversByTypeAndStandardChangesArePreApproved() {
        let rules = ChangeRules.standard
        XCTAssertEqual(rules.approvers(of: .major), [.supervisor])
        XCTAssertEqual(rules.approvers(of: .normal), [.lead])
        XCTAssertTrue(rules.isPreApproved(.standard))
        XCTAssertFalse(rules.isPreApproved(.emergency))
    }

    func testStatusMachine() {
        XCTAssertEqual(ChangeStatus.draft.after(.submit), .submitted)
        XCTAssertEqual(ChangeStatus.rejected.after(.submit), .submitted, "a rejected change can be revised and submitted again")
        XCTAssertEqual(ChangeStatus.submitted.after(.approve), .approved)
        XCTAssertEqual(ChangeStatus.submitted.after(.reject), .rejected)
        XCTAssertNil(ChangeStatus.draft.after(.approve))
        XCTAssertNil(ChangeStatus.approved.after(.approve))
        XCTAssertEqual(ChangeStatus.approved.after(.schedule), .scheduled)
        XCTAssertEqual(ChangeStatus.approved.after(.implement), .implementing)
        XCTAssertEqual(ChangeStatus.scheduled.after(.implement), .implementing)
        XCTAssertNil(ChangeStatus.submitted.after(.implement))
        XCTAssertEqual(ChangeStatus.implementing.after(.complete, result: .rolledBack), .rolledBack)
        XCTAssertEqual(ChangeStatus.implementing.after(.complete, result: .failed), .failed)
        XCTAssertEqual(ChangeStatus.failed.after(.review), .reviewed)
        XCTAssertNil(ChangeStatus.reviewed.after(.review))
        XCTAssertNil(ChangeStatus.implementing.after(.review), "reviewed only after implementation ends")
    }

    func testCollisionsOnTheSameCIOrThroughImpactInOverlappingWindows() {
        let (a, b, c, d) = (UUID(), UUID(), UUID(), UUID())
        let switchCI = UUID(), camera = UUID(), server = UUID()
        let nine = monday, ten = monday + 3600, eleven = monday + 7200
        let mine = ChangeCollisions.Booking(id: a, window: TimeWindow(start: nine, end: eleven), cis: [switchCI], reach: [camera])
        let sameCI = ChangeCollisions.Booking(id: b, window: TimeWindow(start: ten, end: eleven + 3600), cis: [switchCI], reach: [])
        let inImpact = ChangeCollisions.Booking(id: c, window: TimeWindow(start: nine, end: ten), cis: [camera], reach: [])
        let elsewhere = ChangeCollisions.Booking(id: d, window: TimeWindow(start: nine, end: eleven), cis: [server], reach: [])
        let later = ChangeCollisions.Booking(id: UUID(), window: TimeWindow(start: eleven, end: eleven + 60), cis: [switchCI], reach: [])
        let clashes = ChangeCollisions.clashes(of: mine, among: [sameCI, inImpact, elsewhere, later, mine])
        XCTAssertEqual(clashes.map(\.other), [b, c], "back-to-back windows do not overlap; a change never clashes with itself")
        XCTAssertEqual(clashes[1].shared, [camera])
        // The other way round: a change on the camera clashes with one whose impact holds it.
        XCTAssertEqual(ChangeCollisions.clashes(of: inImpact, among: [mine]).map(\.other), [a])
    }
}
