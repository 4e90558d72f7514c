import Foundation
import ZoneOpsDomain

extension DemoEstate {
    static let room = "郑州经开综保区/监管中心/1号机房"
    static let rackA01 = "郑州经开综保区/监管中心/1号机房/A01机柜"
    static let rackA02 = "郑州经开综保区/监管中心/1号机房/A02机柜"
    static let lane = "郑州经开综保区/1号卡口/1号通道（进区）"
    static let checkpoint = "郑州经开综保区/1号卡口"

    static func items(today: Date) -> [Item] {
        let soon = { (days: Int) in day(days, from: today) }
        return [
            Item(tag: "ZB-APP-001", type: "business_system", name: "企业物流服务平台", place: nil,
                 fields: [.criticality: "1", .customsCritical: "true", .certificateEnd: soon(80)],
                 attributes: ["url": "https://wl.zbq.example/", "developer": "河南嘉尔达信息科技有限公司"]),
            Item(tag: "ZB-APP-002", type: "business_system", name: "平台系统传输平台", place: nil,
                 fields: [.criticality: "1", .customsCritical: "true"]),
            Item(tag: "ZB-APP-003", type: "business_system", name: "海关端系统", place: nil, fields: [.criticality: "1", .customsCritical: "true"]),
            Item(tag: "ZB-APP-004", type: "business_system", name: "企业报关系统", place: nil, fields: [.criticality: "2"]),
            Item(tag: "ZB-DB-001", type: "database", name: "物流平台数据库", place: nil, fields: [.criticality: "1"],
                 attributes: ["engine": "oracle", "instance": "WLDB", "port": "1521"]),
            Item(tag: "ZB-SRV-001", type: "server", name: "物流平台应用服务器", place: rackA01,
                 fields: [.ip: "10.8.1.21", .vendor: "华为", .model: "FusionServer 2288H V6", .serialNumber: "2102313LNS10N4000021",
                          .warrantyEnd: soon(200)],
                 attributes: ["form": "physical", "os": "麒麟 V10", "cpuCores": "32", "memoryGB": "128"]),
            Item(tag: "ZB-SRV-002", type: "server", name: "传输平台服务器", place: rackA01,
                 fields: [.ip: "10.8.1.22", .vendor: "华为", .model: "FusionServer 2288H V6"], attributes: ["form": "physical"]),
            Item(tag: "ZB-SRV-003", type: "server", name: "数据库服务器", place: rackA01,
                 fields: [.ip: "10.8.1.30", .vendor: "浪潮", .model: "NF5280M6", .warrantyEnd: soon(45)],
                 attributes: ["form": "physical", "memoryGB": "256"]),
            Item(tag: "ZB-STO-001", type: "storage", name: "集中存储阵列", place: rackA02,
                 fields: [.vendor: "华为", .model: "OceanStor 5300", .warrantyEnd: soon(-10)], attributes: ["capacityTB": "60", "raid": "RAID6"]),
            Item(tag: "ZB-FC-001", type: "fc_switch", name: "光纤交换机", place: rackA02, fields: [.vendor: "Brocade"], attributes: ["ports": "24"]),
            Item(tag: "ZB-BAK-001", type: "backup", name: "数据库备份系统", place: rackA02,
                 attributes: ["software": "爱数 AnyBackup", "schedule": "每日 01:00 全备", "retentionDays": "30"]),
            Item(tag: "ZB-NET-001", type: "switch", name: "核心交换机", place: rackA01,
                 fields: [.ip: "10.8.0.1", .vendor: "华三", .model: "S7506X", .criticality: "1"], attributes: ["layer": "core", "ports": "96"]),
            Item(tag: "ZB-NET-002", type: "switch", name: "卡口接入交换机", place: checkpoint,
                 fields: [.ip: "10.8.10.1", .vendor: "华三", .model: "S5130"], attributes: ["layer": "access", "ports": "24"]),
            Item(tag: "ZB-NET-003", type: "switch", name: "监控接入交换机", place: rackA02,
                 fields: [.ip: "10.8.20.1", .vendor: "华三", .model: "S5130"], attributes: ["layer": "access", "ports": "48"]),
            Item(tag: "ZB-NET-004", type: "firewall", name: "边界防火墙", place: rackA01,
                 fields: [.ip: "10.8.0.254", .vendor: "深信服", .licenceEnd: soon(50)], attributes: ["haMode": "active_standby"]),
            Item(tag: "ZB-NET-005", type: "router", name: "出口路由器", place: rackA01, fields: [.ip: "10.8.0.253", .vendor: "华为"]),
            Item(tag: "ZB-NET-006", type: "av_gateway", name: "防病毒网关", place: rackA01,
                 fields: [.ip: "10.8.0.252", .licenceEnd: soon(20)], attributes: ["signatureVersion": "2026.11.20", "signatureEnd": soon(20)]),
            Item(tag: "ZB-NET-007", type: "network_audit", name: "网络审计系统", place: rackA01, attributes: ["logRetentionDays": "180"]),
            Item(tag: "ZB-NET-008", type: "link", name: "海关专线", place: nil,
                 attributes: ["carrier": "中国电信", "bandwidthMbps": "100", "circuitId": "ZZ-HG-0371-0088"]),
            Item(tag: "ZB-VID-001", type: "nvr", name: "1号硬盘录像机", place: rackA02,
                 fields: [.ip: "10.8.20.10", .vendor: "海康威视"], attributes: ["channels": "64", "diskTB": "96", "retentionDays": "90"]),
            Item(tag: "ZB-VID-011", type: "camera", name: "1号卡口入区全景摄像机", place: checkpoint,
                 fields: [.ip: "10.8.20.101", .vendor: "海康威视", .customsCritical: "true"],
                 attributes: ["customsCode": "41010011101323500001", "form": "panoramic"]),
            Item(tag: "ZB-VID-012", type: "camera", name: "1号卡口出区全景摄像机", place: checkpoint,
                 fields: [.ip: "10.8.20.102", .vendor: "海康威视"], attributes: ["customsCode": "41010011101323500002", "form": "bullet"]),
            Item(tag: "ZB-VID-013", type: "camera", name: "监管仓库球机", place: nil,
                 fields: [.ip: "10.8.20.103", .vendor: "大华"], attributes: ["customsCode": "41010015101323500003", "form": "dome"]),
            Item(tag: "ZB-VID-021", type: "nvr_channel", name: "1号录像机通道1", place: rackA02, attributes: ["channelNo": "1"]),
            Item(tag: "ZB-VID-022", type: "nvr_channel", name: "1号录像机通道2", place: rackA02, attributes: ["channelNo": "2"]),
            Item(tag: "ZB-VID-030", type: "video_link", name: "海关视频联网链路", place: nil, attributes: ["standard": "gb28181"]),
        ] + laneItems + roomItems(soon)
    }

    static let laneItems: [Item] = [
        Item(tag: "ZB-KK-001", type: "checkpoint", name: "1号卡口", place: checkpoint, fields: [.customsCritical: "true"],
             attributes: ["areaId": "4101K001"]),
        Item(tag: "ZB-KK-010", type: "lane", name: "1号通道（进区）", place: lane, fields: [.customsCritical: "true"],
             attributes: ["chnlNo": "K01-IN", "direction": "in", "laneType": "truck", "gates": "double"]),
        Item(tag: "ZB-KK-011", type: "lane_controller", name: "1号通道控制机", place: lane, fields: [.ip: "10.8.10.11"], attributes: ["os": "Windows 10 IoT"]),
        Item(tag: "ZB-KK-012", type: "plate_camera", name: "1号通道前车牌相机", place: lane, fields: [.ip: "10.8.10.12"], attributes: ["position": "front"]),
        Item(tag: "ZB-KK-013", type: "plate_camera", name: "1号通道后车牌相机", place: lane, fields: [.ip: "10.8.10.13"], attributes: ["position": "rear"]),
        Item(tag: "ZB-KK-014", type: "container_ocr", name: "1号通道箱号识别相机", place: lane, fields: [.ip: "10.8.10.14"]),
        Item(tag: "ZB-KK-015", type: "rfid_reader", name: "1号通道电子车牌读写器", place: lane, fields: [.ip: "10.8.10.15"]),
        Item(tag: "ZB-KK-016", type: "ic_card_reader", name: "1号通道IC卡读卡器", place: lane),
        Item(tag: "ZB-KK-017", type: "weighbridge", name: "1号通道地磅", place: lane, attributes: ["maxTonnes": "100"]),
        Item(tag: "ZB-KK-018", type: "barrier_gate", name: "1号通道验放道闸", place: lane, attributes: ["gateRole": "release"]),
        Item(tag: "ZB-KK-019", type: "barrier_gate", name: "1号通道复核道闸", place: lane, attributes: ["gateRole": "recheck"]),
        Item(tag: "ZB-KK-020", type: "loop_sensor", name: "1号通道地感线圈", place: lane, attributes: ["form": "loop"]),
        Item(tag: "ZB-KK-021", type: "traffic_light", name: "1号通道红绿灯", place: lane),
        Item(tag: "ZB-KK-022", type: "led_screen", name: "1号通道LED显示屏", place: lane, fields: [.ip: "10.8.10.22"]),
        Item(tag: "ZB-KK-023", type: "intercom", name: "1号通道对讲", place: lane),
    ]

    static func roomItems(_ soon: (Int) -> String) -> [Item] { [
        Item(tag: "ZB-JF-001", type: "ups", name: "机房UPS", place: room,
             fields: [.ip: "10.8.30.1", .vendor: "山特", .model: "3C3 Pro 60K", .warrantyEnd: soon(60)],
             attributes: ["capacityKVA": "60", "batteryInstalled": "2024-03-01"]),
        Item(tag: "ZB-JF-002", type: "precision_ac", name: "1号精密空调", place: room, fields: [.ip: "10.8.30.2", .vendor: "艾默生"],
             attributes: ["coolingKW": "25", "modbusUnit": "1"]),
        Item(tag: "ZB-JF-003", type: "th_sensor", name: "冷通道温湿度传感器", place: room, attributes: ["roomClass": "B", "modbusRegister": "0"]),
        Item(tag: "ZB-JF-004", type: "leak_sensor", name: "空调下方漏水传感器", place: room),
        Item(tag: "ZB-JF-005", type: "smoke_sensor", name: "机房烟感", place: room),
        Item(tag: "ZB-JF-006", type: "door_sensor", name: "机房门磁", place: room),
        Item(tag: "ZB-JF-007", type: "pdu", name: "A01机柜PDU", place: rackA01, attributes: ["outlets": "16"]),
        Item(tag: "ZB-JF-008", type: "cabling", name: "机房至1号卡口光缆", place: nil, attributes: ["from": "1号机房", "to": "1号卡口", "medium": "fibre"]),
    ] }

    static let relations: [(String, RelationType, String)] = [
        ("ZB-APP-001", .hostedOn, "ZB-SRV-001"), ("ZB-APP-001", .dependsOn, "ZB-DB-001"), ("ZB-APP-002", .hostedOn, "ZB-SRV-002"),
        ("ZB-APP-003", .dependsOn, "ZB-APP-002"), ("ZB-APP-003", .dependsOn, "ZB-NET-008"), ("ZB-APP-004", .dependsOn, "ZB-APP-001"),
        ("ZB-DB-001", .hostedOn, "ZB-SRV-003"), ("ZB-SRV-003", .dependsOn, "ZB-STO-001"), ("ZB-STO-001", .connectedTo, "ZB-FC-001"),
        ("ZB-BAK-001", .backsUp, "ZB-DB-001"),
        ("ZB-SRV-001", .connectedTo, "ZB-NET-001"), ("ZB-SRV-002", .connectedTo, "ZB-NET-001"), ("ZB-SRV-003", .connectedTo, "ZB-NET-001"),
        ("ZB-NET-001", .connectedTo, "ZB-NET-004"), ("ZB-NET-004", .connectedTo, "ZB-NET-005"), ("ZB-NET-005", .dependsOn, "ZB-NET-008"),
        ("ZB-NET-006", .connectedTo, "ZB-NET-004"), ("ZB-NET-007", .connectedTo, "ZB-NET-001"),
        ("ZB-NET-002", .connectedTo, "ZB-NET-001"), ("ZB-NET-003", .connectedTo, "ZB-NET-001"),
        ("ZB-VID-001", .connectedTo, "ZB-NET-003"), ("ZB-VID-011", .connectedTo, "ZB-NET-003"), ("ZB-VID-012", .connectedTo, "ZB-NET-003"),
        ("ZB-VID-013", .connectedTo, "ZB-NET-003"), ("ZB-VID-021", .partOf, "ZB-VID-001"), ("ZB-VID-022", .partOf, "ZB-VID-001"),
        ("ZB-VID-030", .dependsOn, "ZB-VID-001"), ("ZB-VID-030", .dependsOn, "ZB-NET-008"),
        ("ZB-KK-010", .partOf, "ZB-KK-001"), ("ZB-KK-011", .connectedTo, "ZB-NET-002"),
        ("ZB-KK-012", .dependsOn, "ZB-KK-011"), ("ZB-KK-013", .dependsOn, "ZB-KK-011"), ("ZB-KK-014", .dependsOn, "ZB-KK-011"),
        ("ZB-KK-015", .dependsOn, "ZB-KK-011"), ("ZB-KK-016", .dependsOn, "ZB-KK-011"), ("ZB-KK-017", .dependsOn, "ZB-KK-011"),
        ("ZB-KK-018", .dependsOn, "ZB-KK-011"), ("ZB-KK-019", .dependsOn, "ZB-KK-011"), ("ZB-KK-020", .dependsOn, "ZB-KK-011"),
        ("ZB-KK-021", .dependsOn, "ZB-KK-011"), ("ZB-KK-022", .dependsOn, "ZB-KK-011"), ("ZB-KK-023", .dependsOn, "ZB-KK-011"),
    ] + (11...23).map { ("ZB-KK-0\($0)", RelationType.partOf, "ZB-KK-010") } + [
        ("ZB-NET-001", .dependsOn, "ZB-JF-001"), ("ZB-SRV-001", .dependsOn, "ZB-JF-001"), ("ZB-SRV-002", .dependsOn, "ZB-JF-001"),
        ("ZB-SRV-003", .dependsOn, "ZB-JF-001"), ("ZB-JF-007", .dependsOn, "ZB-JF-001"),
    ]
}
