import Foundation

/// Counts failed logins per key (an account or an address) in a sliding window and says
/// when a key must wait. A pure value: the caller keeps it and passes the clock.
public struct LoginThrottle: Sendable {
    public struct Limits: Sendable {
        public var perAccount: Int
        public var perAddress: Int
        public var window: TimeInterval
        public init(perAccount: Int = 5, perAddress: Int = 20, window: TimeInterval = 15 * 60) {
            self.perAccount = perAccount
            self.perAddress = perAddress
            self.window = window
        }
    }

    public enum Key: Hashable, Sendable {
        case account(String)
        case address(String)
    }

    public let limits: Limits
    private var failures: [Key: [Date]] = [:]

    public init(limits: Limits = Limits()) { self.limits = limits }

    /// Seconds to wait before another attempt for any of `keys`, or nil when allowed.
    public mutating func retryAfter(for keys: [Key], now: Date) -> TimeInterval? {
        var wait: TimeInterval?
        for key in keys {
            let recent = prune(key, now: now)
            guard recent.count >= limit(for: key), let oldest = recent.first else { continue }
            let seconds = oldest.addingTimeInterval(limits.window).timeIntervalSince(now)
            wait = max(wait ?? 0, seconds)
        }
        return wait
    }

    public mutating func recordFailure(for keys: [Key], now: Date) {
        for key in keys { failures[key, default: []].append(now) }
    }

    /// A successful login clears the account's count; the address keeps its history.
    public mutating func recordSuccess(account: String) {
        failures[.account(account)] = nil
    }

    private func limit(for key: Key) -> Int {
        switch key {
        case .account: limits.perAccount
        case .address: limits.perAddress
        }
    }

    private mutating func prune(_ key: Key, now: Date) -> [Date] {
        let recent = (failures[key] ?? []).filter { now.timeIntervalSince($0) < limits.window }
        failures[key] = recent.isEmpty ? nil : recent
        return recent
    }
}
