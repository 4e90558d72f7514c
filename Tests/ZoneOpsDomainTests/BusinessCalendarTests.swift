import Foundation
import XCTest
@testable import ZoneOpsDomain

/// SLA due times on the national working-day calendar, with the 2026 notice as data.
final class BusinessCalendarTests: XCTestCase {
    /// The 2026 notice (DOMAIN.md): days off and make-up working days.
    static let calendar2026: BusinessCalendar = {
        var days: [CalendarDate: DayKind] = [:]
        func off(_ m: Int, _ from: Int, _ to: Int) { for d in from...to { days[CalendarDate(year: 2026, month: m, day: d)!] = .holiday } }
        func work(_ m: Int, _ d: Int) { days[CalendarDate(year: 2026, month: m, day: d)!] = .workday }
        off(1, 1, 3); work(1, 4)
        off(2, 15, 23); work(2, 14); work(2, 28)
        off(4, 4, 6)
        off(5, 1, 5); work(5, 9)
        off(6, 19, 21)
        off(9, 25, 27)
        off(10, 1, 7); work(9, 20); work(10, 10)
        return BusinessCalendar(kind: .workingHours, days: days)
    }()

    let calendar = BusinessCalendarTests.calendar2026

    /// A Beijing wall-clock time.
    func at(_ text: String) -> Date {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = BusinessCalendar.shanghai
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.date(from: text)!
    }

    func hours(_ h: Double) -> TimeInterval { h * 3600 }

    func testOpenedOutsideWorkingHoursStartsAtTheNextWorkingMinute() {
        let clock = SLAClock(target: hours(2), periods: [.init(start: at("2026-03-02 20:00"))])
        XCTAssertEqual(clock.due(on: calendar), at("2026-03-03 11:00"))
        let weekend = SLAClock(target: hours(1), periods: [.init(start: at("2026-03-07 10:00"))])
        XCTAssertEqual(weekend.due(on: calendar), at("2026-03-09 10:00"))
        let lunch = SLAClock(target: hours(1), periods: [.init(start: at("2026-03-02 12:10"))])
        XCTAssertEqual(lunch.due(on: calendar), at("2026-03-02 14:00"))
    }

    func testFridayBeforeTheMakeUpSaturdayAndTheSpringFestival() {
        let start = at("2026-02-13 17:00")
        // 1 h on Friday, 8 h on the make-up Saturday 14 Feb.
        XCTAssertEqual(SLAClock(target: hours(8), periods: [.init(start: start)]).due(on: calendar), at("2026-02-14 17:00"))
        // 9 h by Saturday evening, then nine days off (15–23 Feb), then 7 h on Tuesday 24 Feb.
        XCTAssertEqual(SLAClock(target: hours(16), periods: [.init(start: start)]).due(on: calendar), at("2026-02-24 17:00"))
        XCTAssertFalse(calendar.isWorkingDay(CalendarDate(year: 2026, month: 2, day: 16)!))
        XCTAssertTrue(calendar.isWorkingDay(CalendarDate(year: 2026, month: 2, day: 28)!))
    }

    func testMakeUpSundayIsAWorkingDay() {
        let clock = SLAClock(target: hours(1), periods: [.init(start: at("2026-01-03 10:00"))])
        XCTAssertEqual(clock.due(on: calendar), at("2026-01-04 10:00"))
    }

    func testAPauseThatSpansAHoliday() {
        // 3 h on Thursday 2 Apr, paused from noon over Friday and the Qingming holiday (4–6 Apr).
        var clock = SLAClock(target: hours(16), periods: [.init(start: at("2026-04-02 09:00"))])
        clock.pause(at: at("2026-04-02 12:00"))
        XCTAssertEqual(clock.state, .paused)
        XCTAssertNil(clock.due(on: calendar))
        XCTAssertEqual(clock.used(at: at("2026-04-06 12:00"), on: calendar), hours(3))
        clock.start(at: at("2026-04-07 10:00"))
        // 13 h left: 7 h on Tuesday, 6 h on Wednesday.
        XCTAssertEqual(clock.due(on: calendar), at("2026-04-08 16:00"))
    }

    func testAPauseThatStartsAndEndsInsideAHoliday() {
        let start = at("2026-09-30 17:00")
        let plain = SLAClock(target: hours(4), periods: [.init(start: start)])
        var paused = plain
        paused.pause(at: at("2026-10-03 10:00"))
        paused.start(at: at("2026-10-05 15:00"))
        XCTAssertEqual(plain.due(on: calendar), at("2026-10-08 12:00"))
        XCTAssertEqual(paused.due(on: calendar), plain.due(on: calendar))
    }

    func testPriorityRaisedWhilePendingKeepsTheTimeUsedAndStaysPaused() {
        var clock = SLAClock(target: hours(16), periods: [.init(start: at("2026-03-02 09:00"))])
        clock.pause(at: at("2026-03-02 12:00"))
        clock.target = hours(4)
        XCTAssertEqual(clock.state, .paused)
        XCTAssertEqual(clock.used(at: at("2026-03-03 12:00"), on: calendar), hours(3))
        XCTAssertNil(clock.due(on: calendar))
        clock.start(at: at("2026-03-03 15:00"))
        XCTAssertEqual(clock.due(on: calendar), at("2026-03-03 16:00"))
    }

    func testWarningFallsOnTheNextWorkingDay() {
        let clock = SLAClock(target: hours(8), periods: [.init(start: at("2026-03-06 14:00"))])
        XCTAssertEqual(clock.instant(reaching: 0.75, on: calendar), at("2026-03-09 11:00"))
        XCTAssertEqual(clock.due(on: calendar), at("2026-03-09 14:00"))
    }

    func testReopenAfterCloseDoesNotCountTimeSpentResolved() {
        var clock = SLAClock(target: hours(8), periods: [.init(start: at("2026-03-02 09:00"))])
        clock.stop(at: at("2026-03-02 11:00"))
        XCTAssertEqual(clock.state, .stopped)
        clock.start(at: at("2026-03-04 09:00"))
        XCTAssertEqual(clock.used(at: at("2026-03-04 10:00"), on: calendar), hours(3))
        XCTAssertEqual(clock.due(on: calendar), at("2026-03-04 16:00"))
    }

    func testTwentyFourHoursOnSevenByTwentyFourIsExactly86400Seconds() {
        let start = at("2026-02-14 23:59")
        let clock = SLAClock(target: 86_400, periods: [.init(start: start)])
        XCTAssertEqual(clock.due(on: .always())?.timeIntervalSince(start), 86_400)
    }

    func testBreachIsStrictlyAfterTheTarget() {
        let clock = SLAClock(target: hours(1), periods: [.init(start: at("2026-03-02 09:00"))])
        XCTAssertFalse(clock.isBreached(at: at("2026-03-02 10:00"), on: calendar))
        XCTAssertTrue(clock.isBreached(at: at("2026-03-02 10:01"), on: calendar))
        XCTAssertEqual(clock.remaining(at: at("2026-03-02 09:30"), on: calendar), 1800)
    }

    func testABreachReachedBeforeAPauseStaysInThePast() {
        var clock = SLAClock(target: hours(1), periods: [.init(start: at("2026-03-02 09:00"))])
        clock.pause(at: at("2026-03-02 11:00"))
        XCTAssertEqual(clock.due(on: calendar), at("2026-03-02 10:00"))
    }

    func testWorkingTime() {
        XCTAssertTrue(calendar.isWorkingTime(at("2026-03-02 09:00")))
        XCTAssertFalse(calendar.isWorkingTime(at("2026-03-02 12:30")))
        XCTAssertFalse(calendar.isWorkingTime(at("2026-03-02 18:00")))
        XCTAssertFalse(calendar.isWorkingTime(at("2026-10-02 10:00")))
        XCTAssertTrue(calendar.isWorkingTime(at("2026-10-10 10:00")))
        XCTAssertEqual(calendar.workingSeconds(from: at("2026-02-13 17:00"), to: at("2026-02-24 10:00")), hours(10))
    }

    func testACalendarWithoutWorkingTimeGivesNoDueTime() {
        let never = BusinessCalendar(kind: .workingHours, workingWeekdays: [])
        XCTAssertNil(SLAClock(target: 60, periods: [.init(start: at("2026-03-02 09:00"))]).due(on: never))
    }

    func testStatusMachine() {
        XCTAssertEqual(IncidentStatus.new.after(.assign, hasAssignee: false), .assigned)
        XCTAssertNil(IncidentStatus.new.after(.close, hasAssignee: false))
        XCTAssertNil(IncidentStatus.closed.after(.resolve, hasAssignee: true))
        XCTAssertEqual(IncidentStatus.closed.after(.reopen, hasAssignee: true), .assigned)
        XCTAssertEqual(IncidentStatus.pending.after(.start, hasAssignee: true), .inProgress)
        XCTAssertNil(IncidentStatus.inProgress.after(.survey, hasAssignee: true))
    }

    func testPriorityMatrix() {
        XCTAssertEqual(PriorityMatrix.standard.priority(impact: 1, urgency: 1), .p1)
        XCTAssertEqual(PriorityMatrix.standard.priority(impact: 3, urgency: 3), .p4)
        XCTAssertNil(PriorityMatrix.standard.priority(impact: 0, urgency: 2))
        XCTAssertNil(PriorityMatrix.standard.priority(impact: 2, urgency: 4))
        XCTAssertEqual(IncidentNumber.format(year: 2026, sequence: 42), "INC-2026-000042")
    }
}
