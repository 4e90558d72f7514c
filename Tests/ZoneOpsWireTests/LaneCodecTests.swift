import Foundation
import XCTest
@testable import ZoneOpsWire

/// ISO 6346 container numbers and the lane controller's pass report.
final class LaneCodecTests: XCTestCase {
    func testContainerCheckDigitsFollowISO6346() {
        // Published examples: CSQU 305438 3, MSKU 907032 3, TGHU 012345 ?, computed by hand below.
        XCTAssertEqual(ContainerNumber.checkDigit("CSQU305438"), 3)
        XCTAssertTrue(ContainerNumber.isValid("CSQU3054383"))
        XCTAssertTrue(ContainerNumber.isValid("MSKU9070323"))
        XCTAssertTrue(ContainerNumber.isValid("csqu3054383"), "case does not matter")
        XCTAssertFalse(ContainerNumber.isValid("CSQU3054384"), "a wrong check digit")
        XCTAssertFalse(ContainerNumber.isValid("CSQA3054383"), "the category letter must be U, J or Z")
        XCTAssertFalse(ContainerNumber.isValid("CSQU305438"), "too short")
        XCTAssertFalse(ContainerNumber.isValid("CSQU30543833"), "too long")
        XCTAssertFalse(ContainerNumber.isValid("C5QU3054383"), "digits in the owner code")
        XCTAssertFalse(ContainerNumber.isValid("箱号QU3054383"))
        // Letter values skip the multiples of 11: A 10, K 21, L 23, U 32, V 34, Z 38.
        XCTAssertEqual(ContainerNumber.letterValue("A"), 10)
        XCTAssertEqual(ContainerNumber.letterValue("K"), 21)
        XCTAssertEqual(ContainerNumber.letterValue("L"), 23)
        XCTAssertEqual(ContainerNumber.letterValue("U"), 32)
        XCTAssertEqual(ContainerNumber.letterValue("V"), 34)
        XCTAssertEqual(ContainerNumber.letterValue("Z"), 38)
    }

    func testAPassReportDecodesWithOnlyItsRequiredFieldsAndRoundTrips() throws {
        let minimal = try JSONDecoder().decode(LanePassMessage.self, from: Data(#"{"lane":"K01-IN","seq":7,"arrivedAt":"2026-12-01T08:00:00+08:00"}"#.utf8))
        XCTAssertEqual(minimal, LanePassMessage(lane: "K01-IN", seq: 7, arrivedAt: "2026-12-01T08:00:00+08:00"))
        XCTAssertNil(minimal.plate)
        var full = minimal
        full.containers = ["CSQU3054383"]
        full.manual = true
        full.manualReason = "车牌未识别"
        let again = try JSONDecoder().decode(LanePassMessage.self, from: JSONEncoder().encode(full))
        XCTAssertEqual(again, full)
        XCTAssertThrowsError(try JSONDecoder().decode(LanePassMessage.self, from: Data(#"{"lane":"K01-IN","seq":"7","arrivedAt":"x"}"#.utf8)))
        XCTAssertThrowsError(try JSONDecoder().decode(LanePassMessage.self, from: Data(#"{"lane":"K01-IN","seq":1e30,"arrivedAt":"x"}"#.utf8)))
    }
}
