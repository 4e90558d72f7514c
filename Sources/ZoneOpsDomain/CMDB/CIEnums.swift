/// Where a CI is in its life (DOMAIN.md): in use, spare, in repair, retired.
public enum LifecycleStatus: String, CaseIterable, Codable, Sendable {
    case inUse = "in_use", spare, repair, retired
}

/// What monitoring last said about a CI (API.md `state`).
public enum OperationalState: String, CaseIterable, Codable, Sendable {
    case up, degraded, down, unknown, maintenance
}

/// The areas of the estate (DOMAIN.md's table), for grouping types.
public enum CIDomain: String, CaseIterable, Codable, Sendable {
    case application, compute, network, video, checkpoint, machineRoom = "machine_room"
}

/// Typed, directed relations between CIs (API.md).
/// Direction: the source is the dependent side; when the target fails the source is affected,
/// except for `backs_up`, which carries no impact.
public enum RelationType: String, CaseIterable, Codable, Sendable {
    case dependsOn = "depends_on", connectedTo = "connected_to", hostedOn = "hosted_on", partOf = "part_of"
    case backsUp = "backs_up"

    /// A CI cannot be (transitively) part of itself or hosted on itself.
    public var forbidsCycles: Bool { self == .partOf || self == .hostedOn }

    /// Whether a failure of the target reaches the source.
    public var carriesImpact: Bool { self != .backsUp }
}
