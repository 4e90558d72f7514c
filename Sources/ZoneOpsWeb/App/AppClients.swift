import Foundation

/// Side effects the app takes from outside, so tests can pin them.
public struct AppClients: Sendable {
    public var now: @Sendable () -> Date

    public init(now: @escaping @Sendable () -> Date) { self.now = now }

    public static let live = AppClients(now: { Date() })
}
