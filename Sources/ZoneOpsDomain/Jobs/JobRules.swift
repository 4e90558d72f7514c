import Foundation

/// The states of a job in the jobs table.
public enum JobStatus: String, CaseIterable, Codable, Sendable {
    /// Waiting for `runAt`.
    case queued
    /// Leased by an instance until its lease runs out.
    case running
    case succeeded
    /// Out of attempts; an admin sees why.
    case failed
}

/// How long a failed job waits before its next attempt: 30 s, 1 min, 2 min, … at most one hour.
public enum Backoff {
    public static let base: TimeInterval = 30
    public static let cap: TimeInterval = 3600

    /// The wait after attempt `attempt` (1 = the first) failed.
    public static func delay(afterAttempt attempt: Int) -> TimeInterval {
        let exponent = min(max(attempt - 1, 0), 16)
        return min(base * pow(2, Double(exponent)), cap)
    }
}

/// When a recurring job runs: every day at a wall-clock time in a time zone, or every N seconds.
/// Each occurrence has a key of its own, so however many instances tick, it is enqueued once.
public enum Recurrence: Sendable, Equatable {
    case daily(hour: Int, minute: Int, zone: TimeZone)
    case every(seconds: Int)

    /// The occurrence due at or before `now`: its key (unique per job kind) and when it was due.
    public func current(at now: Date) -> (key: String, due: Date) {
        switch self {
        case .every(let seconds):
            let step = max(seconds, 1)
            let slot = Int(now.timeIntervalSince1970) / step * step
            return (String(slot), Date(timeIntervalSince1970: TimeInterval(slot)))
        case .daily(let hour, let minute, let zone):
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = zone
            let today = calendar.startOfDay(for: now)
            var due = calendar.date(bySettingHour: hour, minute: minute, second: 0, of: today) ?? today
            if due > now { due = calendar.date(byAdding: .day, value: -1, to: due) ?? due }
            let day = calendar.dateComponents([.year, .month, .day], from: due)
            let key = String(format: "%04d-%02d-%02d", day.year ?? 0, day.month ?? 0, day.day ?? 0)
            return (key, due)
        }
    }
}
