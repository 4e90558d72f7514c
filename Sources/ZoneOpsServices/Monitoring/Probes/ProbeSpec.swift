import Foundation
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
    /// An answer slower than this (ms) is a warning: a business system that slows down.
    public var slowMilliseconds: Int?
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
        if let slow = slowMilliseconds, !(1...60_000).contains(slow) { problems.append(.init(field: "config.slowMilliseconds", text: .monProbeNumber)) }
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
