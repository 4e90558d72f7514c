import Foundation
import NIOCore
import ZoneOpsDomain
import ZoneOpsWire

/// What a probe does, by kind; its settings are `ProbeSpec`.
public enum ProbeKind: String, CaseIterable, Codable, Sendable {
    case icmp, tcp, http, snmp, modbus, rtsp, isapi

    public var defaultPort: Int {
        switch self {
        case .isapi: 80
        case .icmp: 0
        case .tcp: 80
        case .http: 80
        case .snmp: 161
        case .modbus: 502
        case .rtsp: 554
        }
    }
}

/// A number read by a probe with its limits: a problem beyond `critical…`, a warning beyond `warn…`.
public struct Thresholds: Codable, Sendable, Equatable {
    public var warnAbove: Double?
    public var criticalAbove: Double?
    public var warnBelow: Double?
    public var criticalBelow: Double?

    public init(warnAbove: Double? = nil, criticalAbove: Double? = nil, warnBelow: Double? = nil, criticalBelow: Double? = nil) {
        self.warnAbove = warnAbove
        self.criticalAbove = criticalAbove
        self.warnBelow = warnBelow
        self.criticalBelow = criticalBelow
    }

    public func severity(of value: Double) -> EventSeverity {
        if let limit = criticalAbove, value > limit { return .critical }
        if let limit = criticalBelow, value < limit { return .critical }
        if let limit = warnAbove, value > limit { return .warning }
        if let limit = warnBelow, value < limit { return .warning }
        return .ok
    }

    var isValid: Bool { [warnAbove, criticalAbove, warnBelow, criticalBelow].allSatisfy { $0?.isFinite ?? true } }
}

/// One numeric SNMP object watched with thresholds.
public struct SNMPObject: Codable, Sendable, Equatable {
    public var oid: String
    public var label: String
    public var scale: Double?
    public var thresholds: Thresholds?
}

/// A probe's settings; each kind reads its own fields.
public struct ProbeSpec: Codable, Sendable, Equatable {
    // http
    public var path: String?
    public var tls: Bool?
    /// Accepted statuses (default 200–399).
    public var expectStatus: [Int]?
    public var bodyContains: String?
    public var certificateWarnDays: Int?
    // snmp
    public var community: String?
    /// `uptime`, `interfaces` (IF-MIB ifOperStatus of admin-up interfaces), `ups` (UPS-MIB).
    public var snmpChecks: [String]?
    public var objects: [SNMPObject]?
    // modbus
    public var unit: Int?
    public var register: Int?
    public var inputRegister: Bool?
    public var scale: Double?
    public var label: String?
    public var thresholds: Thresholds?
    // isapi (the password is the CI's sealed credential; `user:password` there sets both)
    public var username: String?
    /// Days of video each channel must keep (default 90, contract §四.4).
    public var retentionDays: Int?

    public init() {}

    /// Refuses what cannot be probed; every bound is explicit.
    public func validated(for kind: ProbeKind) throws -> ProbeSpec {
        var problems: [FieldProblem] = []
        if let path, !path.hasPrefix("/") || path.count > 500 { problems.append(.init(field: "config.path", text: .monProbePath)) }
        if let expectStatus, expectStatus.isEmpty || expectStatus.count > 20 || expectStatus.contains(where: { !(100...599).contains($0) }) {
            problems.append(.init(field: "config.expectStatus", text: .monProbeStatus))
        }
        if let bodyContains, bodyContains.count > 200 { problems.append(.init(field: "config.bodyContains", text: .monTooLong)) }
        if let days = certificateWarnDays, !(0...365).contains(days) { problems.append(.init(field: "config.certificateWarnDays", text: .monProbeNumber)) }
        if let community, community.isEmpty || community.count > 64 { problems.append(.init(field: "config.community", text: .monTooLong)) }
        if let checks = snmpChecks, checks.contains(where: { !["uptime", "interfaces", "ups"].contains($0) }) {
            problems.append(.init(field: "config.snmpChecks", text: .monProbeSNMPCheck))
        }
        if let objects {
            if objects.count > 32 || objects.contains(where: { OID($0.oid) == nil || $0.label.isEmpty || $0.label.count > 60
                || !($0.thresholds?.isValid ?? true) || !($0.scale?.isFinite ?? true) }) {
                problems.append(.init(field: "config.objects", text: .monProbeOID))
            }
        }
        if let unit, !(0...255).contains(unit) { problems.append(.init(field: "config.unit", text: .monProbeNumber)) }
        if let register, !(0...65_535).contains(register) { problems.append(.init(field: "config.register", text: .monProbeNumber)) }
        if let scale, !scale.isFinite || scale == 0 { problems.append(.init(field: "config.scale", text: .monProbeNumber)) }
        if let thresholds, !thresholds.isValid { problems.append(.init(field: "config.thresholds", text: .monProbeNumber)) }
        if let label, label.count > 60 { problems.append(.init(field: "config.label", text: .monTooLong)) }
        if kind == .modbus && register == nil { problems.append(.init(field: "config.register", text: .monRequired)) }
        if let username, username.isEmpty || username.count > 64 { problems.append(.init(field: "config.username", text: .monTooLong)) }
        if let days = retentionDays, !(1...3650).contains(days) { problems.append(.init(field: "config.retentionDays", text: .monProbeNumber)) }
        if !problems.isEmpty { throw AppError.invalidFields(problems) }
        return self
    }
}

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
        results.append(CheckResult(check: "reachable", severity: accepted ? .ok : .major,
                                   summary: String(format: "HTTP %d · %.0f ms", head.status, answer.milliseconds), value: answer.milliseconds))
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

    // MARK: ISAPI (NVR health)

    /// One HTTP exchange with an NVR, answering a Digest or Basic challenge once and reusing it.
    final class ISAPISession: @unchecked Sendable {
        let tcp: TCPExchange
        let probe: ProbeTarget
        var challenge: String?
        var count = 0
        var milliseconds = 0.0

        init(tcp: TCPExchange, probe: ProbeTarget) {
            self.tcp = tcp
            self.probe = probe
        }

        func request(_ method: String, _ path: String, body: String? = nil) async throws -> (status: Int, body: String) {
            for _ in 0..<2 {
                var head = "\(method) \(path) HTTP/1.1\r\nHost: \(probe.host)\r\nUser-Agent: ZoneOps-probe\r\nConnection: close\r\n"
                if let challenge, let (user, password) = credentials() {
                    count += 1
                    if let header = HTTPAuth.authorization(challenge: challenge, method: method, uri: path, user: user, password: password, count: count) {
                        head += "Authorization: \(header)\r\n"
                    }
                }
                let payload = Array((body ?? "").utf8)
                if body != nil { head += "Content-Type: application/xml\r\nContent-Length: \(payload.count)\r\n" }
                let answer = try await tcp.run(host: probe.host, port: probe.port, send: Array((head + "\r\n").utf8) + payload, readLimit: 262_144,
                                               timeout: probe.timeout, isComplete: { ResponseHead.isComplete($0) })
                milliseconds += answer.milliseconds
                guard let response = ResponseHead.parse(answer.bytes) else { throw TCPExchange.Failure.refused("not HTTP") }
                if response.status == 401, challenge == nil, let offered = response.headers["www-authenticate"] {
                    challenge = offered
                    continue
                }
                return (response.status, String(decoding: answer.bytes[min(response.bodyOffset, answer.bytes.count)...], as: UTF8.self))
            }
            return (401, "")
        }

        func credentials() -> (String, String)? {
            guard let secret = probe.password else { return nil }
            if probe.spec.username == nil, let colon = secret.firstIndex(of: ":") {
                return (String(secret[..<colon]), String(secret[secret.index(after: colon)...]))
            }
            return (probe.spec.username ?? "admin", secret)
        }
    }

    func isapi(_ probe: ProbeTarget) async throws -> Outcome {
        let session = ISAPISession(tcp: tcp, probe: probe)
        let hdd = try await session.request("GET", ISAPI.hddPath)
        guard hdd.status == 200 else {
            let text = hdd.status == 401 ? "NVR 拒绝登录（ISAPI 401），请检查配置项的管理凭据" : "NVR ISAPI 返回 \(hdd.status)"
            return Outcome(results: [CheckResult(check: "reachable", severity: .major, summary: text, value: nil)], milliseconds: session.milliseconds)
        }
        var results = [CheckResult(check: "reachable", severity: .ok, summary: "ISAPI 在线", value: session.milliseconds)]
        let disks = ISAPI.disks(hdd.body)
        let failed = disks.filter { $0.status.lowercased() != "ok" }
        let capacity = disks.compactMap(\.capacityMB).reduce(0, +), free = disks.compactMap(\.freeMB).reduce(0, +)
        results.append(CheckResult(check: "disks", severity: disks.isEmpty || !failed.isEmpty ? .critical : .ok,
                                   summary: disks.isEmpty ? "未读到硬盘" : failed.isEmpty
                                       ? "\(disks.count) 块硬盘正常" + (capacity > 0 ? String(format: "，剩余 %.0f%%", free / capacity * 100) : "")
                                       : "硬盘异常：" + failed.map { "\($0.id) \($0.status)" }.joined(separator: "、"),
                                   value: Double(failed.count)))
        let status = try await session.request("GET", ISAPI.channelsPath)
        let channels = status.status == 200 ? ISAPI.channels(status.body) : []
        let offline = channels.filter { !$0.online }
        results.append(CheckResult(check: "channels", severity: offline.isEmpty ? .ok : .major,
                                   summary: offline.isEmpty ? "\(channels.count) 个通道在线"
                                       : "\(offline.count)/\(channels.count) 个通道离线：" + offline.prefix(8).map { $0.name ?? "D\($0.id)" }.joined(separator: "、"),
                                   value: Double(channels.count - offline.count)))
        // Retention per online channel: now − its earliest recording.
        let needed = Double(probe.spec.retentionDays ?? 90)
        let now = now()
        var shortest: (Int, Double)?
        for channel in channels.filter(\.online).prefix(64) {
            let search = try await session.request("POST", ISAPI.searchPath, body: ISAPI.searchRequest(
                track: channel.id * 100 + 1, from: now.addingTimeInterval(-400 * 86_400), to: now, searchID: UUID().uuidString))
            let days = ISAPI.earliestRecording(search.body).map { now.timeIntervalSince($0) / 86_400 } ?? 0
            if shortest == nil || days < shortest!.1 { shortest = (channel.id, days) }
        }
        if let (channel, days) = shortest {
            results.append(CheckResult(check: "retention", severity: days < needed ? .major : .ok,
                                       summary: days < needed ? String(format: "通道 D%d 录像仅保存 %.0f 天，不足 %.0f 天", channel, days, needed)
                                           : String(format: "各通道录像保存至少 %.0f 天", days),
                                       value: days))
        }
        return Outcome(results: results, milliseconds: session.milliseconds)
    }
}
