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

final class TimeOrderedUUIDTests: XCTestCase {
    func testVersionSevenCarriesTheMillisecondsInOrder() {
        let start = Date(timeIntervalSince1970: 1_795_000_000.123)
        let ids = (0..<100).map { UUID.timeOrdered(at: start.addingTimeInterval(Double($0) * 0.005)) }
        for id in ids {
            XCTAssertEqual(Array(id.uuidString)[14], "7")
            XCTAssertTrue("89AB".contains(Array(id.uuidString)[19]))
        }
        // 1,795,000,000,123 ms = 0x01A1EE565E7B: the first 48 bits, big-endian.
        XCTAssertTrue(ids[0].uuidString.hasPrefix("01A1EE56-5E7B-7"), ids[0].uuidString)
        // Byte order (how SQLite compares blobs and PostgreSQL uuids) is time order.
        let bytes = ids.map { id in withUnsafeBytes(of: id.uuid) { Array($0) } }
        XCTAssertEqual(bytes, bytes.sorted { $0.lexicographicallyPrecedes($1) })
    }
}
