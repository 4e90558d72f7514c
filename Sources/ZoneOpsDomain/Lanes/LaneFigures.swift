import Foundation

/// The lane KPIs of DOMAIN.md, counted from pass records: automatic recognition rates (plate by
/// camera, plate by RFID, container numbers), the manual release rate and the average pass time.
/// Lane availability (7x24) comes from the lane's state history, not from passes.
public struct LaneFigures: Sendable, Equatable {
    public var passes = 0
    /// Passes whose plate the camera read.
    public var platesRecognised = 0
    /// Passes whose e-plate the RFID reader read.
    public var rfidRead = 0
    /// Passes of vehicles carrying containers, and those whose numbers the camera read in full.
    public var withContainers = 0
    public var containersRecognised = 0
    public var manual = 0
    /// Passes with both times, and their summed duration (arrival to leaving) in seconds.
    public var timed = 0
    public var passSeconds = 0.0

    public init() {}

    public init(passes: Int, platesRecognised: Int, rfidRead: Int, withContainers: Int, containersRecognised: Int, manual: Int,
                timed: Int, passSeconds: Double) {
        self.passes = passes
        self.platesRecognised = platesRecognised
        self.rfidRead = rfidRead
        self.withContainers = withContainers
        self.containersRecognised = containersRecognised
        self.manual = manual
        self.timed = timed
        self.passSeconds = passSeconds
    }

    /// Shares in 0…1; nil when nothing was counted (no passes is not 0 %).
    public var plateRate: Double? { Self.share(platesRecognised, passes) }
    public var rfidRate: Double? { Self.share(rfidRead, passes) }
    public var containerRate: Double? { Self.share(containersRecognised, withContainers) }
    public var manualRate: Double? { Self.share(manual, passes) }
    public var averagePassSeconds: Double? { timed == 0 ? nil : passSeconds / Double(timed) }

    static func share(_ part: Int, _ whole: Int) -> Double? { whole == 0 ? nil : Double(part) / Double(whole) }

    public static func + (a: LaneFigures, b: LaneFigures) -> LaneFigures {
        LaneFigures(passes: a.passes + b.passes, platesRecognised: a.platesRecognised + b.platesRecognised, rfidRead: a.rfidRead + b.rfidRead,
                    withContainers: a.withContainers + b.withContainers, containersRecognised: a.containersRecognised + b.containersRecognised,
                    manual: a.manual + b.manual, timed: a.timed + b.timed, passSeconds: a.passSeconds + b.passSeconds)
    }
}

/// Release-note (核放单) status codes as customs' systems send them.
public enum ReleaseStatus: Int, CaseIterable, Sendable {
    case applied = 0, approved, passedSingleGate, passedGate1, passedGate2, deleted, voided

    public var label: TextKey {
        switch self {
        case .applied: .laneStatusApplied
        case .approved: .laneStatusApproved
        case .passedSingleGate: .laneStatusPassed
        case .passedGate1: .laneStatusGate1
        case .passedGate2: .laneStatusGate2
        case .deleted: .laneStatusDeleted
        case .voided: .laneStatusVoided
        }
    }
}

/// Watches a lane's plate camera through its results rather than its reachability: a camera that
/// answers every probe but reads no plates sends vehicles to manual release. Over the lane's last
/// `window` passes, a share read below `threshold` is a fault; at or above `recovered` it is over
/// (the gap keeps one misread from flapping it). Fewer than `minimum` passes decide nothing.
public enum RecognitionWatch {
    public static let window = 10
    public static let minimum = 5
    public static let threshold = 0.6
    public static let recovered = 0.8

    /// `true` failing, `false` fine, nil undecided (too few passes, or between the two bounds
    /// with no earlier verdict to keep).
    public static func verdict(recent: [Bool], previous: Bool?) -> Bool? {
        let sample = recent.prefix(window)
        guard sample.count >= minimum else { return previous }
        let share = Double(sample.filter { $0 }.count) / Double(sample.count)
        if share < threshold { return true }
        if share >= recovered { return false }
        return previous
    }
}
