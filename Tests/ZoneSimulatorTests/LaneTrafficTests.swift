import Foundation
import XCTest
import ZoneOpsWire
@testable import ZoneSimulator

/// The simulated lane controllers' reports.
final class LaneTrafficTests: XCTestCase {
    let truck = LaneProfile(code: "K01-IN", areaId: "4101K001", plateCamera: "CAM", truck: true, doubleGate: true, inbound: true)
    let car = LaneProfile(code: "K03-IN", areaId: "4101K001", plateCamera: "CAM3", truck: false, doubleGate: false, inbound: true)
    let start = Date(timeIntervalSince1970: 1_795_000_000)

    func testTruckPassesCarryValidContainersWeightsAndCustomsReplies() {
        var traffic = LaneTraffic(seed: 42)
        var recognised = 0, manual = 0, withContainers = 0
        var seqs = Set<Int64>()
        for index in 0..<1000 {
            let pass = traffic.pass(on: truck, leftAt: start.addingTimeInterval(Double(index) * 60))
            XCTAssertTrue(seqs.insert(pass.seq).inserted, "seqs are unique")
            for number in pass.containers ?? [] { XCTAssertTrue(ContainerNumber.isValid(number), number) }
            if pass.containers != nil { withContainers += 1 }
            XCTAssertTrue((12_000...48_000).contains(pass.weightKg ?? 0))
            XCTAssertEqual(pass.releaseStatus, 4, "a double-gate lane reports gate 2 passed")
            XCTAssertTrue(pass.releaseNote?.hasPrefix("H4101K001") ?? false)
            let arrived = RFC3339.parse(pass.arrivedAt)!, left = RFC3339.parse(pass.leftAt!)!
            XCTAssertTrue(arrived < left && left.timeIntervalSince(arrived) <= 300)
            if pass.plate != nil { recognised += 1 }
            if pass.manual == true {
                manual += 1
                XCTAssertNotNil(pass.manualReason)
                XCTAssertNotNil(pass.approver)
            }
        }
        XCTAssertTrue((950...995).contains(recognised), "about 97 % read: \(recognised)")
        XCTAssertTrue((20...120).contains(manual), "a few manual releases: \(manual)")
        XCTAssertTrue((600...800).contains(withContainers), "about 70 % carry containers: \(withContainers)")
    }

    func testACarLaneHasNoWeighbridgeAndAStoppedCameraSendsMostVehiclesToManualRelease() {
        var traffic = LaneTraffic(seed: 7)
        let cars = (0..<100).map { traffic.pass(on: car, leftAt: start.addingTimeInterval(Double($0))) }
        XCTAssertTrue(cars.allSatisfy { $0.weightKg == nil && $0.containers == nil && $0.releaseStatus == 2 })
        let blind = (0..<100).map { traffic.pass(on: truck, leftAt: start.addingTimeInterval(Double($0)), recognising: false) }
        let unread = blind.filter { $0.plate == nil }
        XCTAssertGreaterThan(unread.count, 80)
        XCTAssertTrue(unread.allSatisfy { $0.manual == true && $0.manualReason?.contains("车牌未识别") == true })
        XCTAssertTrue(blind.filter { $0.rfidPlate != nil }.count > 80, "the RFID reader still reads")
    }

    func testTheSameSeedMakesTheSameTraffic() {
        var a = LaneTraffic(seed: 9), b = LaneTraffic(seed: 9)
        for index in 0..<50 {
            XCTAssertEqual(a.pass(on: truck, leftAt: start.addingTimeInterval(Double(index))), b.pass(on: truck, leftAt: start.addingTimeInterval(Double(index))))
        }
    }
}
