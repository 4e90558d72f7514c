import Foundation

/// A fault the demo can stage, and what it does to the devices.
public struct Scenario: Sendable, Equatable {
    public enum Effect: String, Sendable {
        /// The device stops answering, and everything that hangs on it (an access switch's cameras).
        case fail
        /// A room's sensors warm by 1 ℃ every 5 s, up to 12 ℃ above where they were.
        case heat
        /// A UPS runs on battery; its minutes remaining fall by 10 a minute.
        case onBattery
        /// A business system answers slowly (1.5 s) for a minute, then with 503.
        case slowThenFail
        /// An NVR's disks are full: it overwrites its oldest recordings, so channels keep only 62 days.
        case diskFull
        /// A lane's plate camera still answers but reads almost no plates: vehicles go to manual release.
        case noRecognition
    }

    /// The name `zoneops simulate` takes.
    public var key: String
    public var titleZh: String
    public var titleEn: String
    public var effect: Effect
    /// Tags of the devices it acts on.
    public var targets: [String]

    public init(key: String, titleZh: String, titleEn: String, effect: Effect, targets: [String]) {
        self.key = key
        self.titleZh = titleZh
        self.titleEn = titleEn
        self.effect = effect
        self.targets = targets
    }
}

/// What is wrong in the zone now: each running effect on a device, since when.
public struct ZoneConditions: Sendable, Equatable {
    public var effects: [String: [Scenario.Effect: Date]] = [:]
    /// Scenarios running, by key, since when.
    public var running: [String: Date] = [:]

    public init() {}

    public func since(_ effect: Scenario.Effect, on tag: String) -> Date? { effects[tag]?[effect] }

    mutating func start(_ scenario: Scenario, at now: Date) {
        running[scenario.key] = running[scenario.key] ?? now
        for tag in scenario.targets where effects[tag]?[scenario.effect] == nil { effects[tag, default: [:]][scenario.effect] = now }
    }

    mutating func clear(_ scenario: Scenario, others: [Scenario]) {
        running[scenario.key] = nil
        for tag in scenario.targets {
            // Another running scenario with the same effect on the device keeps it.
            let kept = others.contains { $0.key != scenario.key && running[$0.key] != nil && $0.effect == scenario.effect && $0.targets.contains(tag) }
            if !kept { effects[tag]?[scenario.effect] = nil }
            if effects[tag]?.isEmpty == true { effects[tag] = nil }
        }
    }
}
