import Foundation
import NIOConcurrencyHelpers
import XCTest
import ZoneOpsDomain
@testable import ZoneOpsWeb

/// The live channel's hub: topics, fan-out, the relay seam and who may listen.
final class LiveHubTests: XCTestCase {
    func testSubscribersOfATopicHearItsChangesAndNothingElse() {
        let relayed = NIOLockedValueBox<[String]>([])
        let hub = LiveHub(relay: { topic in relayed.withLockedValue { $0.append(topic.name) } })
        let heard = NIOLockedValueBox<[String]>([])
        let desk = UUID(), board = UUID()
        hub.subscribe(.incidents, id: desk) { message in heard.withLockedValue { $0.append("desk " + message) } }
        hub.subscribe(.hotline, id: board) { message in heard.withLockedValue { $0.append("board " + message) } }
        hub.publish(.incidents)
        XCTAssertEqual(heard.withLockedValue { $0 }, [#"desk {"topic":"incidents","event":"changed"}"#])
        XCTAssertEqual(relayed.withLockedValue { $0 }, ["incidents"], "other instances hear it through the relay")
        hub.deliver(.hotline)
        XCTAssertEqual(relayed.withLockedValue { $0 }.count, 1, "a relayed delivery is not relayed again")
        hub.unsubscribeAll(desk)
        XCTAssertEqual(hub.subscriberCount(.incidents), 0)
    }

    func testTopicsAreAuthorizedByThePolicy() {
        XCTAssertTrue(Policy.allows(.enterprise, LiveTopic.incidents.requiredAction))
        XCTAssertFalse(Policy.allows(.enterprise, LiveTopic.hotline.requiredAction))
        XCTAssertTrue(Policy.allows(.duty, LiveTopic.hotline.requiredAction))
        XCTAssertEqual(LiveTopic.changed(by: "incident"), .incidents)
        XCTAssertNil(LiveTopic.changed(by: "user"))
    }
}
