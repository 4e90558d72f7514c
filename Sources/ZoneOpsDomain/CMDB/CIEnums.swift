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

extension RelationType {
    public var label: TextKey {
        switch self {
        case .dependsOn: .relDependsOn
        case .connectedTo: .relConnectedTo
        case .hostedOn: .relHostedOn
        case .partOf: .relPartOf
        case .backsUp: .relBacksUp
        }
    }
}

extension AttributeKind {
    public var label: TextKey {
        switch self {
        case .text: .kindText
        case .integer: .kindInteger
        case .decimal: .kindDecimal
        case .date: .kindDate
        case .boolean: .kindBoolean
        case .ipAddress: .kindIP
        case .customsCameraCode: .kindCameraCode
        case .choice: .kindChoice
        }
    }

    /// The display name of a stored value (a choice's name, 是/否 for booleans).
    public func display(_ value: String, in language: AppLanguage) -> String {
        switch self {
        case .choice(let options):
            guard let option = options.first(where: { $0.code == value }) else { return value }
            return language == .en ? option.en : option.zh
        case .boolean:
            return Catalog.shared.text(value == "true" ? .yes : .no, language)
        default:
            return value
        }
    }
}

/// How spare stock moves: received from a supplier, used on a repair, returned unused, scrapped.
public enum SpareMovementKind: String, CaseIterable, Codable, Sendable {
    case receive, use, returned = "return", scrap

    /// +1 into stock, −1 out of it.
    public var sign: Int { self == .receive || self == .returned ? 1 : -1 }

    public var label: TextKey {
        switch self {
        case .receive: .spareReceive
        case .use: .spareUse
        case .returned: .spareReturn
        case .scrap: .spareScrap
        }
    }
}
