import Foundation
import XCTest
@testable import ZoneOpsWire

/// Syslog (RFC 5424, RFC 3164, RFC 6587 framing), the Alertmanager webhook, Modbus TCP, RTSP/HTTP
/// heads and ICMP echo: what real senders write, and hostile bytes.
final class MonitoringCodecTests: XCTestCase {
    let received = Date(timeIntervalSince1970: 1_795_000_000)

    func testRFC5424WithStructuredDataAndBOM() {
        let line = "<165>1 2026-11-18T08:30:00.123+08:00 core-sw-01 ifmgr 1234 LINK [exampleSDID@32473 iut=\"3\" eventSource=\"App\\]x\"] \u{FEFF}接口 GE1/0/1 down"
        let message = SyslogMessage.parse(Array(line.utf8)[...], receivedAt: received)
        XCTAssertEqual(message.format, .rfc5424)
        XCTAssertEqual(message.facility, 20)
        XCTAssertEqual(message.severity, 5)
        XCTAssertEqual(message.hostname, "core-sw-01")
        XCTAssertEqual(message.appName, "ifmgr")
        XCTAssertEqual(message.message, "接口 GE1/0/1 down")
        XCTAssertEqual(message.timestamp?.timeIntervalSince1970 ?? 0,
                       ISO8601DateFormatter().date(from: "2026-11-18T00:30:00Z")!.addingTimeInterval(0.123).timeIntervalSince1970, accuracy: 0.001)
    }

    func testRFC3164AsLoggerAndNetworkDevicesWriteIt() {
        let line = "<11>Nov 18 10:05:09 ups-room1 upsd[311]: UPS on battery"
        let message = SyslogMessage.parse(Array(line.utf8)[...], receivedAt: received)
        XCTAssertEqual(message.format, .rfc3164)
        XCTAssertEqual(message.severity, 3)
        XCTAssertEqual(message.hostname, "ups-room1")
        XCTAssertEqual(message.appName, "upsd")
        XCTAssertEqual(message.message, "UPS on battery")
        XCTAssertNotNil(message.timestamp)
        // No priority at all: kept whole as user.notice.
        let bare = SyslogMessage.parse(Array("just text\n".utf8)[...], receivedAt: received)
        XCTAssertEqual(bare.format, .unknown)
        XCTAssertEqual(bare.message, "just text")
        XCTAssertEqual(bare.severity, 5)
    }

    func testFramingOctetCountedAndLineDelimitedAndAHostileLength() {
        let stream = Array("26 <13>1 - h a - - - hello!!!<14>Nov 18 10:05:09 h x: line two\n<14>partial".utf8)
        let framed = SyslogMessage.frames(stream)
        XCTAssertEqual(framed?.messages.map { String(decoding: $0, as: UTF8.self) }, ["<13>1 - h a - - - hello!!!", "<14>Nov 18 10:05:09 h x: line two"])
        XCTAssertEqual(framed?.consumed, stream.count - "<14>partial".utf8.count)
        XCTAssertNil(SyslogMessage.frames(Array("999999 <13>".utf8)), "a frame longer than allowed is refused")
        // Garbage never traps.
        for _ in 0..<2000 {
            let bytes = (0..<Int.random(in: 0...64)).map { _ in UInt8.random(in: 0...255) }
            _ = SyslogMessage.parse(bytes[...], receivedAt: received)
            _ = SyslogMessage.frames(bytes)
        }
    }

    func testAlertmanagerWebhookToleratesNewFieldsAndTheZeroEnd() throws {
        let body = """
        {"version":"4","status":"firing","truncatedAlerts":1,"newField":[1,2],"alerts":[{"status":"firing","labels":{"alertname":"A"},
         "annotations":{},"startsAt":"2026-11-18T08:00:00.987654321+08:00","endsAt":"0001-01-01T00:00:00Z","fingerprint":"f1","extra":true}]}
        """
        let hook = try AlertmanagerWebhook.decode(Data(body.utf8))
        XCTAssertEqual(hook.truncatedAlerts, 1)
        XCTAssertNil(hook.alerts[0].endsAt)
        XCTAssertEqual(hook.alerts[0].startsAt?.timeIntervalSince1970 ?? 0,
                       ISO8601DateFormatter().date(from: "2026-11-18T00:00:00Z")!.addingTimeInterval(0.987).timeIntervalSince1970, accuracy: 0.001)
        XCTAssertThrowsError(try AlertmanagerWebhook.decode(Data("{\"version\":\"3\",\"alerts\":[]}".utf8)))
        XCTAssertThrowsError(try AlertmanagerWebhook.decode(Data("[]".utf8)))
    }

    func testModbusRequestAndResponses() throws {
        XCTAssertEqual(Modbus.readRequest(transaction: 0x0102, unit: 1, input: false, address: 0x0010, count: 2),
                       [0x01, 0x02, 0, 0, 0, 6, 1, 3, 0, 0x10, 0, 2])
        XCTAssertEqual(try Modbus.registers([0x01, 0x02, 0, 0, 0, 7, 1, 3, 4, 0x01, 0x1f, 0xff, 0x9c], transaction: 0x0102), [287, 0xff9c])
        XCTAssertThrowsError(try Modbus.registers([0x01, 0x02, 0, 0, 0, 3, 1, 0x83, 2], transaction: 0x0102)) { error in
            XCTAssertEqual(error as? Modbus.Failure, .exception(2))
        }
        // A byte count larger than the frame, a wrong transaction: refused.
        XCTAssertThrowsError(try Modbus.registers([0x01, 0x02, 0, 0, 0, 5, 1, 3, 200, 0, 1], transaction: 0x0102))
        XCTAssertThrowsError(try Modbus.registers([0x09, 0x09, 0, 0, 0, 5, 1, 3, 2, 0, 1], transaction: 0x0102))
    }

    func testModbusDeviceSideParsesRequestsAndAnswersWhatTheClientReads() throws {
        let bytes = Modbus.readRequest(transaction: 0x0a0b, unit: 1, input: true, address: 1, count: 2)
        XCTAssertNil(try Modbus.parseRequest(Array(bytes.prefix(5))))
        XCTAssertNil(try Modbus.parseRequest(Array(bytes.prefix(9))))
        let request = try XCTUnwrap(try Modbus.parseRequest(bytes))
        XCTAssertEqual(request, Modbus.ReadRequest(transaction: 0x0a0b, unit: 1, function: 4, address: 1, count: 2))
        XCTAssertEqual(try Modbus.registers(Modbus.response(to: request, registers: [235, 0xff9c]), transaction: 0x0a0b), [235, 0xff9c])
        XCTAssertThrowsError(try Modbus.registers(Modbus.response(to: request, registers: nil), transaction: 0x0a0b)) { error in
            XCTAssertEqual(error as? Modbus.Failure, .exception(2))
        }
        var write = request
        write.function = 0x10
        XCTAssertThrowsError(try Modbus.registers(Modbus.response(to: write, registers: [1]), transaction: 0x0a0b)) { error in
            XCTAssertEqual(error as? Modbus.Failure, .exception(1))
        }
        // A declared length the frame cannot have, a protocol id other than 0: refused.
        XCTAssertThrowsError(try Modbus.parseRequest([0, 1, 0, 0, 0x40, 0, 1, 3]))
        XCTAssertThrowsError(try Modbus.parseRequest([0, 1, 0, 7, 0, 6, 1, 3, 0, 0, 0, 1]))
        XCTAssertThrowsError(try Modbus.parseRequest([0, 1, 0, 0, 0, 2, 1, 3]))
    }

    func testISAPIChannelsInsideTheirListWrapperAreAllRead() {
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <InputProxyChannelStatusList version="2.0" xmlns="http://www.hikvision.com/ver20/XMLSchema">
            <InputProxyChannelStatus version="2.0"><id>1</id><name>卡口入区</name><online>true</online></InputProxyChannelStatus>
            <InputProxyChannelStatus version="2.0"><id>2</id><online>false</online></InputProxyChannelStatus>
            <InputProxyChannelStatus><id>3</id><online>true</online></InputProxyChannelStatus></InputProxyChannelStatusList>
            """
        XCTAssertEqual(ISAPI.channels(xml).map(\.id), [1, 2, 3])
        XCTAssertEqual(ISAPI.channels(xml).map(\.online), [true, false, true])
        XCTAssertEqual(ISAPI.channels(xml).first?.name, "卡口入区")
        // A name that only starts like the wanted one is never taken for it.
        XCTAssertEqual(ISAPI.blocks("id", in: "<idx>9</idx><id>4</id>"), ["4"])
    }

    func testResponseHeadsAndICMP() {
        let http = Array("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".utf8)
        XCTAssertEqual(ResponseHead.parse(http)?.status, 200)
        XCTAssertTrue(ResponseHead.isComplete(http))
        XCTAssertFalse(ResponseHead.isComplete(Array(http.dropLast())))
        XCTAssertNil(ResponseHead.parse(Array("RTSP/1.0 200".utf8)))
        let request = ICMPEcho.request(identifier: 7, sequence: 9)
        XCTAssertEqual(ICMPEcho.checksum(request), 0, "a packet with its checksum sums to zero")
        var reply = request
        reply[0] = 0
        XCTAssertTrue(ICMPEcho.isReply(reply, identifier: 7, sequence: 9))
        XCTAssertFalse(ICMPEcho.isReply(request, identifier: 7, sequence: 9), "our own request is not a reply")
    }
}

extension MonitoringCodecTests {
    func testRFC3339AgreesWithFoundationAndRefusesNonsense() {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        for _ in 0..<500 {
            let date = Date(timeIntervalSince1970: Double(Int.random(in: -2_000_000_000...4_000_000_000)) + 0.25)
            let text = formatter.string(from: date)
            XCTAssertEqual(RFC3339.parse(text)?.timeIntervalSince1970 ?? 0, date.timeIntervalSince1970, accuracy: 0.001, text)
        }
        XCTAssertEqual(RFC3339.parse("2026-11-18T08:00:00.123456789+08:00")?.timeIntervalSince1970 ?? 0,
                       formatter.date(from: "2026-11-18T00:00:00.123Z")!.timeIntervalSince1970, accuracy: 0.001)
        for bad in ["2026-13-01T00:00:00Z", "2026-11-18T25:00:00Z", "2026-11-18T08:00:00", "2026-11-18T08:00:00.Z", "yesterday",
                    "2026-11-18T08:00:00+0800", "2026-11-18T08:00:00Zjunk"] {
            XCTAssertNil(RFC3339.parse(bad), bad)
        }
    }
}
