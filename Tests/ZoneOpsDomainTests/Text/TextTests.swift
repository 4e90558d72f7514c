import Foundation
import XCTest
import ZoneOpsDomain

final class TrimmingTests: XCTestCase {
    func testTrimsWhatFoundationTrims() {
        let samples = ["", " ", "\t\r\n", "abc", "  abc", "abc \n", " a b ", "\u{3000}机房\u{3000}", "\u{00A0}x\u{2003}",
                       "\u{85}y\u{2028}", "交换机", " 🙂 ", "e\u{301} "]
        for sample in samples {
            XCTAssertEqual(sample.trimmedWhitespace, sample.trimmingCharacters(in: .whitespacesAndNewlines), sample.debugDescription)
        }
    }

    func testSubstringsTrimToo() {
        XCTAssertEqual("[ 机房 ]".dropFirst().dropLast().trimmedWhitespace, "机房")
    }
}

final class RandomUUIDTests: XCTestCase {
    func testVersionFourAndDistinct() {
        let ids = (0..<1000).map { _ in UUID.random() }
        XCTAssertEqual(Set(ids).count, ids.count)
        for id in ids {
            let text = id.uuidString
            XCTAssertEqual(Array(text)[14], "4", text)
            XCTAssertTrue("89AB".contains(Array(text)[19]), text)
        }
    }
}
