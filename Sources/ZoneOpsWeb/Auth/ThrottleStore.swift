import Foundation
import ZoneOpsDomain

/// The process's login throttle. Per instance: behind several instances each counts its own share.
actor ThrottleStore {
    private var throttle = LoginThrottle()

    func retryAfter(account: String, address: String?, now: Date) -> Int? {
        throttle.retryAfter(for: keys(account, address), now: now).map { Int($0.rounded(.up)) }
    }

    func failed(account: String, address: String?, now: Date) {
        throttle.recordFailure(for: keys(account, address), now: now)
    }

    func succeeded(account: String) {
        throttle.recordSuccess(account: AccountRules.normalizedUsername(account))
    }

    private func keys(_ account: String, _ address: String?) -> [LoginThrottle.Key] {
        [.account(AccountRules.normalizedUsername(account))] + (address.map { [.address($0)] } ?? [])
    }
}
