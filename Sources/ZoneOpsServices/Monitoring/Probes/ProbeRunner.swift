import Foundation
import NIOCore
import ZoneOpsDomain
import ZoneOpsWire

/// One check's result from a probe run: each check is its own fingerprint (`probe:<id>:<check>`).
public struct CheckResult: Sendable, Equatable {
    public var check: String
    public var severity: EventSeverity
    public var summary: String
    public var value: Double?
}

/// A probe as the runner needs it.
public struct ProbeTarget: Sendable, Equatable {
    public var id: UUID
    public var ciId: UUID
    public var kind: ProbeKind
    public var host: String
    public var port: Int
    public var spec: ProbeSpec
    public var interval: Int
    public var timeout: Duration
    public var retries: Int
    /// The CI's management password, unsealed for the probe (ISAPI); never logged or stored.
    public var password: String?

    public init(id: UUID, ciId: UUID, kind: ProbeKind, host: String, port: Int, spec: ProbeSpec, interval: Int, timeout: Duration, retries: Int,
                password: String? = nil) {
        self.password = password
        self.id = id
        self.ciId = ciId
        self.kind = kind
        self.host = host
        self.port = port
        self.spec = spec
        self.interval = interval
        self.timeout = timeout
        self.retries = retries
    }
}

/// Runs one probe of any kind against its target and says what it found, never throwing: a
/// target that does not answer is a critical `reachable` result.
public struct ProbeRunner: Sendable {
    let snmp: SNMPClient
    let tcp: TCPExchange
    let now: @Sendable () -> Date

    public init(group: any EventLoopGroup, now: @escaping @Sendable () -> Date = { Date() }) {
        snmp = SNMPClient(group: group)
        tcp = TCPExchange(group: group)
        self.now = now
    }

    public struct Outcome: Sendable {
        public var results: [CheckResult]
        public var milliseconds: Double?
        public var worst: EventSeverity { results.map(\.severity).max() ?? .ok }
    }

    public func run(_ probe: ProbeTarget) async -> Outcome {
        do {
            switch probe.kind {
            case .icmp: return try await icmp(probe)
            case .tcp: return try await tcpConnect(probe)
            case .http: return try await http(probe)
            case .snmp: return try await snmpChecks(probe)
            case .modbus: return try await modbus(probe)
            case .rtsp: return try await rtsp(probe)
            case .isapi: return try await isapi(probe)
            }
        } catch {
            return Outcome(results: [CheckResult(check: "reachable", severity: .critical, summary: Self.describe(error, probe), value: nil)],
                           milliseconds: nil)
        }
    }

    static func describe(_ error: any Error, _ probe: ProbeTarget) -> String {
        let target = probe.kind == .icmp ? probe.host : "\(probe.host):\(probe.port)"
        switch error {
        case SNMPClient.Failure.timeout, TCPExchange.Failure.timeout, ICMPPing.Failure.timeout:
            return "\(probe.kind.rawValue.uppercased()) \(target) 无响应（超时）"
        case TCPExchange.Failure.refused:
            return "\(probe.kind.rawValue.uppercased()) \(target) 连接失败"
        case let failure as SNMPClient.Failure:
            return "SNMP \(target) 错误：\(failure)"
        case let failure as Modbus.Failure:
            return "Modbus \(target) 错误：\(failure)"
        default:
            return "\(probe.kind.rawValue.uppercased()) \(target) 失败：\(String(describing: error).prefix(120))"
        }
    }

    func reachable(_ ms: Double, _ text: String) -> CheckResult {
        CheckResult(check: "reachable", severity: .ok, summary: text + String(format: " %.1f ms", ms), value: ms)
    }

    func icmp(_ probe: ProbeTarget) async throws -> Outcome {
        let ms = try await ICMPPing.ping(probe.host, timeout: probe.timeout)
        return Outcome(results: [reachable(ms, "Ping")], milliseconds: ms)
    }

    func tcpConnect(_ probe: ProbeTarget) async throws -> Outcome {
        let answer = try await tcp.run(host: probe.host, port: probe.port, send: [], readLimit: 1, timeout: probe.timeout, isComplete: { _ in true },
                                       connectOnly: true)
        return Outcome(results: [reachable(answer.milliseconds, "TCP \(probe.port)")], milliseconds: answer.milliseconds)
    }

    func http(_ probe: ProbeTarget) async throws -> Outcome {
        let spec = probe.spec
        let tls = spec.tls ?? (probe.port == 443)
        let path = spec.path ?? "/"
        let hostHeader = probe.port == (tls ? 443 : 80) ? probe.host : "\(probe.host):\(probe.port)"
        let request = "GET \(path) HTTP/1.1\r\nHost: \(hostHeader)\r\nUser-Agent: ZoneOps-probe\r\nAccept: */*\r\nConnection: close\r\n\r\n"
        let answer = try await tcp.run(host: probe.host, port: probe.port, tls: tls, send: Array(request.utf8), readLimit: 65_536,
                                       timeout: probe.timeout, isComplete: { ResponseHead.isComplete($0) })
        guard let head = ResponseHead.parse(answer.bytes) else {
            return Outcome(results: [CheckResult(check: "reachable", severity: .critical, summary: "HTTP 应答不完整或不是 HTTP", value: nil)],
                           milliseconds: answer.milliseconds)
        }
        var results: [CheckResult] = []
        let accepted = spec.expectStatus.map { $0.contains(head.status) } ?? (200...399).contains(head.status)
        let slow = spec.slowMilliseconds.map { answer.milliseconds > Double($0) } ?? false
        results.append(CheckResult(check: "reachable", severity: !accepted ? .major : slow ? .warning : .ok,
                                   summary: String(format: "HTTP %d · %.0f ms", head.status, answer.milliseconds) + (slow && accepted ? "，响应缓慢" : ""),
                                   value: answer.milliseconds))
        if let needle = spec.bodyContains, !needle.isEmpty {
            let body = String(decoding: answer.bytes[min(head.bodyOffset, answer.bytes.count)...], as: UTF8.self)
            results.append(CheckResult(check: "content", severity: body.contains(needle) ? .ok : .major,
                                       summary: body.contains(needle) ? "页面含“\(needle)”" : "页面缺少“\(needle)”", value: nil))
        }
        if tls, let notAfter = answer.certificateNotAfter {
            let days = notAfter.timeIntervalSince(now()) / 86_400
            let warn = Double(spec.certificateWarnDays ?? 30)
            let severity: EventSeverity = days < 0 ? .critical : days < warn ? .warning : .ok
            results.append(CheckResult(check: "certificate", severity: severity,
                                       summary: days < 0 ? "TLS 证书已过期" : String(format: "TLS 证书 %.0f 天后到期", days), value: days))
        }
        return Outcome(results: results, milliseconds: answer.milliseconds)
    }

    /// UPS-MIB (RFC 1628) objects.
    static let upsBatteryStatus = OID("1.3.6.1.2.1.33.1.2.1.0")!
    static let upsMinutesRemaining = OID("1.3.6.1.2.1.33.1.2.3.0")!
    static let upsOutputSource = OID("1.3.6.1.2.1.33.1.4.1.0")!
    static let upsAlarmsPresent = OID("1.3.6.1.2.1.33.1.6.1.0")!
    static let ifAdminStatus = OID("1.3.6.1.2.1.2.2.1.7")!
    static let ifDescr = OID("1.3.6.1.2.1.2.2.1.2")!

    func snmpChecks(_ probe: ProbeTarget) async throws -> Outcome {
        let spec = probe.spec
        let target = SNMPClient.Target(address: probe.host, port: probe.port, community: spec.community ?? "public",
                                       timeout: probe.timeout, retries: 0)
        let started = ContinuousClock.now
        let checks = spec.snmpChecks ?? ["uptime"]
        var results: [CheckResult] = []
        // Reachability, and the agent's uptime (a small value means it restarted).
        let up = try await snmp.get([.sysUpTime], from: target)
        let elapsed = ContinuousClock.now - started
        let ms = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        let ticks = up.first?.value.number ?? 0
        results.append(CheckResult(check: "reachable", severity: .ok, summary: String(format: "SNMP 在线，运行 %.1f 天", ticks / 8_640_000), value: ms))
        if checks.contains("interfaces") {
            let oper = try await snmp.walk(.ifOperStatus, from: target)
            let admin = Dictionary(try await snmp.walk(Self.ifAdminStatus, from: target).map { ($0.oid.arcs.last ?? 0, $0.value.number ?? 0) },
                                   uniquingKeysWith: { a, _ in a })
            let names = Dictionary(try await snmp.walk(Self.ifDescr, from: target).map { ($0.oid.arcs.last ?? 0, $0.value.text) },
                                   uniquingKeysWith: { a, _ in a })
            let down = oper.filter { ($0.value.number ?? 1) != 1 && (admin[$0.oid.arcs.last ?? 0] ?? 1) == 1 }
                .map { names[$0.oid.arcs.last ?? 0] ?? "if\($0.oid.arcs.last ?? 0)" }
            results.append(CheckResult(check: "interfaces", severity: down.isEmpty ? .ok : .major,
                                       summary: down.isEmpty ? "\(oper.count) 个接口正常" : "接口 down：" + down.prefix(10).joined(separator: "、"),
                                       value: Double(down.count)))
        }
        if checks.contains("ups") {
            let values = try await snmp.get([Self.upsBatteryStatus, Self.upsMinutesRemaining, Self.upsOutputSource, Self.upsAlarmsPresent], from: target)
            let battery = Int(values[0].value.number ?? 0), minutes = values[1].value.number ?? 0
            let source = Int(values[2].value.number ?? 0), alarms = Int(values[3].value.number ?? 0)
            let onBattery = source == 5
            let severity: EventSeverity = battery == 4 || (onBattery && minutes < 10) ? .critical
                : battery == 3 || onBattery ? .major : alarms > 0 ? .warning : .ok
            var text = onBattery ? "UPS 电池供电，剩余 \(Int(minutes)) 分钟" : "UPS 市电供电，电池可支撑 \(Int(minutes)) 分钟"
            if battery == 3 { text += "，电池电量低" }
            if battery == 4 { text += "，电池耗尽" }
            if alarms > 0 { text += "，告警 \(alarms) 条" }
            results.append(CheckResult(check: "ups", severity: severity, summary: text, value: minutes))
        }
        if let objects = spec.objects, !objects.isEmpty {
            let values = try await snmp.get(objects.compactMap { OID($0.oid) }, from: target)
            for (object, bind) in zip(objects, values) {
                guard let raw = bind.value.number else {
                    results.append(CheckResult(check: "oid:" + object.label, severity: .warning, summary: "\(object.label)：无此对象", value: nil))
                    continue
                }
                let value = raw * (object.scale ?? 1)
                let severity = object.thresholds?.severity(of: value) ?? .ok
                results.append(CheckResult(check: "oid:" + object.label, severity: severity,
                                           summary: "\(object.label) = \(Self.number(value))", value: value))
            }
        }
        return Outcome(results: results, milliseconds: ms)
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }

    func modbus(_ probe: ProbeTarget) async throws -> Outcome {
        let spec = probe.spec
        let transaction = UInt16.random(in: 1...UInt16.max)
        let request = Modbus.readRequest(transaction: transaction, unit: UInt8(spec.unit ?? 1), input: spec.inputRegister ?? false,
                                         address: UInt16(spec.register ?? 0), count: 1)
        let answer = try await tcp.run(host: probe.host, port: probe.port, send: request, readLimit: 300, timeout: probe.timeout,
                                       isComplete: { bytes in Modbus.expectedLength(bytes).map { bytes.count >= $0 } ?? false })
        let registers = try Modbus.registers(answer.bytes, transaction: transaction)
        guard let raw = registers.first else { throw Modbus.Failure.malformed }
        let value = Double(Int16(bitPattern: raw)) * (spec.scale ?? 0.1)
        let label = spec.label ?? "寄存器 \(spec.register ?? 0)"
        let severity = spec.thresholds?.severity(of: value) ?? .ok
        return Outcome(results: [reachable(answer.milliseconds, "Modbus"),
                                 CheckResult(check: "value", severity: severity, summary: "\(label) = \(Self.number(value))", value: value)],
                       milliseconds: answer.milliseconds)
    }

    func rtsp(_ probe: ProbeTarget) async throws -> Outcome {
        let url = "rtsp://\(probe.host):\(probe.port)\(probe.spec.path ?? "/")"
        var results: [CheckResult] = []
        var total = 0.0
        for (sequence, method) in ["OPTIONS", "DESCRIBE"].enumerated() {
            let accept = method == "DESCRIBE" ? "Accept: application/sdp\r\n" : ""
            let request = "\(method) \(url) RTSP/1.0\r\nCSeq: \(sequence + 1)\r\nUser-Agent: ZoneOps-probe\r\n\(accept)\r\n"
            let answer = try await tcp.run(host: probe.host, port: probe.port, send: Array(request.utf8), readLimit: 16_384,
                                           timeout: probe.timeout, isComplete: { ResponseHead.isComplete($0) || ResponseHead.parse($0) != nil && method == "OPTIONS" })
            total += answer.milliseconds
            guard let head = ResponseHead.parse(answer.bytes), head.protocolName.hasPrefix("RTSP/") else {
                return Outcome(results: [CheckResult(check: "reachable", severity: .critical, summary: "RTSP 无有效应答（\(method)）", value: nil)],
                               milliseconds: total)
            }
            // 401: the camera answers and wants credentials; the stream service is up.
            if head.status != 200 && head.status != 401 {
                results.append(CheckResult(check: "stream", severity: .major, summary: "RTSP \(method) 返回 \(head.status)", value: nil))
            }
        }
        if results.isEmpty { results.append(CheckResult(check: "stream", severity: .ok, summary: "视频流服务正常", value: nil)) }
        return Outcome(results: [reachable(total, "RTSP")] + results, milliseconds: total)
    }
}
