import Foundation
import XCTest
import ZoneOpsWire
@testable import ZoneSimulator

/// What the simulated devices answer, read back with the same codecs the probes use, and how
/// the scenarios change it over time.
final class DeviceAnswersTests: XCTestCase {
    let start = Date(timeIntervalSince1970: 1_796_000_000)
    let switchA = SimDevice(tag: "SW", kind: .snmpAgent, address: "127.10.0.1", interfaces: 4)
    let camera = SimDevice(tag: "CAM", kind: .rtspCamera, address: "127.20.1.1", upstream: ["SW"], nvr: "NVR", channel: 2)
    let nvr = SimDevice(tag: "NVR", kind: .isapiNVR, address: "127.21.0.1", channels: 3)
    let ups = SimDevice(tag: "UPS", kind: .upsAgent, address: "127.40.0.1")
    let sensor = SimDevice(tag: "TH", kind: .modbusSensor, address: "127.40.0.3", temperature: 23, humidity: 48)
    let app = SimDevice(tag: "APP", kind: .httpService, address: "127.50.0.1")

    func scenario(_ effect: Scenario.Effect, _ targets: [String]) -> Scenario {
        Scenario(key: effect.rawValue, titleZh: "", titleEn: "", effect: effect, targets: targets)
    }

    func readings(_ running: [Scenario] = [], at seconds: Double = 0) -> DeviceReadings {
        var conditions = ZoneConditions()
        for item in running { conditions.start(item, at: start) }
        let devices = Dictionary(uniqueKeysWithValues: [switchA, camera, nvr, ups, sensor, app].map { ($0.tag, $0) })
        return DeviceReadings(devices: devices, conditions: conditions, now: start.addingTimeInterval(seconds), started: start)
    }

    func send(_ request: String, to device: SimDevice, _ readings: DeviceReadings) -> (head: ResponseHead, body: String)? {
        guard case .send(let bytes, _, _) = DeviceAnswers.stream(Array(request.utf8), device: device, readings: readings),
              let head = ResponseHead.parse(bytes) else { return nil }
        return (head, String(decoding: bytes[head.bodyOffset...], as: UTF8.self))
    }

    func testSNMPAgentAnswersGetWalkAndBulkAndIgnoresTheWrongCommunity() throws {
        let now = readings()
        let get = SNMPMessage.get([.sysUpTime, .sysName, OID("1.3.6.1.2.1.99.0")!], community: "public", requestId: 7).encoded
        let answer = try SNMPMessage(decoding: try XCTUnwrap(DeviceAnswers.snmp(get, device: switchA, readings: now)))
        XCTAssertEqual(answer.type, .response)
        XCTAssertEqual(answer.requestId, 7)
        XCTAssertGreaterThan(answer.varBinds[0].value.number ?? 0, 0)
        XCTAssertEqual(answer.varBinds[1].value.text, "SW")
        XCTAssertEqual(answer.varBinds[2].value, .noSuchObject)
        // Walking ifOperStatus with GETBULK: four rows, the last two ports down (and admin down).
        let bulk = SNMPMessage.getBulk([.ifOperStatus], maxRepetitions: 10, community: "public", requestId: 8).encoded
        let rows = try SNMPMessage(decoding: try XCTUnwrap(DeviceAnswers.snmp(bulk, device: switchA, readings: now))).varBinds
        let oper = rows.filter { $0.oid.isWithin(.ifOperStatus) && !$0.value.isException }
        XCTAssertEqual(oper.map { $0.value.number ?? 0 }, [1, 1, 2, 2])
        let next = SNMPMessage.getNext([OID("1.3.6.1.2.1.2.2.1.8.4")!], community: "public", requestId: 9).encoded
        // Past the last object: endOfMibView (RFC 3416), which ends a walk.
        XCTAssertEqual(try SNMPMessage(decoding: try XCTUnwrap(DeviceAnswers.snmp(next, device: switchA, readings: now))).varBinds[0].value,
                       .endOfMibView)
        XCTAssertNil(DeviceAnswers.snmp(SNMPMessage.get([.sysUpTime], community: "private", requestId: 1).encoded, device: switchA, readings: now))
        XCTAssertNil(DeviceAnswers.snmp([0x30, 0x03, 0x02, 0x01], device: switchA, readings: now))
    }

    func testAFailedSwitchSilencesItsCamerasAndTheirNVRChannels() {
        let failed = readings([scenario(.fail, ["SW"])])
        XCTAssertFalse(failed.answers("SW"))
        XCTAssertFalse(failed.answers("CAM"))
        XCTAssertTrue(failed.answers("NVR"))
        XCTAssertFalse(failed.channelOnline(nvr: "NVR", channel: 2))
        XCTAssertTrue(failed.channelOnline(nvr: "NVR", channel: 1))
        XCTAssertTrue(readings().answers("CAM"))
    }

    func testRTSPCameraAnswersOptionsAndDescribe() throws {
        let options = try XCTUnwrap(send("OPTIONS rtsp://127.20.1.1:8554/Streaming/Channels/101 RTSP/1.0\r\nCSeq: 1\r\n\r\n", to: camera, readings()))
        XCTAssertEqual(options.head.status, 200)
        XCTAssertEqual(options.head.headers["cseq"], "1")
        let describe = try XCTUnwrap(send("DESCRIBE rtsp://127.20.1.1:8554/ RTSP/1.0\r\nCSeq: 2\r\nAccept: application/sdp\r\n\r\n", to: camera, readings()))
        XCTAssertEqual(describe.head.headers["content-type"], "application/sdp")
        XCTAssertTrue(describe.body.contains("m=video"))
        XCTAssertEqual(DeviceAnswers.stream(Array("OPTIONS rtsp://x RTSP/1.0\r\n".utf8), device: camera, readings: readings()), .more)
    }

    func testModbusSensorReadsTenthsAndWarmsInARoomHeatScenario() throws {
        let request = Modbus.readRequest(transaction: 5, unit: 1, input: false, address: 0, count: 2)
        guard case .send(let bytes, _, false) = DeviceAnswers.stream(request, device: sensor, readings: readings()) else { return XCTFail() }
        let registers = try Modbus.registers(bytes, transaction: 5)
        XCTAssertEqual(Double(registers[0]) / 10, 23, accuracy: 0.5)
        XCTAssertEqual(Double(registers[1]) / 10, 48, accuracy: 2)
        // One degree every 5 s, at most 12 above.
        let warm = readings([scenario(.heat, ["TH"])], at: 40)
        XCTAssertEqual(warm.temperature(sensor), 31, accuracy: 0.5)
        XCTAssertEqual(readings([scenario(.heat, ["TH"])], at: 600).temperature(sensor), 35, accuracy: 0.5)
        // An address the sensor does not have: exception 2.
        let wrong = Modbus.readRequest(transaction: 6, unit: 1, input: true, address: 5, count: 1)
        guard case .send(let refused, _, _) = DeviceAnswers.stream(wrong, device: sensor, readings: readings()) else { return XCTFail() }
        XCTAssertThrowsError(try Modbus.registers(refused, transaction: 6)) { XCTAssertEqual($0 as? Modbus.Failure, .exception(2)) }
    }

    func testUPSOnBatteryCountsDownAndTheHealthEndpointSlowsThenFails() throws {
        XCTAssertEqual(readings().ups(ups).outputSource, 3)
        // Ten minutes of battery gone every minute; low under 10, depleted at 0.
        XCTAssertEqual(readings([scenario(.onBattery, ["UPS"])], at: 60).ups(ups), DeviceReadings.UPS(batteryStatus: 2, minutesRemaining: 38, outputSource: 5, alarms: 1))
        XCTAssertEqual(readings([scenario(.onBattery, ["UPS"])], at: 240).ups(ups).batteryStatus, 3)
        XCTAssertEqual(readings([scenario(.onBattery, ["UPS"])], at: 2400).ups(ups).batteryStatus, 4)

        let health = "GET /health HTTP/1.1\r\nHost: x\r\n\r\n"
        let fine = try XCTUnwrap(send(health, to: app, readings()))
        XCTAssertEqual(fine.head.status, 200)
        XCTAssertTrue(fine.body.contains("UP"))
        guard case .send(_, let delay, _) = DeviceAnswers.stream(Array(health.utf8), device: app, readings: readings([scenario(.slowThenFail, ["APP"])], at: 10))
        else { return XCTFail() }
        XCTAssertEqual(delay, 1500)
        XCTAssertEqual(send(health, to: app, readings([scenario(.slowThenFail, ["APP"])], at: 90))?.head.status, 503)
        XCTAssertEqual(send("GET /other HTTP/1.1\r\n\r\n", to: app, readings())?.head.status, 404)
    }

    /// The Authorization header a client sends after the NVR's challenge, as the ISAPI probe makes it.
    func authorized(_ method: String, _ path: String, password: String = SimDevice.isapiPassword) throws -> String {
        let refused = try XCTUnwrap(send("\(method) \(path) HTTP/1.1\r\n\r\n", to: nvr, readings()))
        XCTAssertEqual(refused.head.status, 401)
        let challenge = try XCTUnwrap(refused.head.headers["www-authenticate"])
        let header = try XCTUnwrap(HTTPAuth.authorization(challenge: challenge, method: method, uri: path, user: SimDevice.isapiUser, password: password))
        return "Authorization: \(header)\r\n"
    }

    func testNVRDemandsDigestAuthenticationAndRefusesAWrongPassword() throws {
        let refused = try XCTUnwrap(send("GET \(ISAPI.hddPath) HTTP/1.1\r\n\r\n", to: nvr, readings()))
        XCTAssertEqual(refused.head.status, 401)
        XCTAssertTrue(refused.head.headers["www-authenticate"]?.hasPrefix("Digest") ?? false)
        let wrong = try authorized("GET", ISAPI.hddPath, password: "guess")
        XCTAssertEqual(send("GET \(ISAPI.hddPath) HTTP/1.1\r\n\(wrong)\r\n", to: nvr, readings())?.head.status, 401)
        let right = try authorized("GET", ISAPI.hddPath)
        XCTAssertEqual(send("GET \(ISAPI.hddPath) HTTP/1.1\r\n\(right)\r\n", to: nvr, readings())?.head.status, 200)
        // An answer for one path does not open another (the digest covers the URI).
        XCTAssertEqual(send("GET \(ISAPI.channelsPath) HTTP/1.1\r\n\(right)\r\n", to: nvr, readings())?.head.status, 401)
        XCTAssertTrue(HTTPAuth.verifyDigest(String(right.dropFirst("Authorization: ".count).dropLast(2)), method: "GET", uri: ISAPI.hddPath, user: "admin",
                                            password: SimDevice.isapiPassword, realm: SimDevice.isapiRealm, nonce: SimDevice.isapiNonce("NVR")))
    }

    func testNVRAnswersISAPIAndItsRetentionDropsWhenTheDisksFill() throws {
        let hddAuth = try authorized("GET", ISAPI.hddPath), channelsAuth = try authorized("GET", ISAPI.channelsPath)
        let searchAuth = try authorized("POST", ISAPI.searchPath)
        let hdd = try XCTUnwrap(send("GET \(ISAPI.hddPath) HTTP/1.1\r\n\(hddAuth)\r\n", to: nvr, readings()))
        XCTAssertEqual(ISAPI.disks(hdd.body).count, 4)
        XCTAssertGreaterThan(ISAPI.disks(hdd.body).compactMap(\.freeMB).reduce(0, +), 0)
        let channels = try XCTUnwrap(send("GET \(ISAPI.channelsPath) HTTP/1.1\r\n\(channelsAuth)\r\n", to: nvr, readings([scenario(.fail, ["CAM"])])))
        XCTAssertEqual(ISAPI.channels(channels.body).map(\.online), [true, false, true])

        func earliest(_ readings: DeviceReadings) throws -> Double {
            let body = ISAPI.searchRequest(track: 101, from: start.addingTimeInterval(-400 * 86_400), to: start, searchID: "x")
            let search = try XCTUnwrap(send("POST \(ISAPI.searchPath) HTTP/1.1\r\n\(searchAuth)Content-Length: \(body.utf8.count)\r\n\r\n\(body)", to: nvr, readings))
            let first = try XCTUnwrap(ISAPI.earliestRecording(search.body))
            return readings.now.timeIntervalSince(first) / 86_400
        }
        XCTAssertGreaterThanOrEqual(try earliest(readings()), 90)
        XCTAssertLessThan(try earliest(readings([scenario(.diskFull, ["NVR"])])), 90)
        // A search whose body has not fully arrived waits for the rest.
        XCTAssertEqual(DeviceAnswers.stream(Array("POST \(ISAPI.searchPath) HTTP/1.1\r\nContent-Length: 50\r\n\r\n<x>".utf8), device: nvr, readings: readings()),
                       .more)
    }

    func testScenariosClearOnlyWhatNoOtherRunningScenarioHolds() {
        var conditions = ZoneConditions()
        let one = Scenario(key: "a", titleZh: "", titleEn: "", effect: .fail, targets: ["SW", "CAM"])
        let two = Scenario(key: "b", titleZh: "", titleEn: "", effect: .fail, targets: ["CAM"])
        conditions.start(one, at: start)
        conditions.start(two, at: start)
        conditions.clear(one, others: [one, two])
        XCTAssertNil(conditions.since(.fail, on: "SW"))
        XCTAssertNotNil(conditions.since(.fail, on: "CAM"))
        XCTAssertEqual(Array(conditions.running.keys), ["b"])
    }
}
