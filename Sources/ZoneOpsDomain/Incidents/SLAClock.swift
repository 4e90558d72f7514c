import Foundation

/// One SLA clock of an incident (response or resolution) as the periods it ran. Business time
/// is counted on a `BusinessCalendar` only when asked, so a corrected calendar or target gives
/// open incidents new due times while the periods themselves stay as they happened.
///
/// - Response runs from creation to the first acknowledgement or public reply by O&M staff.
/// - Resolution runs from creation to resolve; it stops during a pausing pending reason and
///   starts a new period on reopen, so time spent resolved is never counted.
public struct SLAClock: Sendable, Equatable, Codable {
    public struct Period: Sendable, Equatable, Codable {
        public var start: Date
        public var end: Date?

        public init(start: Date, end: Date? = nil) {
            self.start = start
            self.end = end
        }
    }

    public enum State: String, Sendable, Codable {
        case running, paused, stopped
    }

    /// The business seconds allowed.
    public var target: TimeInterval
    public var periods: [Period]
    /// Set while the clock is stopped because the ticket is pending (not because it is done).
    public var pausedSince: Date?

    public init(target: TimeInterval, periods: [Period] = [], pausedSince: Date? = nil) {
        self.target = target
        self.periods = periods
        self.pausedSince = pausedSince
    }

    public var isRunning: Bool { periods.last.map { $0.end == nil } ?? false }

    public var state: State {
        if isRunning { return .running }
        return pausedSince == nil ? .stopped : .paused
    }

    // MARK: Changes

    /// Starts (or resumes) the clock at `instant`; does nothing while it runs.
    public mutating func start(at instant: Date) {
        guard !isRunning else { return }
        periods.append(Period(start: instant))
        pausedSince = nil
    }

    /// Pauses for a pending reason that stops the clock.
    public mutating func pause(at instant: Date) {
        guard isRunning else { return }
        close(at: instant)
        pausedSince = instant
    }

    /// Stops for good (responded, resolved).
    public mutating func stop(at instant: Date) {
        close(at: instant)
        pausedSince = nil
    }

    private mutating func close(at instant: Date) {
        guard let last = periods.indices.last, periods[last].end == nil else { return }
        periods[last].end = max(instant, periods[last].start)
    }

    // MARK: Reading

    /// Business seconds used up to `now`.
    public func used(at now: Date, on calendar: BusinessCalendar) -> TimeInterval {
        periods.reduce(0) { total, period in
            total + calendar.workingSeconds(from: period.start, to: min(period.end ?? now, now))
        }
    }

    /// The instant at which `share` of the target was or will be used: nil while paused or
    /// stopped short of it. `share` 1 is the due time, 0.75 the default warning.
    public func instant(reaching share: Double, on calendar: BusinessCalendar) -> Date? {
        let threshold = target * share
        var used: TimeInterval = 0
        for period in periods {
            if let end = period.end {
                let length = calendar.workingSeconds(from: period.start, to: end)
                if used + length >= threshold, threshold > used || threshold == 0 {
                    return calendar.adding(threshold - used, to: period.start)
                }
                used += length
            } else {
                return calendar.adding(max(0, threshold - used), to: period.start)
            }
        }
        return nil
    }

    public func due(on calendar: BusinessCalendar) -> Date? { instant(reaching: 1, on: calendar) }

    /// Whether more than the target has been used by `now`.
    public func isBreached(at now: Date, on calendar: BusinessCalendar) -> Bool {
        used(at: now, on: calendar) > target
    }

    /// Business seconds left (negative once breached).
    public func remaining(at now: Date, on calendar: BusinessCalendar) -> TimeInterval {
        target - used(at: now, on: calendar)
    }
}
