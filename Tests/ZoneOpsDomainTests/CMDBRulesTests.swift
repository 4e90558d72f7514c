import XCTest
@testable import ZoneOpsDomain

final class CMDBRulesTests: XCTestCase {
    func testBuiltInTypesAreExactlyTheKeysOfAPImd() {
        let keys = ["business_system", "service", "database", "server", "storage", "fc_switch", "backup", "switch", "router",
                    "firewall", "av_gateway", "network_audit", "link", "camera", "nvr", "nvr_channel", "video_link",
                    "checkpoint", "lane", "plate_camera", "container_ocr", "rfid_reader", "ic_card_reader", "weighbridge",
                    "barrier_gate", "loop_sensor", "traffic_light", "led_screen", "intercom", "lane_controller", "ups",
                    "precision_ac", "th_sensor", "leak_sensor", "smoke_sensor", "door_sensor", "pdu", "cabling"]
        XCTAssertEqual(BuiltInCITypes.all.map(\.key), keys)
        for type in BuiltInCITypes.all {
            XCTAssertTrue(type.zh.unicodeScalars.contains { $0.value >= 0x4E00 } || ["UPS", "PDU"].contains(type.zh), type.key)
            XCTAssertEqual(Set(type.attributes.map(\.key)).count, type.attributes.count, "\(type.key) repeats an attribute")
        }
    }

    func testIPAddresses() {
        XCTAssertEqual(IPAddress.normalize("10.8.1.20"), "10.8.1.20")
        XCTAssertEqual(IPAddress.normalize("010.8.1.020"), "10.8.1.20")
        XCTAssertEqual(IPAddress.normalize("FE80::1"), "fe80::1")
        XCTAssertEqual(IPAddress.normalize("::ffff:192.0.2.1"), "::ffff:192.0.2.1")
        XCTAssertEqual(IPAddress.normalize("2001:db8:0:0:0:0:2:1"), "2001:db8:0:0:0:0:2:1")
        for bad in ["10.8.1", "10.8.1.256", "10.8.1.2.3", "abc", "1::2::3", "2001:db8:0:0:0:0:2", "12345::", "", "１０.8.1.1"] {
            XCTAssertNil(IPAddress.normalize(bad), bad)
        }
    }

    func testCustomsCameraCodes() throws {
        let code = try CustomsCameraCode.validate("41010011101323500001").get()
        XCTAssertEqual(code.district, "4101")
        XCTAssertTrue(code.controlledByCustoms)
        XCTAssertEqual(code.deviceType, "132")
        XCTAssertEqual(code.siteClass, "35")
        XCTAssertEqual(CustomsCameraCode.validate("4101001110132350000"), .failure(.cameraCodeLength))
        XCTAssertEqual(CustomsCameraCode.validate("4101001310132350000X"), .failure(.cameraCodeLength))
        XCTAssertEqual(CustomsCameraCode.validate("41010014101323500001"), .failure(.cameraCodeController))
        XCTAssertEqual(CustomsCameraCode.validate("41010010101323500001"), .failure(.cameraCodeController))
        // Public security, border defence and other controllers are valid too (DOMAIN.md).
        for (digit, controller) in [("2", CustomsCameraCode.Controller.publicSecurity), ("3", .borderDefence), ("6", .other)] {
            let valid = try CustomsCameraCode.validate("4101001\(digit)101323500001").get()
            XCTAssertEqual(valid.controller, controller)
            XCTAssertFalse(valid.controlledByCustoms)
        }
        let example = try CustomsCameraCode.validate("42010011101320803002").get()
        XCTAssertEqual(example.position, "03", "digits 16–17: the inspection platform")
        XCTAssertEqual(example.number, "002")
        XCTAssertEqual(example.siteClass, "08")
        XCTAssertEqual(CustomsCameraCode.validate("41010011201323500001"), .failure(.cameraCodeIndustry))
        XCTAssertEqual(CustomsCameraCode.validate("41010011101333500001"), .failure(.cameraCodeDeviceType))
    }

    func testDatesAsPeopleTypeThem() {
        XCTAssertEqual(CalendarDate(parsing: "2026-06-30")?.description, "2026-06-30")
        XCTAssertEqual(CalendarDate(parsing: "2026/6/3")?.description, "2026-06-03")
        XCTAssertEqual(CalendarDate(parsing: "2026年6月3日")?.description, "2026-06-03")
        XCTAssertNil(CalendarDate(parsing: "2026-02-30"))
        XCTAssertNil(CalendarDate(parsing: "明年"))
        XCTAssertEqual(CalendarDate(parsing: "2026-01-01")!.days(until: CalendarDate(parsing: "2026-03-01")!), 59)
    }

    func testTypeValidationReportsEveryProblemByKey() throws {
        let lane = BuiltInCITypes.all.first { $0.key == "lane" }!
        XCTAssertEqual(try lane.validate(["chnlNo": "K01", "direction": "进区", "gates": "double"]).get(),
                       ["chnlNo": "K01", "direction": "in", "gates": "double"])
        guard case .failure(let errors) = lane.validate(["direction": "sideways", "colour": "red"]) else {
            return XCTFail("accepted bad attributes")
        }
        XCTAssertEqual(errors.problems.map(\.key), ["colour", "direction", "chnlNo"])
        XCTAssertEqual(errors.problems.map(\.problem), [.unknownAttribute, .notAChoice, .required])
    }

    func testBooleansAndChoicesAcceptChineseAndEnglish() {
        XCTAssertEqual(try AttributeKind.boolean.normalize("是").get(), "true")
        let form: AttributeKind = .choice([.init("physical", "物理机", "physical")])
        XCTAssertEqual(try form.normalize("物理机").get(), "physical")
        XCTAssertEqual(try form.normalize("Physical").get(), "physical")
    }
}

final class ImpactGraphTests: XCTestCase {
    /// core ← access1 ← cam1, cam2; core ← access2 ← cam3; app hosted on vm, vm on host; backup backs up db.
    let edges: [RelationEdge] = [
        .init(source: "access1", target: "core", type: .connectedTo),
        .init(source: "access2", target: "core", type: .connectedTo),
        .init(source: "cam1", target: "access1", type: .connectedTo),
        .init(source: "cam2", target: "access1", type: .connectedTo),
        .init(source: "cam3", target: "access2", type: .connectedTo),
        .init(source: "app", target: "vm", type: .hostedOn),
        .init(source: "vm", target: "host", type: .hostedOn),
        .init(source: "host", target: "core", type: .connectedTo),
        .init(source: "backup", target: "db", type: .backsUp),
    ]

    func testCoreSwitchFailureReachesEverythingBehindIt() {
        let graph = ImpactGraph(edges: edges)
        let impact = graph.impact(of: "core")
        XCTAssertEqual(Set(impact.map(\.id)), ["access1", "access2", "cam1", "cam2", "cam3", "host", "vm", "app"])
        let app = impact.first { $0.id == "app" }!
        XCTAssertEqual(app.path, ["core", "host", "vm", "app"])
        XCTAssertEqual(app.via, [.connectedTo, .hostedOn, .hostedOn])
        XCTAssertEqual(impact.map(\.depth), impact.map(\.depth).sorted(), "nearest first")
    }

    func testLeavesAndBackupsCarryNoImpact() {
        let graph = ImpactGraph(edges: edges)
        XCTAssertEqual(graph.impact(of: "cam1"), [])
        XCTAssertEqual(graph.impact(of: "db"), [], "a backup does not fail with what it backs up")
        XCTAssertEqual(graph.impact(of: "unknown"), [])
    }

    func testCyclesAreRefusedWhereTheyMakeNoSense() {
        let graph = ImpactGraph(edges: edges)
        XCTAssertTrue(graph.wouldCreateCycle(source: "host", target: "app", type: .hostedOn))
        XCTAssertTrue(graph.wouldCreateCycle(source: "x", target: "x", type: .dependsOn))
        XCTAssertFalse(graph.wouldCreateCycle(source: "core", target: "cam1", type: .connectedTo), "rings exist in networks")
        XCTAssertFalse(graph.wouldCreateCycle(source: "app", target: "host", type: .hostedOn))
    }

    func testShortestPathWins() {
        let graph = ImpactGraph(edges: [
            .init(source: "b", target: "a", type: .dependsOn), .init(source: "c", target: "b", type: .dependsOn),
            .init(source: "c", target: "a", type: .dependsOn),
        ])
        XCTAssertEqual(graph.impact(of: "a").first { $0.id == "c" }?.path, ["a", "c"])
    }
}
