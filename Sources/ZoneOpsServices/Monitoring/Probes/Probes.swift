import FluentKit
import Foundation
import ZoneOpsDomain
import ZoneOpsStore
import ZoneOpsWire

/// Probes per CI: made from the CI type's defaults and edited per CI (each change audited),
/// read by the scheduler.
public enum Probes {
    public static let intervalRange = 10...3_600
    public static let timeoutRange = 100...30_000
    public static let retriesRange = 0...10
    public static let maxPerCI = 10

    public struct Draft: Sendable, Equatable {
        public var kind: String
        public var target: String?
        public var port: Int?
        public var spec: ProbeSpec
        public var intervalSeconds: Int
        public var timeoutMilliseconds: Int
        public var retries: Int
        public var enabled: Bool

        public init(kind: String, target: String? = nil, port: Int? = nil, spec: ProbeSpec = ProbeSpec(), intervalSeconds: Int = 60,
                    timeoutMilliseconds: Int = 2000, retries: Int = 1, enabled: Bool = true) {
            self.kind = kind
            self.target = target
            self.port = port
            self.spec = spec
            self.intervalSeconds = intervalSeconds
            self.timeoutMilliseconds = timeoutMilliseconds
            self.retries = retries
            self.enabled = enabled
        }
    }

    public struct Item: Sendable, Equatable {
        public var id: String
        public var ciId: String
        public var kind: String
        public var target: String
        public var port: Int
        public var spec: ProbeSpec
        public var intervalSeconds: Int
        public var timeoutMilliseconds: Int
        public var retries: Int
        public var enabled: Bool
        public var state: String
        public var lastRun: Date?
        public var lastMessage: String?
    }

    /// What a CI of `type` is probed with by default (its IP is the target).
    public static func defaults(forType type: String, attributes: [String: String]) -> [Draft] {
        var snmp = ProbeSpec()
        switch type {
        case "switch", "router", "firewall", "fc_switch":
            snmp.snmpChecks = ["uptime", "interfaces"]
            return [Draft(kind: "icmp", intervalSeconds: 30), Draft(kind: "snmp", spec: snmp, intervalSeconds: 60)]
        case "ups":
            snmp.snmpChecks = ["uptime", "ups"]
            return [Draft(kind: "snmp", spec: snmp, intervalSeconds: 30)]
        case "th_sensor":
            var temperature = ProbeSpec()
            temperature.register = 0
            temperature.scale = 0.1
            temperature.label = "温度 ℃"
            temperature.thresholds = Thresholds(warnAbove: 27, criticalAbove: 32, warnBelow: 15, criticalBelow: 10)
            var humidity = ProbeSpec()
            humidity.register = 1
            humidity.scale = 0.1
            humidity.label = "湿度 %RH"
            humidity.thresholds = Thresholds(warnAbove: 65, criticalAbove: 80, warnBelow: 30, criticalBelow: 20)
            return [Draft(kind: "modbus", spec: temperature, intervalSeconds: 60), Draft(kind: "modbus", spec: humidity, intervalSeconds: 60)]
        case "camera", "plate_camera", "container_ocr":
            return [Draft(kind: "rtsp", intervalSeconds: 60)]
        case "business_system", "service":
            var http = ProbeSpec()
            if let url = attributes["url"], let parsed = URL(string: url) {
                http.path = parsed.path.isEmpty ? "/" : parsed.path
                http.tls = parsed.scheme == "https"
                return [Draft(kind: "http", target: parsed.host, port: parsed.port ?? (http.tls == true ? 443 : 80), spec: http, intervalSeconds: 30)]
            }
            return [Draft(kind: "http", spec: http, intervalSeconds: 30)]
        case "database":
            let port = attributes["port"].flatMap(Int.init) ?? ["mysql": 3306, "postgresql": 5432, "sqlserver": 1433, "dameng": 5236,
                                                                "kingbase": 54321][attributes["engine"] ?? ""] ?? 1521
            return [Draft(kind: "tcp", port: port, intervalSeconds: 30)]
        case "nvr":
            return [Draft(kind: "isapi", port: 80, intervalSeconds: 300, timeoutMilliseconds: 5000)]
        case "server", "storage", "av_gateway", "network_audit", "lane_controller", "rfid_reader", "ic_card_reader", "weighbridge",
             "barrier_gate", "led_screen", "intercom", "precision_ac", "pdu":
            return [Draft(kind: "icmp", intervalSeconds: 30)]
        default:
            return []
        }
    }

    public static func list(ci: UUID, on db: any Database) async throws -> [Item] {
        try await ProbeModel.query(on: db).filter(\.$ciId == ci).sort(\.$createdAt).all().map(item)
    }

    static func item(_ model: ProbeModel) -> Item {
        Item(id: model.id?.uuidString ?? "", ciId: model.ciId.uuidString, kind: model.kind, target: model.target, port: model.port,
             spec: decode(model.config), intervalSeconds: model.intervalSeconds, timeoutMilliseconds: model.timeoutMilliseconds,
             retries: model.retries, enabled: model.enabled, state: model.state, lastRun: model.lastRun, lastMessage: model.lastMessage)
    }

    static func decode(_ json: String) -> ProbeSpec { (try? JSONDecoder().decode(ProbeSpec.self, from: Data(json.utf8))) ?? ProbeSpec() }

    static func encode(_ spec: ProbeSpec) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: (try? encoder.encode(spec)) ?? Data("{}".utf8), as: UTF8.self)
    }

    /// Checks a draft for a CI (whose IP is the target unless one is given).
    static func checked(_ draft: Draft, ci: CIModel) throws -> (ProbeKind, String, Int, ProbeSpec) {
        guard let kind = ProbeKind(rawValue: draft.kind) else { throw AppError.invalid(field: "kind", .monProbeKind) }
        var problems: [FieldProblem] = []
        let target = (draft.target?.trimmingCharacters(in: .whitespaces)).flatMap { $0.isEmpty ? nil : $0 } ?? ci.ip ?? ci.hostname ?? ""
        if target.isEmpty || target.count > 255 || target.contains(where: { $0.isWhitespace || "/@?#".contains($0) }) {
            problems.append(.init(field: "target", text: .monProbeTarget))
        }
        let port = draft.port ?? kind.defaultPort
        if kind != .icmp && !(1...65_535).contains(port) { problems.append(.init(field: "port", text: .monProbeNumber)) }
        if !intervalRange.contains(draft.intervalSeconds) { problems.append(.init(field: "intervalSeconds", text: .monProbeNumber)) }
        if !timeoutRange.contains(draft.timeoutMilliseconds) { problems.append(.init(field: "timeoutMilliseconds", text: .monProbeNumber)) }
        else if draft.timeoutMilliseconds >= draft.intervalSeconds * 1000 { problems.append(.init(field: "timeoutMilliseconds", text: .monProbeTimeout)) }
        if !retriesRange.contains(draft.retries) { problems.append(.init(field: "retries", text: .monProbeNumber)) }
        var spec = draft.spec
        do { spec = try spec.validated(for: kind) } catch AppError.invalidFields(let found) { problems += found }
        if !problems.isEmpty { throw AppError.invalidFields(problems) }
        return (kind, target, port, spec)
    }

    public static func create(ci ciRef: UUID, _ draft: Draft, by actor: Actor, in ctx: ServiceContext) async throws -> Item {
        let now = ctx.now()
        return try await ctx.audited(actor, action: AuditAction.probeUpdate.rawValue, objectType: "monitor_probe") { tx in
            guard let ci = try await CIModel.find(ciRef, on: tx) else { throw AppError.notFound }
            let (kind, target, port, spec) = try checked(draft, ci: ci)
            guard try await ProbeModel.query(on: tx).filter(\.$ciId == ciRef).count() < maxPerCI else {
                throw AppError.outOfRange(field: "probes", lower: 0, upper: maxPerCI)
            }
            let probe = ProbeModel()
            probe.ciId = ciRef
            probe.kind = kind.rawValue
            probe.target = target
            probe.port = kind == .icmp ? 0 : port
            probe.config = encode(spec)
            probe.intervalSeconds = draft.intervalSeconds
            probe.timeoutMilliseconds = draft.timeoutMilliseconds
            probe.retries = draft.retries
            probe.enabled = draft.enabled
            probe.state = "unknown"
            probe.createdAt = now
            try await probe.create(on: tx)
            let item = item(probe)
            return (item, item.id, nil, AuditDraft.snapshot(["ci": ci.name, "kind": item.kind, "target": "\(target):\(item.port)"]))
        }
    }

    public static func update(_ id: UUID, _ draft: Draft, by actor: Actor, in ctx: ServiceContext) async throws -> Item {
        try await ctx.audited(actor, action: AuditAction.probeUpdate.rawValue, objectType: "monitor_probe") { tx in
            guard let probe = try await ProbeModel.find(id, on: tx), let ci = try await CIModel.find(probe.ciId, on: tx) else { throw AppError.notFound }
            let before = AuditDraft.snapshot(["kind": probe.kind, "target": probe.target, "config": probe.config, "interval": "\(probe.intervalSeconds)"])
            let (kind, target, port, spec) = try checked(draft, ci: ci)
            probe.kind = kind.rawValue
            probe.target = target
            probe.port = kind == .icmp ? 0 : port
            probe.config = encode(spec)
            probe.intervalSeconds = draft.intervalSeconds
            probe.timeoutMilliseconds = draft.timeoutMilliseconds
            probe.retries = draft.retries
            probe.enabled = draft.enabled
            try await probe.save(on: tx)
            return (item(probe), id.uuidString, before,
                    AuditDraft.snapshot(["kind": probe.kind, "target": probe.target, "config": probe.config, "interval": "\(probe.intervalSeconds)"]))
        }
    }

    public static func delete(_ id: UUID, by actor: Actor, in ctx: ServiceContext) async throws {
        try await ctx.audited(actor, action: AuditAction.probeUpdate.rawValue, objectType: "monitor_probe") { tx in
            guard let probe = try await ProbeModel.find(id, on: tx) else { throw AppError.notFound }
            let before = AuditDraft.snapshot(["kind": probe.kind, "target": probe.target, "deleted": "true"])
            try await probe.delete(on: tx)
            return ((), id.uuidString, before, nil)
        }
    }

    /// Adds the type's default probes a CI does not have yet (same kind and port); answers how many.
    public static func applyDefaults(ci ciId: UUID, by actor: Actor, in ctx: ServiceContext) async throws -> Int {
        guard let ci = try await CIModel.find(ciId, on: ctx.db) else { throw AppError.notFound }
        let existing = try await list(ci: ciId, on: ctx.db)
        var added = 0
        for draft in defaults(forType: ci.typeKey, attributes: ci.attributes) {
            let kind = ProbeKind(rawValue: draft.kind)
            let port = draft.port ?? kind?.defaultPort ?? 0
            if existing.contains(where: { $0.kind == draft.kind && ($0.kind == "icmp" || $0.port == port) && $0.spec.register == draft.spec.register }) { continue }
            _ = try await create(ci: ciId, draft, by: actor, in: ctx)
            added += 1
        }
        return added
    }

    /// Every enabled probe, for the scheduler.
    /// ISAPI probes get their CI's management credential, unsealed (only in memory).
    public static func targets(on db: any Database, secrets: SecretBox? = nil) async throws -> [(ProbeTarget, state: String)] {
        let models = try await ProbeModel.query(on: db).filter(\.$enabled == true).all()
        var credentials: [UUID: String] = [:]
        let needing = Array(Set(models.filter { $0.kind == ProbeKind.isapi.rawValue }.map(\.ciId)))
        if let secrets, !needing.isEmpty {
            for ci in try await CIModel.query(on: db).filter(\.$id ~~ needing).all() {
                if let sealed = ci.sealedCredential, let id = ci.id, let open = secrets.open(sealed) { credentials[id] = open }
            }
        }
        return models.compactMap { model in
            guard let id = model.id, let kind = ProbeKind(rawValue: model.kind) else { return nil }
            return (ProbeTarget(id: id, ciId: model.ciId, kind: kind, host: model.target, port: model.port, spec: decode(model.config),
                                interval: model.intervalSeconds, timeout: .milliseconds(model.timeoutMilliseconds), retries: model.retries,
                                password: credentials[model.ciId]),
                    model.state)
        }
    }

    /// The latest results of a CI's probes, newest first.
    public static func recentResults(probe: UUID, limit: Int = 20, on db: any Database) async throws -> [ProbeResultModel] {
        try await ProbeResultModel.query(on: db).filter(\.$probeId == probe).sort(\.$at, .descending).limit(limit).all()
    }
}
