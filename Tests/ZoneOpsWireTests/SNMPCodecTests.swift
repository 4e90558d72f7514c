import Foundation
import XCTest
@testable import ZoneOpsWire

/// The SNMPv2c codec against packets net-snmp 5.9 really sent and received (`snmpget -d`,
/// `snmpbulkget -d`, `snmptrap -d` against a real snmpd on loopback), and against hostile bytes.
final class SNMPCodecTests: XCTestCase {
    static func hex(_ text: String) -> [UInt8] {
        text.split(separator: " ").map { UInt8($0, radix: 16)! }
    }

    func testAGetRequestEncodesByteForByteAsNetSNMP() throws {
        let request = SNMPMessage.get([OID("1.3.6.1.2.1.1.3.0")!, OID(".1.3.6.1.2.1.1.6.0")!], community: "public", requestId: 0x494A_C874)
        XCTAssertEqual(request.encoded, Self.hex("""
            30 37 02 01 01 04 06 70 75 62 6C 69 63 A0 2A 02 04 49 4A C8 74 02 01 00 02 01 00 30 1C 30 0C 06 \
            08 2B 06 01 02 01 01 03 00 05 00 30 0C 06 08 2B 06 01 02 01 01 06 00 05 00
            """.replacingOccurrences(of: "\\", with: "")))
        let enterprise = SNMPMessage.get([OID("1.3.6.1.4.1.39165.1.2.0")!], community: "public", requestId: 0x26D6_E897)
        XCTAssertEqual(enterprise.encoded, Self.hex("""
            30 2C 02 01 01 04 06 70 75 62 6C 69 63 A0 1F 02 04 26 D6 E8 97 02 01 00 02 01 00 30 11 30 0F 06 \
            0B 2B 06 01 04 01 82 B1 7D 01 02 00 05 00
            """.replacingOccurrences(of: "\\", with: "")))
        let bulk = SNMPMessage.getBulk([OID("1.3.6.1.2.1.2.2.1.8")!], maxRepetitions: 2, community: "public", requestId: 0x1D5C_D55C)
        XCTAssertEqual(bulk.encoded, Self.hex("""
            30 2A 02 01 01 04 06 70 75 62 6C 69 63 A5 1D 02 04 1D 5C D5 5C 02 01 00 02 01 02 30 0F 30 0D 06 \
            09 2B 06 01 02 01 02 02 01 08 05 00
            """.replacingOccurrences(of: "\\", with: "")))
    }

    func testResponsesDecodeEveryValueKind() throws {
        // sysUpTime (TimeTicks 98) and sysLocation in UTF-8 ("1号机房").
        let upTime = try SNMPMessage(decoding: Self.hex("""
            30 42 02 01 01 04 06 70 75 62 6C 69 63 A2 35 02 04 49 4A C8 74 02 01 00 02 01 00 30 27 30 0D 06 \
            08 2B 06 01 02 01 01 03 00 43 01 62 30 16 06 08 2B 06 01 02 01 01 06 00 04 0A 31 E5 8F B7 E6 9C \
            BA E6 88 BF
            """.replacingOccurrences(of: "\\", with: "")))
        XCTAssertEqual(upTime.type, .response)
        XCTAssertEqual(upTime.requestId, 0x494A_C874)
        XCTAssertEqual(upTime.value(of: .sysUpTime), .timeTicks(98))
        XCTAssertEqual(upTime.varBinds[1].value.text, "1号机房")
        // noSuchObject and a Counter64 (ifHCInOctets.1).
        let counters = try SNMPMessage(decoding: Self.hex("""
            30 3E 02 01 01 04 06 70 75 62 6C 69 63 A2 31 02 04 21 42 0D 08 02 01 00 02 01 00 30 23 30 0C 06 \
            08 2B 06 01 02 01 01 63 00 80 00 30 13 06 0B 2B 06 01 02 01 1F 01 01 01 06 01 46 04 31 76 A9 3B
            """.replacingOccurrences(of: "\\", with: "")))
        XCTAssertEqual(counters.varBinds.map(\.value), [.noSuchObject, .counter64(829_860_155)])
        XCTAssertTrue(counters.varBinds[0].value.isException)
        // A bulk walk of ifOperStatus: up(1), down(2), both inside the subtree.
        let walk = try SNMPMessage(decoding: Self.hex("""
            30 3D 02 01 01 04 06 70 75 62 6C 69 63 A2 30 02 04 1D 5C D5 5C 02 01 00 02 01 00 30 22 30 0F 06 \
            0A 2B 06 01 02 01 02 02 01 08 01 02 01 01 30 0F 06 0A 2B 06 01 02 01 02 02 01 08 02 02 01 02
            """.replacingOccurrences(of: "\\", with: "")))
        XCTAssertEqual(walk.varBinds.map(\.value), [.integer(1), .integer(2)])
        XCTAssertTrue(walk.varBinds.allSatisfy { $0.oid.isWithin(.ifOperStatus) })
        XCTAssertEqual(walk.varBinds[1].oid.description, "1.3.6.1.2.1.2.2.1.8.2")
        // endOfMibView.
        let end = try SNMPMessage(decoding: Self.hex("""
            30 3A 02 01 01 04 06 70 75 62 6C 69 63 A2 2D 02 04 3A 65 A8 F5 02 01 00 02 01 00 30 1F 30 1D 06 \
            19 2B 06 01 06 03 10 01 05 02 01 06 09 5F 61 6C 6C 5F 76 69 65 77 01 01 CE 0F 82 00
            """.replacingOccurrences(of: "\\", with: "")))
        XCTAssertEqual(end.varBinds.first?.value, .endOfMibView)
        XCTAssertEqual(end.varBinds.first?.oid.arcs.last, 9999)
        // IpAddress and an OID value (sysObjectID).
        let addresses = try SNMPMessage(decoding: Self.hex("""
            30 4A 02 01 01 04 06 70 75 62 6C 69 63 A2 3D 02 04 1D 71 7B 02 02 01 00 02 01 00 30 2F 30 15 06 \
            0D 2B 06 01 02 01 04 14 01 01 7F 00 00 01 40 04 7F 00 00 01 30 16 06 08 2B 06 01 02 01 01 02 00 \
            06 0A 2B 06 01 04 01 BF 08 03 02 0A
            """.replacingOccurrences(of: "\\", with: "")))
        XCTAssertEqual(addresses.varBinds[0].value.text, "127.0.0.1")
        XCTAssertEqual(addresses.varBinds[1].value, .oid(OID("1.3.6.1.4.1.8072.3.2.10")!))
        // Each decodes and encodes back to the same bytes.
        for message in [upTime, counters, walk, end, addresses] {
            XCTAssertEqual(try SNMPMessage(decoding: message.encoded), message)
        }
    }

    func testALinkDownTrapFromSnmptrap() throws {
        let trap = try SNMPMessage(decoding: Self.hex("""
            30 67 02 01 01 04 06 70 75 62 6C 69 63 A7 5A 02 04 6D 5C 8C 29 02 01 00 02 01 00 30 4C 30 0F 06 \
            08 2B 06 01 02 01 01 03 00 43 03 14 51 E7 30 17 06 0A 2B 06 01 06 03 01 01 04 01 00 06 09 2B 06 \
            01 06 03 01 01 05 03 30 0F 06 0A 2B 06 01 02 01 02 02 01 01 02 02 01 02 30 0F 06 0A 2B 06 01 02 \
            01 02 02 01 08 02 02 01 02
            """.replacingOccurrences(of: "\\", with: "")))
        XCTAssertEqual(trap.type, .trap)
        XCTAssertEqual(trap.trapOID, .linkDown)
        XCTAssertEqual(trap.value(of: .sysUpTime), .timeTicks(0x1451E7))
        XCTAssertEqual(trap.value(of: OID("1.3.6.1.2.1.2.2.1.8.2")!), .integer(2))
    }

    func testIntegersAndOIDsAtTheirEdges() throws {
        for value: Int64 in [0, 1, 127, 128, 255, 256, -1, -128, -129, Int64(Int32.max), Int64(Int32.min), .max, .min] {
            XCTAssertEqual(try BER.signed(from: BER.signed(value)[...]), value, "\(value)")
        }
        XCTAssertEqual(BER.signed(128), [0x00, 0x80])
        XCTAssertEqual(BER.signed(-129), [0xFF, 0x7F])
        XCTAssertEqual(BER.unsigned(UInt64(UInt32.max)), [0x00, 0xFF, 0xFF, 0xFF, 0xFF])
        XCTAssertEqual(try BER.unsigned(from: [0x00, 0xFF, 0xFF, 0xFF, 0xFF][...], bits: 32), UInt64(UInt32.max))
        XCTAssertThrowsError(try BER.unsigned(from: [0x01, 0x00, 0x00, 0x00, 0x00][...], bits: 32), "a Counter32 over 32 bits")
        let big = OID([2, UInt32.max - 80, UInt32.max])!
        XCTAssertEqual(try OID(decoding: big.encoded[...]), big)
        XCTAssertEqual(OID("1.3.6.1.4.1.39165.1.2.0")?.encoded, [0x2B, 0x06, 0x01, 0x04, 0x01, 0x82, 0xB1, 0x7D, 0x01, 0x02, 0x00])
        for text in ["", "1", "3.1", "1.40", "1.3.x", "1.3.4294967296", "1..3"] { XCTAssertNil(OID(text), text) }
        XCTAssertTrue(OID("1.3.6.1.2.1.2.2.1.8.3")!.isWithin(.ifOperStatus))
        XCTAssertFalse(OID("1.3.6.1.2.1.2.2.1.80")!.isWithin(.ifOperStatus))
        XCTAssertLessThan(OID("1.3.6.1.2.1.2.2.1.8.2")!, OID("1.3.6.1.2.1.2.2.1.8.10")!)
    }

    func testHostileBytesAreRefusedNeverTrusted() {
        let good = SNMPMessage.get([.sysUpTime], community: "public", requestId: 7).encoded
        // Every truncation is refused.
        for cut in 0..<good.count { XCTAssertThrowsError(try SNMPMessage(decoding: Array(good.prefix(cut))), "cut at \(cut)") }
        func refused(_ bytes: [UInt8], _ why: String) { XCTAssertThrowsError(try SNMPMessage(decoding: bytes), why) }
        refused(good + [0x00], "trailing bytes")
        refused([0x30, 0x84, 0xFF, 0xFF, 0xFF, 0xFF] + good.dropFirst(2), "a length far beyond the packet")
        refused([0x30, 0x85, 0, 0, 0, 0, 0x10], "a five-byte length")
        refused([0x30, 0x80, 0x02, 0x01, 0x01, 0x00, 0x00], "an indefinite length")
        refused([0x30, 0x03, 0x02, 0x01, 0x00], "SNMPv1 is not v2c")
        var wrongPDU = good
        wrongPDU[13] = 0xA4
        refused(wrongPDU, "a v1 trap PDU")
        refused([0x30, 0x0B, 0x02, 0x09] + [UInt8](repeating: 1, count: 9), "a version integer of nine bytes")
        // An OID sub-identifier that never ends, one too large, and a non-minimal one.
        XCTAssertThrowsError(try OID(decoding: [0x2B, 0x86][...]))
        XCTAssertThrowsError(try OID(decoding: [0x2B, 0x90, 0x80, 0x80, 0x80, 0x00][...]))
        XCTAssertThrowsError(try OID(decoding: [0x2B, 0x80, 0x01][...]))
        XCTAssertThrowsError(try SNMPMessage(decoding: [UInt8](repeating: 0x30, count: SNMPMessage.maxSize + 1)))
        // Deep nesting is not recursed into: a sequence inside a sequence where an integer belongs.
        refused([0x30, 0x06, 0x30, 0x04, 0x30, 0x02, 0x30, 0x00], "sequences all the way down")
    }
}
