import XCTest
@testable import ZoneOpsDomain

/// The lane KPIs from counts, and the plate camera watch's verdicts.
final class LaneFiguresTests: XCTestCase {
    func testRatesAreSharesOfWhatWasCountedAndNilWhenNothingWas() {
        let empty = LaneFigures()
        XCTAssertNil(empty.plateRate)
        XCTAssertNil(empty.averagePassSeconds)
        let a = LaneFigures(passes: 8, platesRecognised: 7, rfidRead: 6, withContainers: 4, containersRecognised: 3, manual: 1, timed: 8, passSeconds: 320)
        let b = LaneFigures(passes: 2, platesRecognised: 1, rfidRead: 2, withContainers: 0, containersRecognised: 0, manual: 1, timed: 1, passSeconds: 100)
        XCTAssertEqual(a.plateRate, 7.0 / 8)
        XCTAssertEqual(a.containerRate, 0.75, "containers count only vehicles that carried some")
        XCTAssertNil(b.containerRate)
        XCTAssertEqual(a.averagePassSeconds, 40)
        let both = a + b
        XCTAssertEqual(both.passes, 10)
        XCTAssertEqual(both.manualRate, 0.2)
        XCTAssertEqual(both.rfidRate, 0.8)
        XCTAssertEqual(both.averagePassSeconds!, 420.0 / 9, accuracy: 1e-9)
    }

    func testTheWatchFailsUnderSixtyPercentRecoversAtEightyAndKeepsItsVerdictBetween() {
        let read = { (n: Int, of: Int) in (0..<of).map { $0 < n } }
        XCTAssertNil(RecognitionWatch.verdict(recent: read(0, 4), previous: nil), "four passes decide nothing")
        XCTAssertEqual(RecognitionWatch.verdict(recent: read(0, 4), previous: true), true)
        XCTAssertEqual(RecognitionWatch.verdict(recent: read(5, 10), previous: nil), true, "50 % fails")
        XCTAssertEqual(RecognitionWatch.verdict(recent: read(6, 10), previous: false), false, "60 % is not a failure")
        XCTAssertEqual(RecognitionWatch.verdict(recent: read(7, 10), previous: true), true, "70 % is not yet recovered")
        XCTAssertNil(RecognitionWatch.verdict(recent: read(7, 10), previous: nil))
        XCTAssertEqual(RecognitionWatch.verdict(recent: read(8, 10), previous: true), false, "80 % recovers")
        XCTAssertEqual(RecognitionWatch.verdict(recent: read(10, 30), previous: nil), false, "only the latest window counts")
    }

    func testReleaseStatusCodesAreCustomsOnesWithChineseLabels() {
        XCTAssertEqual(ReleaseStatus.allCases.map(\.rawValue), Array(0...6))
        XCTAssertEqual(Catalog.shared.text(ReleaseStatus.passedGate2.label, .zh), "已过二道闸")
        XCTAssertNil(ReleaseStatus(rawValue: 7))
    }
}
