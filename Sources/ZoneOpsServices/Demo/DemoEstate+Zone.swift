import Foundation
import ZoneOpsDomain
import ZoneOpsStore

/// The bulk of the demo zone, generated: the second machine room and the monitoring centre, the
/// second checkpoint and lanes 2–6, the access and aggregation switches, the servers and
/// services of the four business systems, 8 NVRs with 240 cameras, and each device's simulated
/// twin (`SimDevice`) on its own loopback address.
extension DemoEstate {
    static let room2 = "郑州经开综保区/监管中心/2号机房"
    static let rackB01 = "郑州经开综保区/监管中心/2号机房/B01机柜"
    static let centre = "郑州经开综保区/监管中心/监控中心"
    static let checkpoint2 = "郑州经开综保区/2号卡口"
    static let warehouse = "郑州经开综保区/监管仓库"
    static let perimeter = "郑州经开综保区/围网"

    static func lanePath(_ number: Int) -> String { (number <= 3 ? checkpoint : checkpoint2) + "/\(number)号通道（\(laneSpec(number).inbound ? "进区" : "出区")）" }

    static let zonePlaces: [(path: String, kind: LocationKind)] = [
        (room2, .room), (rackB01, .rack), (centre, .room), (checkpoint2, .checkpoint),
        (warehouse, .building), (perimeter, .site),
    ] + (2...6).map { (lanePath($0), .lane) }

    /// Lanes 1–3 at checkpoint 1, 4–6 at checkpoint 2: direction, vehicles, gates.
    static func laneSpec(_ number: Int) -> (inbound: Bool, truck: Bool, double: Bool) {
        [(true, true, true), (false, true, true), (true, false, false), (true, true, true), (false, true, true), (false, false, false)][number - 1]
    }

    // MARK: Network, servers, business systems

    static let zoneItems: [Item] = {
        var items: [Item] = [
            Item(tag: "ZB-NET-009", type: "switch", name: "1号汇聚交换机", place: rackA01, fields: [.ip: "10.8.0.9", .vendor: "华三", .model: "S6520X"],
                 attributes: ["layer": "aggregation", "ports": "48"]),
            Item(tag: "ZB-NET-010", type: "switch", name: "2号汇聚交换机", place: rackB01, fields: [.ip: "10.8.0.10", .vendor: "华三", .model: "S6520X"],
                 attributes: ["layer": "aggregation", "ports": "48"]),
            Item(tag: "ZB-NET-014", type: "switch", name: "2号卡口接入交换机", place: checkpoint2, fields: [.ip: "10.8.11.1", .vendor: "华三", .model: "S5130"],
                 attributes: ["layer": "access", "ports": "24"]),
            Item(tag: "ZB-JF-101", type: "ups", name: "2号机房UPS", place: room2, fields: [.ip: "10.8.31.1", .vendor: "山特", .model: "3C3 Pro 40K"],
                 attributes: ["capacityKVA": "40"]),
            Item(tag: "ZB-JF-102", type: "precision_ac", name: "2号精密空调", place: room2, fields: [.ip: "10.8.31.2", .vendor: "艾默生"]),
            Item(tag: "ZB-JF-009", type: "th_sensor", name: "热通道温湿度传感器", place: room, attributes: ["roomClass": "B", "modbusRegister": "0"]),
            Item(tag: "ZB-JF-103", type: "th_sensor", name: "2号机房温湿度传感器", place: room2, attributes: ["roomClass": "B", "modbusRegister": "0"]),
            Item(tag: "ZB-JF-104", type: "leak_sensor", name: "2号机房漏水传感器", place: room2),
            Item(tag: "ZB-JF-105", type: "th_sensor", name: "监控中心温湿度传感器", place: centre, attributes: ["roomClass": "C", "modbusRegister": "0"]),
        ]
        for (index, name) in ["2号监控接入交换机", "3号监控接入交换机", "4号监控接入交换机"].enumerated() {
            items.append(Item(tag: String(format: "ZB-NET-%03d", 11 + index), type: "switch", name: name, place: index == 0 ? rackA02 : rackB01,
                              fields: [.ip: "10.8.2\(index + 1).1", .vendor: "华三", .model: "S5130"], attributes: ["layer": "access", "ports": "48"]))
        }
        let servers = ["海关端应用服务器", "企业报关应用服务器", "视频管理服务器", "卡口管理服务器", "卡口数据库服务器", "运维监控服务器",
                       "日志审计服务器", "备份服务器", "物流平台应用服务器（备）", "传输平台服务器（备）", "接口服务器", "文件服务器",
                       "域控服务器", "防病毒管理服务器", "堡垒机", "测试服务器", "虚拟化主机"]
        for (index, name) in servers.enumerated() {
            items.append(Item(tag: String(format: "ZB-SRV-%03d", 4 + index), type: "server", name: name, place: index % 2 == 0 ? rackA01 : rackB01,
                              fields: [.ip: "10.8.1.\(40 + index)", .vendor: index % 3 == 0 ? "浪潮" : "华为"],
                              attributes: ["form": "physical", "os": index % 4 == 0 ? "Windows Server 2019" : "麒麟 V10"]))
        }
        let databases = [("ZB-DB-002", "传输平台数据库", "ZB-SRV-002"), ("ZB-DB-003", "海关端数据库", "ZB-SRV-004"), ("ZB-DB-004", "卡口业务数据库", "ZB-SRV-008")]
        for (tag, name, _) in databases {
            items.append(Item(tag: tag, type: "database", name: name, place: nil, fields: [.criticality: "1"], attributes: ["engine": "oracle", "port": "1521"]))
        }
        for (system, services) in serviceNames {
            for (index, name) in services.enumerated() {
                items.append(Item(tag: "\(system)-S\(index + 1)", type: "service", name: name, place: nil, fields: [.criticality: "2"]))
            }
        }
        return items
    }()

    static let serviceNames: [(String, [String])] = [
        ("ZB-APP-001", ["物流平台接口服务", "物流平台消息队列"]), ("ZB-APP-002", ["报文传输服务", "报文回执服务"]),
        ("ZB-APP-003", ["海关端审批服务", "海关端查验服务"]), ("ZB-APP-004", ["报关单申报服务", "报关单回执服务"]),
    ]

    static let zoneRelations: [(String, RelationType, String)] = {
        var relations: [(String, RelationType, String)] = [
            ("ZB-NET-009", .connectedTo, "ZB-NET-001"), ("ZB-NET-010", .connectedTo, "ZB-NET-001"),
            ("ZB-NET-014", .connectedTo, "ZB-NET-010"), ("ZB-NET-011", .connectedTo, "ZB-NET-009"),
            ("ZB-NET-012", .connectedTo, "ZB-NET-010"), ("ZB-NET-013", .connectedTo, "ZB-NET-010"),
            ("ZB-NET-009", .dependsOn, "ZB-JF-001"), ("ZB-NET-010", .dependsOn, "ZB-JF-101"),
            ("ZB-DB-002", .hostedOn, "ZB-SRV-002"), ("ZB-DB-003", .hostedOn, "ZB-SRV-004"), ("ZB-DB-004", .hostedOn, "ZB-SRV-008"),
            ("ZB-APP-002", .dependsOn, "ZB-DB-002"), ("ZB-APP-003", .dependsOn, "ZB-DB-003"), ("ZB-APP-003", .hostedOn, "ZB-SRV-004"),
            ("ZB-APP-004", .hostedOn, "ZB-SRV-005"),
        ]
        for index in 0..<17 {
            let tag = String(format: "ZB-SRV-%03d", 4 + index)
            relations.append((tag, .connectedTo, index % 2 == 0 ? "ZB-NET-009" : "ZB-NET-010"))
            relations.append((tag, .dependsOn, index % 2 == 0 ? "ZB-JF-001" : "ZB-JF-101"))
        }
        for (system, services) in serviceNames {
            for index in services.indices { relations.append(("\(system)-S\(index + 1)", .partOf, system)) }
        }
        return relations
    }()

    // MARK: Video: 8 NVRs, 240 cameras

    /// NVR n (1…8): its tag (NVR 1 is the hand-written ZB-VID-001), its area and access switch.
    static func nvrTag(_ n: Int) -> String { n == 1 ? "ZB-VID-001" : String(format: "ZB-NVR-%03d", n) }
    static func nvrSwitch(_ n: Int) -> String { ["ZB-NET-003", "ZB-NET-011", "ZB-NET-012", "ZB-NET-013"][(n - 1) / 2] }
    static let camerasPerNVR = 30
    /// The hand-written cameras take NVR 1's first channels.
    static let namedCameras = ["ZB-VID-011", "ZB-VID-012", "ZB-VID-013"]
    static func cameraTag(nvr: Int, channel: Int) -> String {
        nvr == 1 && channel <= namedCameras.count ? namedCameras[channel - 1] : String(format: "ZB-CAM-%d%02d", nvr, channel)
    }

    static let videoItems: [Item] = {
        var items: [Item] = []
        let areas = [(1, "卡口", checkpoint, "01"), (2, "监管仓库", warehouse, "02"), (3, "监管仓库", warehouse, "02"), (4, "监管仓库", warehouse, "02"),
                     (5, "查验场地", warehouse, "03"), (6, "围网", perimeter, "04"), (7, "围网", perimeter, "04"), (8, "围网", perimeter, "04")]
        for (n, area, place, position) in areas {
            if n > 1 {
                items.append(Item(tag: nvrTag(n), type: "nvr", name: "\(n)号硬盘录像机", place: n <= 4 ? rackA02 : rackB01,
                                  fields: [.ip: "10.8.2\((n - 1) / 2).\(10 + n)", .vendor: "海康威视", .model: "DS-9664N-I16"],
                                  attributes: ["channels": "64", "diskTB": "128", "retentionDays": "90"]))
            }
            for channel in 1...camerasPerNVR where !(n == 1 && channel <= namedCameras.count) {
                let number = (n - 1) * camerasPerNVR + channel
                let form = channel % 10 == 0 ? "dome" : channel % 7 == 0 ? "ptz" : "bullet"
                items.append(Item(tag: cameraTag(nvr: n, channel: channel), type: "camera", name: "\(area)摄像机-\(String(format: "%03d", number))",
                                  place: place, fields: [.ip: "10.8.\(120 + n).\(channel)", .vendor: channel % 4 == 0 ? "大华" : "海康威视"],
                                  attributes: ["customsCode": "410100111013235" + position + String(format: "%03d", number % 1000),
                                               "form": form, "resolution": "400万"]))
            }
        }
        return items
    }()

    static let videoRelations: [(String, RelationType, String)] = {
        var relations: [(String, RelationType, String)] = []
        for n in 1...8 {
            if n > 1 { relations.append((nvrTag(n), .connectedTo, nvrSwitch(n))) }
            for channel in 1...camerasPerNVR {
                let camera = cameraTag(nvr: n, channel: channel)
                if !(n == 1 && channel <= namedCameras.count) { relations.append((camera, .connectedTo, nvrSwitch(n))) }
                // Its recording depends on its NVR (the video board groups cameras under their NVR).
                relations.append((camera, .dependsOn, nvrTag(n)))
            }
        }
        return relations
    }()

    // MARK: Lanes 2–6

    static let laneItemsMore: [Item] = {
        var items: [Item] = [
            Item(tag: "ZB-KK-002", type: "checkpoint", name: "2号卡口", place: checkpoint2, fields: [.customsCritical: "true"], attributes: ["areaId": "4101K002"]),
        ]
        for lane in 2...6 {
            let spec = laneSpec(lane), place = lanePath(lane), prefix = "ZB-KK-\(lane)"
            let net = { (host: Int) in "10.8.\(lane <= 3 ? 10 : 11).\(lane * 20 + host)" }
            items.append(Item(tag: "\(prefix)10", type: "lane", name: "\(lane)号通道（\(spec.inbound ? "进区" : "出区")）", place: place,
                              fields: [.customsCritical: "true"],
                              attributes: ["chnlNo": String(format: "K%02d-%@", lane, spec.inbound ? "IN" : "OUT"), "direction": spec.inbound ? "in" : "out",
                                           "laneType": spec.truck ? "truck" : "car", "gates": spec.double ? "double" : "single"]))
            items.append(Item(tag: "\(prefix)11", type: "lane_controller", name: "\(lane)号通道控制机", place: place, fields: [.ip: net(1)],
                              attributes: ["os": "Windows 10 IoT"]))
            items.append(Item(tag: "\(prefix)12", type: "plate_camera", name: "\(lane)号通道前车牌相机", place: place, fields: [.ip: net(2)],
                              attributes: ["position": "front"]))
            items.append(Item(tag: "\(prefix)13", type: "plate_camera", name: "\(lane)号通道后车牌相机", place: place, fields: [.ip: net(3)],
                              attributes: ["position": "rear"]))
            items.append(Item(tag: "\(prefix)15", type: "rfid_reader", name: "\(lane)号通道电子车牌读写器", place: place, fields: [.ip: net(5)]))
            items.append(Item(tag: "\(prefix)16", type: "ic_card_reader", name: "\(lane)号通道IC卡读卡器", place: place))
            items.append(Item(tag: "\(prefix)18", type: "barrier_gate", name: "\(lane)号通道验放道闸", place: place, attributes: ["gateRole": "release"]))
            items.append(Item(tag: "\(prefix)20", type: "loop_sensor", name: "\(lane)号通道地感线圈", place: place, attributes: ["form": "loop"]))
            items.append(Item(tag: "\(prefix)22", type: "led_screen", name: "\(lane)号通道LED显示屏", place: place, fields: [.ip: net(8)]))
            if spec.truck {
                items.append(Item(tag: "\(prefix)14", type: "container_ocr", name: "\(lane)号通道箱号识别相机", place: place, fields: [.ip: net(4)]))
                items.append(Item(tag: "\(prefix)17", type: "weighbridge", name: "\(lane)号通道地磅", place: place, attributes: ["maxTonnes": "100"]))
            }
            if spec.double {
                items.append(Item(tag: "\(prefix)19", type: "barrier_gate", name: "\(lane)号通道复核道闸", place: place, attributes: ["gateRole": "recheck"]))
            }
        }
        return items
    }()

    static let laneRelationsMore: [(String, RelationType, String)] = {
        var relations: [(String, RelationType, String)] = []
        let tags = Set(laneItemsMore.map(\.tag))
        for lane in 2...6 {
            let prefix = "ZB-KK-\(lane)"
            relations.append(("\(prefix)10", .partOf, lane <= 3 ? "ZB-KK-001" : "ZB-KK-002"))
            relations.append(("\(prefix)11", .connectedTo, lane <= 3 ? "ZB-NET-002" : "ZB-NET-014"))
            for device in 12...22 where tags.contains("\(prefix)\(device)") {
                relations.append(("\(prefix)\(device)", .partOf, "\(prefix)10"))
                relations.append(("\(prefix)\(device)", .dependsOn, "\(prefix)11"))
            }
        }
        return relations
    }()
}
