import Foundation
import NIOConcurrencyHelpers
import ZoneOpsDomain

/// The live channel: pages subscribe to topics over one WebSocket (`/live`) and hear when
/// something under a topic changed. Messages carry no record data, only "topic changed", so a
/// page re-reads what it shows through the usual policy-scoped query and nothing leaks past
/// the policy. Status boards and notifications reuse it with their own topics.
///
/// Scale-out seam: `relay` receives every local publish; a PostgreSQL LISTEN/NOTIFY relay can
/// forward it to other instances, which call `deliver` for their own subscribers.
final class LiveHub: Sendable {
    typealias Send = @Sendable (String) -> Void

    private struct State {
        var subscribers: [String: [UUID: Send]] = [:]
    }

    private let state = NIOLockedValueBox(State())
    /// Other instances' fan-out; nil on a single instance.
    let relay: (@Sendable (LiveTopic) -> Void)?

    init(relay: (@Sendable (LiveTopic) -> Void)? = nil) {
        self.relay = relay
    }

    func subscribe(_ topic: LiveTopic, id: UUID, send: @escaping Send) {
        state.withLockedValue { $0.subscribers[topic.name, default: [:]][id] = send }
    }

    func unsubscribeAll(_ id: UUID) {
        state.withLockedValue { state in
            for key in state.subscribers.keys { state.subscribers[key]?[id] = nil }
        }
    }

    /// Tells this instance's subscribers and the relay.
    func publish(_ topic: LiveTopic) {
        deliver(topic)
        relay?(topic)
    }

    /// Tells this instance's subscribers only (what a relay calls).
    func deliver(_ topic: LiveTopic) {
        let targets = state.withLockedValue { Array(($0.subscribers[topic.name] ?? [:]).values) }
        let message = #"{"topic":"\#(topic.name)","event":"changed"}"#
        for send in targets { send(message) }
    }

    func subscriberCount(_ topic: LiveTopic) -> Int {
        state.withLockedValue { $0.subscribers[topic.name]?.count ?? 0 }
    }
}

/// A topic of the live channel and who may listen to it.
enum LiveTopic: Sendable, Equatable {
    /// Any incident created or changed (queues, the portal's ticket list, the workbench).
    case incidents
    /// Hotline calls and callbacks (the hotline desk).
    case hotline
    /// Changes raised, approved, implemented (the change list and calendar).
    case changes
    /// Alerts, CI states and silences (the event console and the status boards).
    case monitoring
    /// Lane passes received (the lane traffic page).
    case lanes

    var name: String {
        switch self {
        case .incidents: "incidents"
        case .hotline: "hotline"
        case .changes: "changes"
        case .monitoring: "monitoring"
        case .lanes: "lanes"
        }
    }

    init?(name: String) {
        switch name {
        case "incidents": self = .incidents
        case "hotline": self = .hotline
        case "changes": self = .changes
        case "monitoring": self = .monitoring
        case "lanes": self = .lanes
        default: return nil
        }
    }

    /// The action a subscriber needs (the policy decides per topic).
    var requiredAction: Action {
        switch self {
        case .incidents: .readIncidents
        case .hotline: .logCalls
        case .changes: .readChanges
        case .monitoring, .lanes: .readMonitoring
        }
    }

    /// The topic an audited write of `objectType` changes, if any.
    static func changed(by objectType: String) -> LiveTopic? {
        switch objectType {
        case "incident": .incidents
        case "hotline_call": .hotline
        case "change", "change_blackout": .changes
        case "monitor_alert", "ci_state", "monitor_silence": .monitoring
        case "lane_pass": .lanes
        default: nil
        }
    }
}
