import XCTest
@testable import ZoneOpsDomain

/// A year's holiday file: every bad line reported, nothing guessed.
final class HolidayFileTests: XCTestCase {
    func testParsesDaysKindsAndNamesAsPeopleWriteThem() {
        let (entries, errors) = HolidayFile.parse("""
            日期,类型,名称
            2027-01-01,休,元旦
            2027/2/6,班,春节调休
            2027年2月7日,holiday,春节
            # a comment

            """)
        XCTAssertEqual(errors, [])
        XCTAssertEqual(entries.map(\.day.description), ["2027-01-01", "2027-02-06", "2027-02-07"])
        XCTAssertEqual(entries.map(\.kind), [.holiday, .workday, .holiday])
    }

    func testImpossibleDatesUnknownKindsAndDuplicatesAreEachReported() {
        let (_, errors) = HolidayFile.parse("2027-02-30,休,不存在的日子\n2027-05-01,放个假\n2027-05-01,休,劳动节\n2027-05-01,休,劳动节\n只有一列")
        XCTAssertEqual(errors.map(\.line), [1, 2, 4, 5])
        XCTAssertEqual(errors.map(\.text), [.calendarBadDate, .calendarBadKind, .calendarDuplicateDay, .calendarLineShape])
    }

    func testDiffAgainstStoredDays() {
        let day = CalendarDate(year: 2027, month: 1, day: 1)!
        let other = CalendarDate(year: 2027, month: 1, day: 2)!
        let stored = [day: HolidayFile.Entry(day: day, kind: .holiday, name: "元旦")]
        let changes = HolidayFile.diff([.init(day: day, kind: .workday, name: "元旦"), .init(day: other, kind: .holiday, name: "元旦")],
                                       against: stored)
        XCTAssertEqual(changes, [.changed(from: stored[day]!, to: .init(day: day, kind: .workday, name: "元旦")),
                                 .added(.init(day: other, kind: .holiday, name: "元旦"))])
    }
}
