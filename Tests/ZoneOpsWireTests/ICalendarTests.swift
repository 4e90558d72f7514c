import Foundation
import XCTest
@testable import ZoneOpsWire

final class ICalendarTests: XCTestCase {
    func testEventsAreEscapedFoldedAndInUTC() {
        let start = Date(timeIntervalSince1970: 1_796_086_800)
        let text = ICalendar.document(name: "变更日历", events: [
            .init(uid: "A1@zoneops", start: start, end: start + 7200, summary: "[重大变更] CHG-2026-000001 核心交换机;升级,固件",
                  description: "已批准\n受影响的配置项：" + String(repeating: "核心交换机、", count: 12), url: "http://ops/changes/1", stamp: start),
        ])
        XCTAssertTrue(text.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"))
        XCTAssertTrue(text.hasSuffix("END:VEVENT\r\nEND:VCALENDAR\r\n"))
        XCTAssertTrue(text.contains("DTSTART:20261201T010000Z\r\nDTEND:20261201T030000Z"))
        XCTAssertTrue(text.contains("核心交换机\\;升级\\,固件"))
        XCTAssertTrue(text.contains("DESCRIPTION:已批准\\n"))
        for line in text.components(separatedBy: "\r\n") {
            XCTAssertLessThanOrEqual(line.utf8.count, 75, line)
            XCTAssertFalse(line.contains("\n") || line.contains("\r"))
        }
        // Unfolding gives the value back whole.
        let unfolded = text.replacingOccurrences(of: "\r\n ", with: "")
        XCTAssertTrue(unfolded.contains(String(repeating: "核心交换机、", count: 12)))
    }

    func testControlCharactersAreDropped() {
        XCTAssertEqual(ICalendar.escape("a\u{0}b\u{7}c\\d"), "abc\\\\d")
    }
}
