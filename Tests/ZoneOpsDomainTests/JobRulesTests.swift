import Foundation
import XCTest
@testable import ZoneOpsDomain

final class JobRulesTests: XCTestCase {
    func testBackoffDoublesFromThirtySecondsUpToAnHour() {
        XCTAssertEqual((1...9).map { Backoff.delay(afterAttempt: $0) }, [30, 60, 120, 240, 480, 960, 1920, 3600, 3600])
        XCTAssertEqual(Backoff.delay(afterAttempt: Int.max), 3600)
        XCTAssertEqual(Backoff.delay(afterAttempt: 0), 30)
    }

    func testDailyOccurrenceIsTheLastTwoAMInShanghai() {
        let zone = TimeZone(identifier: "Asia/Shanghai")!
        let nightly = Recurrence.daily(hour: 2, minute: 0, zone: zone)
        // 2026-11-18 01:59 Beijing time = 2026-11-17 17:59 UTC: still the 17th's run.
        let before = Date(timeIntervalSince1970: 1_794_938_340)
        XCTAssertEqual(nightly.current(at: before).key, "2026-11-17")
        let after = before.addingTimeInterval(60)
        XCTAssertEqual(nightly.current(at: after).key, "2026-11-18")
        XCTAssertEqual(nightly.current(at: after).due, after)
    }

    func testIntervalOccurrencesAreSlots() {
        let hourly = Recurrence.every(seconds: 3600)
        let t = Date(timeIntervalSince1970: 7200 + 1799)
        XCTAssertEqual(hourly.current(at: t).key, "7200")
        XCTAssertEqual(hourly.current(at: t.addingTimeInterval(1801)).key, "10800")
    }
}
