import FluentKit
import Foundation
import ZoneOpsDomain
import ZoneOpsStore
import ZoneSimulator

/// The demo zone's simulated twins: which CI answers as which device on which loopback address,
/// the probes the demo points at them, and the fault scenarios `zoneops simulate` stages.
///
/// Addresses: 127.10.0.x network, 127.11.x servers and storage, 127.12.0.x databases,
/// 127.20.n.c camera c of NVR n, 127.21.0.n NVRs, 127.30.L.x lane L, 127.40.x machine rooms,
/// 127.50.x business systems and their services.
public enum DemoSimulation {
    /// Every simulated device of the demo estate.
    public static let devices: [SimDevice] = {
        var devices: [SimDevice] = []
        // Network: SNMP agents with their interfaces; access switches hang on their aggregation.
        let network: [(String, Int, [String])] = [
            ("ZB-NET-001", 48, ["ZB-JF-001"]), ("ZB-NET-009", 48, ["ZB-NET-001"]), ("ZB-NET-010", 48, ["ZB-NET-001"]),
            ("ZB-NET-002", 24, ["ZB-NET-001"]), ("ZB-NET-003", 48, ["ZB-NET-001"]), ("ZB-NET-011", 48, ["ZB-NET-009"]),
            ("ZB-NET-012", 48, ["ZB-NET-010"]), ("ZB-NET-013", 48, ["ZB-NET-010"]), ("ZB-NET-014", 24, ["ZB-NET-010"]),
            ("ZB-NET-004", 8, []), ("ZB-NET-005", 8, []), ("ZB-NET-006", 4, []), ("ZB-FC-001", 24, []),
        ]
        for (index, (tag, interfaces, upstream)) in network.enumerated() {
            devices.append(SimDevice(tag: tag, kind: .snmpAgent, address: "127.10.0.\(index + 1)", upstream: upstream, interfaces: interfaces))
        }
        devices.append(SimDevice(tag: "ZB-NET-007", kind: .tcpService, address: "127.10.0.30", upstream: ["ZB-NET-001"]))
        // Servers, storage, backup, databases.
        for number in 1...20 {
            let tag = String(format: "ZB-SRV-%03d", number)
            let upstream = number <= 3 ? "ZB-NET-001" : number % 2 == 0 ? "ZB-NET-009" : "ZB-NET-010"
            devices.append(SimDevice(tag: tag, kind: .tcpService, address: "127.11.0.\(number)", upstream: [upstream]))
        }
        devices.append(SimDevice(tag: "ZB-STO-001", kind: .tcpService, address: "127.11.1.1"))
        devices.append(SimDevice(tag: "ZB-BAK-001", kind: .tcpService, address: "127.11.1.2"))
        for (number, host) in [(1, "ZB-SRV-003"), (2, "ZB-SRV-002"), (3, "ZB-SRV-004"), (4, "ZB-SRV-008")] {
            devices.append(SimDevice(tag: "ZB-DB-00\(number)", kind: .tcpService, address: "127.12.0.\(number)", port: 1521, upstream: [host]))
        }
        // Business systems and their services: HTTP health endpoints.
        for (index, (system, services)) in DemoEstate.serviceNames.enumerated() {
            let host = ["ZB-SRV-001", "ZB-SRV-002", "ZB-SRV-004", "ZB-SRV-005"][index]
            devices.append(SimDevice(tag: system, kind: .httpService, address: "127.50.0.\(index + 1)", upstream: [host]))
            for service in services.indices {
                devices.append(SimDevice(tag: "\(system)-S\(service + 1)", kind: .httpService, address: "127.50.\(index + 1).\(service + 1)", upstream: [host]))
            }
        }
        // Video: NVRs (ISAPI) and their cameras (RTSP), each behind its access switch.
        for n in 1...8 {
            let nvr = DemoEstate.nvrTag(n), access = DemoEstate.nvrSwitch(n)
            devices.append(SimDevice(tag: nvr, kind: .isapiNVR, address: "127.21.0.\(n)", upstream: [access], channels: DemoEstate.camerasPerNVR))
            for channel in 1...DemoEstate.camerasPerNVR {
                devices.append(SimDevice(tag: DemoEstate.cameraTag(nvr: n, channel: channel), kind: .rtspCamera, address: "127.20.\(n).\(channel)",
                                         upstream: [access], nvr: nvr, channel: channel))
            }
        }
        // Lanes: the controller on the checkpoint's access switch; cameras and readers behind it.
        for lane in 1...6 {
            let prefix = lane == 1 ? "ZB-KK-0" : "ZB-KK-\(lane)"
            let controller = prefix + "11"
            devices.append(SimDevice(tag: controller, kind: .tcpService, address: "127.30.\(lane).11", upstream: [lane <= 3 ? "ZB-NET-002" : "ZB-NET-014"]))
            var parts: [(String, SimDevice.Kind)] = [("12", .rtspCamera), ("13", .rtspCamera), ("15", .tcpService), ("22", .tcpService)]
            if DemoEstate.laneSpec(lane).truck { parts.append(("14", .rtspCamera)) }
            for (suffix, kind) in parts {
                devices.append(SimDevice(tag: prefix + suffix, kind: kind, address: "127.30.\(lane).\(suffix)", upstream: [controller]))
            }
        }
        // Machine rooms: UPSs, air conditioners, temperature and humidity sensors.
        devices += [
            SimDevice(tag: "ZB-JF-001", kind: .upsAgent, address: "127.40.0.1"),
            SimDevice(tag: "ZB-JF-101", kind: .upsAgent, address: "127.40.1.1"),
            SimDevice(tag: "ZB-JF-002", kind: .tcpService, address: "127.40.0.2"),
            SimDevice(tag: "ZB-JF-102", kind: .tcpService, address: "127.40.1.2"),
            SimDevice(tag: "ZB-JF-003", kind: .modbusSensor, address: "127.40.0.3", temperature: 22.8, humidity: 47),
            SimDevice(tag: "ZB-JF-009", kind: .modbusSensor, address: "127.40.0.9", temperature: 25.6, humidity: 44),
            SimDevice(tag: "ZB-JF-103", kind: .modbusSensor, address: "127.40.1.3", temperature: 23.4, humidity: 50),
            SimDevice(tag: "ZB-JF-105", kind: .modbusSensor, address: "127.40.2.5", temperature: 24.1, humidity: 52),
        ]
        return devices
    }()

    /// The fault scenarios of the demo zone.
    public static let scenarios: [Scenario] = [
        Scenario(key: "switch-down", titleZh: "2号监控接入交换机故障，其下 60 路摄像机离线", titleEn: "Video access switch 2 fails; its 60 cameras go dark",
                 effect: .fail, targets: ["ZB-NET-011"]),
        Scenario(key: "ups-on-battery", titleZh: "1号机房 UPS 市电中断，电池供电，剩余时间下降", titleEn: "Room 1 UPS on battery, minutes remaining falling",
                 effect: .onBattery, targets: ["ZB-JF-001"]),
        Scenario(key: "room-hot", titleZh: "1号机房升温，温度超过阈值", titleEn: "Machine room 1 warms past its thresholds",
                 effect: .heat, targets: ["ZB-JF-003", "ZB-JF-009"]),
        Scenario(key: "camera-offline", titleZh: "监管仓库球机离线", titleEn: "The bonded warehouse dome camera goes offline",
                 effect: .fail, targets: ["ZB-VID-013"]),
        Scenario(key: "nvr-disk-full", titleZh: "5号硬盘录像机硬盘写满，录像保存不足 90 天", titleEn: "NVR 5's disks fill; retention drops under 90 days",
                 effect: .diskFull, targets: ["ZB-NVR-005"]),
        Scenario(key: "plate-unrecognised", titleZh: "1号通道前车牌相机识别失效，车辆转人工放行", titleEn: "Lane 1's front plate camera stops recognising; vehicles go to manual release",
                 effect: .noRecognition, targets: ["ZB-KK-012"]),
        Scenario(key: "app-slow", titleZh: "企业物流服务平台响应变慢，随后故障", titleEn: "The logistics platform slows down, then fails",
                 effect: .slowThenFail, targets: ["ZB-APP-001"]),
    ]

    /// The demo's six lanes as the traffic generator drives them (codes as on the lane CIs).
    public static let lanes: [LaneProfile] = (1...6).map { lane in
        let spec = DemoEstate.laneSpec(lane)
        return LaneProfile(code: String(format: "K%02d-%@", lane, spec.inbound ? "IN" : "OUT"), areaId: lane <= 3 ? "4101K001" : "4101K002",
                           plateCamera: (lane == 1 ? "ZB-KK-0" : "ZB-KK-\(lane)") + "12", truck: spec.truck, doubleGate: spec.double, inbound: spec.inbound)
    }

    /// The probes the demo points at a simulated device.
    public static func probes(for device: SimDevice) -> [Probes.Draft] {
        let target = device.address, port = device.port
        switch device.kind {
        case .snmpAgent, .upsAgent:
            var spec = ProbeSpec()
            spec.community = "public"
            spec.snmpChecks = device.kind == .upsAgent ? ["uptime", "ups"] : device.interfaces > 0 ? ["uptime", "interfaces"] : ["uptime"]
            return [Probes.Draft(kind: "snmp", target: target, port: port, spec: spec, intervalSeconds: 30, timeoutMilliseconds: 1500)]
        case .modbusSensor:
            return Probes.defaults(forType: "th_sensor", attributes: [:]).map { draft in
                var draft = draft
                draft.target = target
                draft.port = port
                draft.intervalSeconds = 30
                return draft
            }
        case .rtspCamera:
            var spec = ProbeSpec()
            spec.path = "/Streaming/Channels/101"
            return [Probes.Draft(kind: "rtsp", target: target, port: port, spec: spec, intervalSeconds: 60)]
        case .httpService:
            var spec = ProbeSpec()
            spec.path = "/health"
            spec.bodyContains = "UP"
            spec.slowMilliseconds = 1000
            return [Probes.Draft(kind: "http", target: target, port: port, spec: spec, intervalSeconds: 30, timeoutMilliseconds: 3000)]
        case .isapiNVR:
            return [Probes.Draft(kind: "isapi", target: target, port: port, intervalSeconds: 120, timeoutMilliseconds: 3000)]
        case .tcpService:
            return [Probes.Draft(kind: "tcp", target: target, port: port, intervalSeconds: 60)]
        }
    }

    /// The setting that remembers which demo devices were given probes, so a probe someone
    /// deleted from a demo CI stays deleted when the demo starts again.
    static let attachedKey = "demo.probes.attached"

    /// Points the demo's CIs at their twins: each CI never given its device's probes, and without
    /// probes, gets them. Answers how many probes were added.
    @discardableResult
    static func attachProbes(ids: [String: UUID], in ctx: ServiceContext) async throws -> Int {
        let stored = try await SettingModel.query(on: ctx.db).filter(\.$key == attachedKey).first()
        var attached = Set((try? JSONDecoder().decode([String].self, from: Data((stored?.value ?? "[]").utf8))) ?? [])
        let probed = Set(try await ProbeModel.query(on: ctx.db).all(\.$ciId))
        var added = 0
        for device in devices where !attached.contains(device.tag) {
            guard let ci = ids[device.tag] else { continue }
            attached.insert(device.tag)
            guard !probed.contains(ci) else { continue }
            for draft in probes(for: device) {
                _ = try await Probes.create(ci: ci, draft, by: .system, in: ctx)
                added += 1
            }
        }
        let setting = stored ?? SettingModel()
        setting.key = attachedKey
        setting.value = String(decoding: try JSONEncoder().encode(attached.sorted()), as: UTF8.self)
        try await ctx.writer.write(on: ctx.db) { tx in try await setting.save(on: tx) }
        return added
    }
}
