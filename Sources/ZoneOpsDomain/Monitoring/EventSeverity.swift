import Foundation

/// An event's severity (API.md): `ok` clears what the same fingerprint raised; `info` is kept
/// and never opens anything; the others are problems.
public enum EventSeverity: String, CaseIterable, Codable, Sendable, Comparable {
    case critical, major, minor, warning, info, ok

    /// Whether the event reports something wrong (it fires its fingerprint).
    public var isProblem: Bool { self != .ok && self != .info }

    /// Higher is worse.
    public var rank: Int {
        switch self {
        case .critical: 5
        case .major: 4
        case .minor: 3
        case .warning: 2
        case .info: 1
        case .ok: 0
        }
    }

    public static func < (a: EventSeverity, b: EventSeverity) -> Bool { a.rank < b.rank }

    /// The operational state a firing event of this severity puts its CI in.
    public var state: OperationalState {
        switch self {
        case .critical, .major: .down
        case .minor, .warning: .degraded
        case .info, .ok: .up
        }
    }

    /// The incident urgency (1 high – 3 low) this severity gives.
    public var urgency: Int {
        switch self {
        case .critical: 1
        case .major: 2
        default: 3
        }
    }

    /// Reads the names monitoring tools use as well as ours (Alertmanager `severity` labels,
    /// syslog levels, Zabbix's): unknown names are nil, so the caller can say what to fix.
    public init?(loose text: String) {
        switch text.trimmedWhitespace.lowercased() {
        case "critical", "crit", "fatal", "emergency", "emerg", "alert", "disaster", "page", "p1": self = .critical
        case "major", "error", "err", "high", "p2": self = .major
        case "minor", "average", "p3": self = .minor
        case "warning", "warn", "low", "notice", "p4": self = .warning
        case "info", "informational", "information", "debug", "none": self = .info
        case "ok", "resolved", "clear", "cleared", "normal", "recovery": self = .ok
        default: return nil
        }
    }
}

/// The incident priority a monitoring event opens with: impact from the CI's criticality
/// (1 most critical – 4), urgency from the severity.
public enum MonitoringPriority {
    public static func impact(criticality: Int, customsCritical: Bool) -> Int {
        if customsCritical { return 1 }
        switch criticality {
        case ...1: return 1
        case 2: return 2
        default: return 3
        }
    }
}

/// The key that makes repeats of one condition one event: the sender's own fingerprint when it
/// gives one, else source, CI (or host) and check. Long keys are hashed (FNV-1a, 64 bits twice)
/// so the column stays short.
public enum EventFingerprint {
    public static let maxLength = 120

    public static func make(source: String, subject: String, check: String, given: String?) -> String {
        if let given = given?.trimmingCharacters(in: .whitespaces), !given.isEmpty {
            return bounded(source + ":" + given)
        }
        return bounded(source + "|" + subject.lowercased() + "|" + check)
    }

    static func bounded(_ key: String) -> String {
        guard key.utf8.count > maxLength else { return key }
        return "h:" + hex(fnv(key.utf8, basis: 0xcbf2_9ce4_8422_2325)) + hex(fnv(key.utf8.reversed(), basis: 0x8422_2325_cbf2_9ce4))
    }

    static func fnv<S: Sequence>(_ bytes: S, basis: UInt64) -> UInt64 where S.Element == UInt8 {
        var hash = basis
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return hash
    }

    static func hex(_ value: UInt64) -> String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: 16 - text.count) + text
    }
}
