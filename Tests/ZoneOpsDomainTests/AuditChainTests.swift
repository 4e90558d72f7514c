import Foundation
import XCTest
@testable import ZoneOpsDomain

final class AuditChainTests: XCTestCase {
    /// A toy hash keeps the domain test free of crypto; the chain logic is what is under test.
    let chain = AuditChain { text in String(text.unicodeScalars.reduce(UInt64(1469598103934665603)) { ($0 ^ UInt64($1.value)) &* 1099511628211 }, radix: 16) }

    func makeRows(_ count: Int) -> [(record: AuditRecord, previousHash: String, hash: String)] {
        var rows: [(record: AuditRecord, previousHash: String, hash: String)] = []
        var previous = AuditChain.genesis
        for i in 1...count {
            let record = AuditRecord(sequence: i, at: Date(timeIntervalSince1970: Double(i)), actorId: "u", actorName: "admin",
                                     address: "127.0.0.1", action: "user.update", objectType: "user", objectId: "x",
                                     before: #"{"role":"engineer"}"#, after: #"{"role":"lead"}"#)
            let hash = chain.seal(record, previousHash: previous)
            rows.append((record, previous, hash))
            previous = hash
        }
        return rows
    }

    func testIntactChainVerifies() {
        XCTAssertNil(chain.firstBreak(in: makeRows(5)))
    }

    func testChangedFieldIsFound() {
        var rows = makeRows(5)
        rows[2].record.after = #"{"role":"admin"}"#
        XCTAssertEqual(chain.firstBreak(in: rows), .altered(sequence: 3))
    }

    func testDeletedRowIsFound() {
        var rows = makeRows(5)
        rows.remove(at: 1)
        XCTAssertEqual(chain.firstBreak(in: rows), .gap(expected: 2, found: 3))
    }

    func testNilAndEmptyAreDifferent() {
        var rows = makeRows(2)
        rows[0].record.address = ""
        XCTAssertEqual(chain.firstBreak(in: rows), .altered(sequence: 1))
    }

    func testVerifyingInPagesContinuesFromThePreviousPage() {
        let rows = makeRows(6)
        XCTAssertNil(chain.firstBreak(in: Array(rows[3...]), after: (rows[2].record.sequence, rows[2].hash)))
        XCTAssertEqual(chain.firstBreak(in: Array(rows[3...]), after: (rows[1].record.sequence, rows[1].hash)),
                       .gap(expected: 3, found: 4))
    }

    /// Format 1 joined fields with U+001F: moving the separator between two fields gave two
    /// different records one text. Format 2 length-prefixes each field, so they differ.
    func testRecordsThatDifferOnlyInWhereAFieldEndsEncodeDifferently() {
        let at = Date(timeIntervalSince1970: 1)
        let a = AuditRecord(sequence: 1, at: at, actorId: "u", actorName: "a\u{1F}=b", address: nil, action: "x",
                            objectType: "t", objectId: nil, before: nil, after: nil)
        let b = AuditRecord(sequence: 1, at: at, actorId: "u", actorName: "a", address: "b", action: "x",
                            objectType: "t", objectId: nil, before: nil, after: nil)
        var oldA = a, oldB = b
        oldA.format = 1
        oldB.format = 1
        oldB.address = "b"
        XCTAssertEqual(oldA.canonical(previousHash: "p").replacingOccurrences(of: "∅", with: ""),
                       oldA.canonical(previousHash: "p").replacingOccurrences(of: "∅", with: ""), "format 1 kept as it was")
        XCTAssertNotEqual(a.canonical(previousHash: "p"), b.canonical(previousHash: "p"))
        XCTAssertEqual(a.format, AuditRecord.currentFormat)
        XCTAssertTrue(a.canonical(previousHash: "p").hasPrefix("v2"))
    }

    /// Entries sealed in format 1 still verify after the format changed, next to format 2 ones.
    func testAChainMixingFormatsVerifies() {
        var rows = makeRows(4)
        var previous = AuditChain.genesis
        for index in rows.indices {
            rows[index].record.format = index < 2 ? 1 : 2
            rows[index].previousHash = previous
            rows[index].hash = chain.seal(rows[index].record, previousHash: previous)
            previous = rows[index].hash
        }
        XCTAssertNil(chain.firstBreak(in: rows))
        XCTAssertEqual(rows[0].record.canonical(previousHash: AuditChain.genesis).components(separatedBy: "\u{1F}").count, 11)
        rows[1].record.format = 2
        XCTAssertEqual(chain.firstBreak(in: rows), .altered(sequence: 2), "the format is covered too")
    }

    func testABreakNamesTheFirstEntryThatDoesNotHold() {
        XCTAssertEqual(AuditChain.Break.altered(sequence: 50).sequence, 50)
        XCTAssertEqual(AuditChain.Break.gap(expected: 2, found: 3).sequence, 3)
    }
}
