import Foundation

/// Flapping: a check whose state changes `threshold` times or more within `window` flaps; it
/// settles once it has not changed for `window`. While it flaps its one incident stays open (a
/// recovery does not resolve it) and it is marked; the changes are kept, newest last, bounded.
public struct FlapPolicy: Sendable, Equatable, Codable {
    public var threshold: Int
    public var window: TimeInterval

    public static let standard = FlapPolicy(threshold: 6, window: 600)
    public static let thresholdRange = 3...100
    public static let windowRange: ClosedRange<TimeInterval> = 60...86_400

    public init(threshold: Int, window: TimeInterval) {
        self.threshold = threshold
        self.window = window
    }

    /// The changes to keep: those inside the window before `now`, at most `threshold` of them.
    public func trimmed(_ changes: [Date], now: Date) -> [Date] {
        Array(changes.filter { now.timeIntervalSince($0) < window }.suffix(threshold))
    }

    public func isFlapping(_ changes: [Date], now: Date) -> Bool {
        trimmed(changes, now: now).count >= threshold
    }

    /// Whether a flapping check has settled: no change for a whole window.
    public func hasSettled(_ changes: [Date], now: Date) -> Bool {
        guard let last = changes.max() else { return true }
        return now.timeIntervalSince(last) >= window
    }
}
