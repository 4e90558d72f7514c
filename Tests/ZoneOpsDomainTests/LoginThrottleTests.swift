import Foundation
import XCTest
@testable import ZoneOpsDomain

final class LoginThrottleTests: XCTestCase {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    func testAccountIsBlockedAfterFiveFailuresAndFreedWhenTheWindowPasses() {
        var throttle = LoginThrottle()
        let keys: [LoginThrottle.Key] = [.account("admin"), .address("10.0.0.1")]
        for i in 0..<5 {
            XCTAssertNil(throttle.retryAfter(for: keys, now: t0 + Double(i)))
            throttle.recordFailure(for: keys, now: t0 + Double(i))
        }
        let wait = throttle.retryAfter(for: keys, now: t0 + 10)
        XCTAssertEqual(wait ?? 0, 15 * 60 - 10, accuracy: 0.001)
        XCTAssertNil(throttle.retryAfter(for: keys, now: t0 + 15 * 60 + 5), "the first failure has left the window")
    }

    func testAddressIsBlockedAcrossAccounts() {
        var throttle = LoginThrottle()
        for i in 0..<20 {
            throttle.recordFailure(for: [.account("user\(i)"), .address("10.0.0.9")], now: t0)
        }
        XCTAssertNotNil(throttle.retryAfter(for: [.account("fresh"), .address("10.0.0.9")], now: t0 + 1))
        XCTAssertNil(throttle.retryAfter(for: [.account("fresh"), .address("10.0.0.8")], now: t0 + 1))
    }

    func testSuccessClearsTheAccountButNotTheAddress() {
        var throttle = LoginThrottle(limits: .init(perAccount: 2, perAddress: 3, window: 60))
        let keys: [LoginThrottle.Key] = [.account("a"), .address("x")]
        throttle.recordFailure(for: keys, now: t0)
        throttle.recordFailure(for: keys, now: t0)
        throttle.recordSuccess(account: "a")
        XCTAssertNil(throttle.retryAfter(for: [.account("a")], now: t0 + 1))
        throttle.recordFailure(for: keys, now: t0 + 2)
        XCTAssertNotNil(throttle.retryAfter(for: [.address("x")], now: t0 + 3))
    }
}
