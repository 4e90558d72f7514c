import Foundation
import XCTest
@testable import ZoneOpsDomain

/// Slots from the business calendar (holidays, make-up days), the rotation and its
/// substitutes, and the gaps of a roster.
final class DutyPlanTests: XCTestCase {
    // 2026-10-01 (Thursday) to 10-07 are the National Day holiday; 2026-10-10 (Saturday) is a make-up working day.
    let calendar = BusinessCalendar(kind: .workingHours, days: [
        CalendarDate(year: 2026, month: 10, day: 1)!: .holiday, CalendarDate(year: 2026, month: 10, day: 2)!: .holiday,
        CalendarDate(year: 2026, month: 10, day: 10)!: .workday,
    ])

    func day(_ month: Int, _ day: Int) -> CalendarDate { CalendarDate(year: 2026, month: month, day: day)! }
    func at(_ month: Int, _ d: Int, _ hour: Int, _ minute: Int = 0) -> Date {
        day(month, d).startInBeijing!.addingTimeInterval(TimeInterval(hour * 3600 + minute * 60))
    }

    func testTheDeskIsStaffedOnWorkingDaysOfTheCalendarOnly() {
        let plan = DutyPlan(kind: .onsite, from: day(9, 1))
        let slots = plan.slots(from: day(9, 30), through: day(10, 10), calendar: calendar)
        // 09-30 (Wed), then holidays 10-01/02, the weekend, Mon–Fri 10-05..09, and make-up Saturday 10-10.
        XCTAssertEqual(slots.map { CalendarDate.today($0.start) }, [day(9, 30), day(10, 5), day(10, 6), day(10, 7), day(10, 8), day(10, 9), day(10, 10)])
        XCTAssertEqual(slots.first, DateInterval(start: at(9, 30, 9), end: at(9, 30, 18)))
    }

    func testTheHotlineCoversEveryMinuteTheDeskDoesNot() {
        let desk = DutyPlan(kind: .onsite, from: day(9, 1)).slots(from: day(9, 30), through: day(10, 11), calendar: calendar)
        let hotline = DutyPlan(kind: .hotline, from: day(9, 1)).slots(from: day(9, 29), through: day(10, 11), calendar: calendar)
        XCTAssertEqual(hotline.first(where: { $0.start >= at(9, 30, 0) }), DateInterval(start: at(9, 30, 18), end: at(10, 1, 9)))
        XCTAssertEqual(hotline.first(where: { $0.start >= at(10, 1, 0) }), DateInterval(start: at(10, 1, 9), end: at(10, 2, 9)), "a holiday is a whole day")
        XCTAssertTrue(hotline.allSatisfy { $0.duration <= 86_400 })
        // Together they leave no minute of 10-01 … 10-11 uncovered, and never overlap.
        let window = [DateInterval(start: at(9, 30, 9), end: at(10, 11, 9))]
        XCTAssertEqual(DutyCoverage.gaps(slots: window, shifts: desk + hotline), [])
        for d in desk { XCTAssertFalse(hotline.contains { $0.overlapsStrictly(d) }) }
    }

    func testLaneDutyRunsInFixedShiftsWithinItsRange() {
        let plan = DutyPlan(kind: .lane, shiftHours: 12, handoffMinute: 8 * 60, from: day(11, 1), until: day(11, 2))
        let slots = plan.slots(from: day(10, 30), through: day(11, 30), calendar: calendar)
        XCTAssertEqual(slots, [DateInterval(start: at(11, 1, 8), end: at(11, 1, 20)), DateInterval(start: at(11, 1, 20), end: at(11, 2, 8)),
                               DateInterval(start: at(11, 2, 8), end: at(11, 2, 20)), DateInterval(start: at(11, 2, 20), end: at(11, 3, 8))])
        XCTAssertEqual(DutyPlan(kind: .lane, shiftHours: 8, handoffMinute: 0, from: day(11, 1), until: day(11, 1))
            .slots(from: day(11, 1), through: day(11, 1), calendar: calendar).count, 3)
    }

    func testABadPlanSaysWhatToFix() {
        XCTAssertEqual(DutyPlan(kind: .lane, shiftHours: 10, from: day(11, 1)).problems().map(\.text), [.dutyShiftHoursChoice, .dutyLaneNeedsEnd])
        XCTAssertEqual(DutyPlan(kind: .onsite, from: day(11, 2), until: day(11, 1)).problems().map(\.text), [.dutyEndBeforeStart])
        XCTAssertEqual(DutyPlan(kind: .onsite, from: day(1, 1), until: CalendarDate(year: 2030, month: 1, day: 1)).problems().map(\.text), [.dutyRangeTooLong])
        XCTAssertEqual(DutyPlan(kind: .hotline, handoffMinute: 1440, from: day(1, 1)).problems().map(\.text), [.dutyBadTime])
        XCTAssertTrue(DutyPlan(kind: .hotline, from: day(1, 1)).problems().isEmpty)
    }

    func testTheRotationTakesTurnsAndContinuesWhereItLeftOff() {
        let a = UUID(), b = UUID(), c = UUID()
        let slots = (0..<6).map { DateInterval(start: at(11, 1 + $0, 9), end: at(11, 1 + $0, 18)) }
        let rotation = DutyRotation(participants: [a, b, c])
        XCTAssertEqual(rotation.assign(slots, firstIndex: 0) { _, _ in false }.map(\.userId), [a, b, c, a, b, c])
        // Generating from the fourth slot on gives what the whole run gave there.
        XCTAssertEqual(rotation.assign(Array(slots[3...]), firstIndex: 3) { _, _ in false }.map(\.userId), [a, b, c])
        let weekly = DutyRotation(participants: [a, b], rotateEvery: 2)
        XCTAssertEqual(weekly.assign(Array(slots.prefix(4)), firstIndex: 0) { _, _ in false }.map(\.userId), [a, a, b, b])
        let pairs = DutyRotation(participants: [a, b, c], staffing: 2)
        XCTAssertEqual(pairs.assign(Array(slots.prefix(2)), firstIndex: 0) { _, _ in false }.map(\.userId), [a, b, c, a])
    }

    func testABusyMemberIsReplacedByTheNextFreeOneAndNobodyFreeLeavesAGap() {
        let a = UUID(), b = UUID()
        let slots = (0..<2).map { DateInterval(start: at(11, 1 + $0, 9), end: at(11, 1 + $0, 18)) }
        let rotation = DutyRotation(participants: [a, b])
        let assigned = rotation.assign(slots, firstIndex: 0) { user, slot in user == a && slot == slots[0] }
        XCTAssertEqual(assigned.map(\.userId), [b, b])
        XCTAssertEqual(assigned.map(\.substitute), [true, false])
        let none = rotation.assign(slots, firstIndex: 0) { _, slot in slot == slots[1] }
        XCTAssertEqual(none.map(\.slot), [slots[0]])
        XCTAssertEqual(DutyCoverage.gaps(slots: slots, shifts: none.map(\.slot)), [slots[1]])
    }

    func testARotationWithoutPeopleOrWithTwiceTheSamePersonIsRefused() {
        let a = UUID()
        XCTAssertEqual(DutyRotation(participants: []).problems().map(\.text), [.dutyNoParticipants])
        XCTAssertEqual(DutyRotation(participants: [a, a]).problems().map(\.text), [.dutyDuplicateParticipant])
        XCTAssertEqual(DutyRotation(participants: [a], staffing: 6, rotateEvery: 0).problems().map(\.text), [.dutyStaffingRange, .dutyRotateRange])
    }

    func testGapsArePartsOfSlotsNoShiftCovers() {
        let slot = DateInterval(start: at(11, 1, 8), end: at(11, 2, 8))
        let shifts = [DateInterval(start: at(11, 1, 8), end: at(11, 1, 12)), DateInterval(start: at(11, 1, 11), end: at(11, 1, 20))]
        XCTAssertEqual(DutyCoverage.gaps(slots: [slot], shifts: shifts), [DateInterval(start: at(11, 1, 20), end: at(11, 2, 8))])
        XCTAssertEqual(DutyCoverage.gaps(slots: [slot], shifts: []), [slot])
    }

    func testShiftTimesAreBounded() {
        let now = at(11, 1, 12)
        XCTAssertEqual(DutyShiftRules.problem(start: at(11, 2, 9), end: at(11, 2, 8), now: now), .dutyEndBeforeStart)
        XCTAssertEqual(DutyShiftRules.problem(start: at(11, 2, 9), end: at(11, 3, 10), now: now), .dutyShiftTooLong)
        XCTAssertEqual(DutyShiftRules.problem(start: at(9, 1, 9), end: at(9, 1, 18), now: now), .dutyShiftOutOfRange)
        XCTAssertNil(DutyShiftRules.problem(start: at(11, 2, 9), end: at(11, 3, 9), now: now))
    }
}
