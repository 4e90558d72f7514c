import Foundation
import ZoneOpsDomain
import ZoneOpsStore

/// An incident's two SLA clocks and which of their warnings and breaches are already recorded,
/// stored as JSON on the incident (`sla_clocks`).
public struct IncidentClocks: Sendable, Codable, Equatable {
    public var response: SLAClock
    public var resolve: SLAClock
    /// Marks already recorded (`response.warning`, `resolve.breach`, …): each is raised once.
    public var marks: [String]

    public enum Which: String, Sendable, CaseIterable { case response, resolve }
    public enum Mark: String, Sendable, CaseIterable { case warning, breach }

    public init(response: SLAClock, resolve: SLAClock, marks: [String] = []) {
        self.response = response
        self.resolve = resolve
        self.marks = marks
    }

    public func clock(_ which: Which) -> SLAClock { which == .response ? response : resolve }

    public static func decode(_ text: String) -> IncidentClocks {
        (try? JSONDecoder.zoneOps.decode(IncidentClocks.self, from: Data(text.utf8)))
            ?? IncidentClocks(response: SLAClock(target: 0), resolve: SLAClock(target: 0))
    }

    public func encoded() throws -> String {
        String(decoding: try JSONEncoder.zoneOps.encode(self), as: UTF8.self)
    }

    /// When each unrecorded mark falls due (a breach counts from the due instant on).
    public func upcoming(share: Double, on calendar: BusinessCalendar) -> [(which: Which, mark: Mark, at: Date)] {
        var result: [(Which, Mark, Date)] = []
        for which in Which.allCases {
            let clock = clock(which)
            guard clock.target > 0 else { continue }
            for mark in Mark.allCases where !marks.contains(Self.key(which, mark)) {
                if let at = clock.instant(reaching: mark == .warning ? share : 1, on: calendar) {
                    result.append((which, mark, at))
                }
            }
        }
        return result
    }

    /// The marks that have come due by `now`: a warning once its share is used, a breach once
    /// more than the target is.
    public func due(at now: Date, share: Double, on calendar: BusinessCalendar) -> [(which: Which, mark: Mark, at: Date)] {
        upcoming(share: share, on: calendar).filter { item in
            switch item.mark {
            case .warning: item.at <= now
            case .breach: clock(item.which).isBreached(at: now, on: calendar)
            }
        }
    }

    public static func key(_ which: Which, _ mark: Mark) -> String { which.rawValue + "." + mark.rawValue }
}

extension JSONEncoder {
    /// Sorted keys and exact dates (seconds since 1970): stable text for stored JSON.
    static let zoneOps: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .secondsSince1970
        return encoder
    }()
}

extension JSONDecoder {
    static let zoneOps: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return decoder
    }()
}

extension IncidentModel {
    public var clocks: IncidentClocks {
        get { IncidentClocks.decode(slaClocks) }
        set { slaClocks = (try? newValue.encoded()) ?? slaClocks }
    }

    public var incidentStatus: IncidentStatus { IncidentStatus(rawValue: status) ?? .new }

    /// Sets the due columns (for queues and the SLA job) from the clocks under `levels`.
    func refreshDueTimes(_ levels: ServiceLevels) {
        let calendar = levels.calendar(BusinessCalendar.Kind(rawValue: slaCalendar) ?? .workingHours)
        let clocks = clocks
        responseDueAt = clocks.response.isRunning ? clocks.response.due(on: calendar) : nil
        resolveDueAt = clocks.resolve.state == .stopped ? nil : clocks.resolve.due(on: calendar)
        slaNextAt = clocks.upcoming(share: levels.warningShare, on: calendar).map(\.at).min()
    }
}
