import Foundation

/// The event pipeline's timing, editable by an admin (`MonitoringStore`). Editing these never
/// resolves an open incident: they apply to what happens next.
public struct MonitoringSettings: Sendable, Equatable, Codable {
    /// A new problem waits this long for a root cause above it before it opens its own incident
    /// (a problem whose dependents already fail opens at once).
    public var openDelaySeconds: Int
    /// A recovery must hold this long before the incident is resolved, so a blip does not close it.
    public var recoveryHoldSeconds: Int
    /// Resolve the incident on recovery (true) or only note the recovery in its log (false).
    public var autoResolve: Bool
    /// Events from dependents within this many seconds of a root cause attach to its incident.
    public var correlationWindowSeconds: Int
    public var flap: FlapPolicy
    /// Raw events older than this are pruned.
    public var retentionDays: Int

    public static let standard = MonitoringSettings(openDelaySeconds: 3, recoveryHoldSeconds: 60, autoResolve: true,
                                                    correlationWindowSeconds: 600, flap: .standard, retentionDays: 90)

    public static let openDelayRange = 0...600
    public static let recoveryHoldRange = 0...3_600
    public static let correlationWindowRange = 10...86_400
    public static let retentionRange = 1...3_650

    public init(openDelaySeconds: Int, recoveryHoldSeconds: Int, autoResolve: Bool, correlationWindowSeconds: Int,
                flap: FlapPolicy, retentionDays: Int) {
        self.openDelaySeconds = openDelaySeconds
        self.recoveryHoldSeconds = recoveryHoldSeconds
        self.autoResolve = autoResolve
        self.correlationWindowSeconds = correlationWindowSeconds
        self.flap = flap
        self.retentionDays = retentionDays
    }

    /// The fields out of range, each with its bounds (checked when saved).
    public var outOfRange: (field: String, lower: Int, upper: Int)? {
        if !Self.openDelayRange.contains(openDelaySeconds) { return ("openDelaySeconds", 0, 600) }
        if !Self.recoveryHoldRange.contains(recoveryHoldSeconds) { return ("recoveryHoldSeconds", 0, 3_600) }
        if !Self.correlationWindowRange.contains(correlationWindowSeconds) { return ("correlationWindowSeconds", 10, 86_400) }
        if !FlapPolicy.thresholdRange.contains(flap.threshold) { return ("flapThreshold", 3, 100) }
        if !FlapPolicy.windowRange.contains(flap.window) { return ("flapWindowSeconds", 60, 86_400) }
        if !Self.retentionRange.contains(retentionDays) { return ("retentionDays", 1, 3_650) }
        return nil
    }
}
