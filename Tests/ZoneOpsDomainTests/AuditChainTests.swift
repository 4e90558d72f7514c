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
}
