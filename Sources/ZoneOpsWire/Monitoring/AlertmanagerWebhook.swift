import Foundation

/// Prometheus Alertmanager's webhook body (version 4). Fields newer versions add are ignored;
/// `endsAt` of `0001-01-01T00:00:00Z` (a firing alert's) reads as no end; `truncatedAlerts`
/// says how many alerts the sender left out (they arrive with the next notification).
public struct AlertmanagerWebhook: Decodable, Sendable, Equatable {
    public struct Alert: Decodable, Sendable, Equatable {
        public var status: String
        public var labels: [String: String]
        public var annotations: [String: String]
        public var startsAt: Date?
        public var endsAt: Date?
        public var generatorURL: String?
        public var fingerprint: String?

        enum CodingKeys: String, CodingKey { case status, labels, annotations, startsAt, endsAt, generatorURL, fingerprint }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            status = try c.decode(String.self, forKey: .status)
            labels = try c.decodeIfPresent([String: String].self, forKey: .labels) ?? [:]
            annotations = try c.decodeIfPresent([String: String].self, forKey: .annotations) ?? [:]
            startsAt = AlertmanagerWebhook.date(try c.decodeIfPresent(String.self, forKey: .startsAt))
            endsAt = AlertmanagerWebhook.date(try c.decodeIfPresent(String.self, forKey: .endsAt))
            generatorURL = try c.decodeIfPresent(String.self, forKey: .generatorURL)
            fingerprint = try c.decodeIfPresent(String.self, forKey: .fingerprint)
        }

        /// The raw `startsAt` text is not kept; this is what identifies one firing of the alert.
        public var occurrenceKey: String {
            status + "@" + (startsAt.map { String($0.timeIntervalSince1970) } ?? "")
        }
    }

    public var version: String?
    public var status: String?
    public var receiver: String?
    public var groupKey: String?
    public var truncatedAlerts: Int?
    public var alerts: [Alert]

    /// Alerts one webhook may carry here (Alertmanager sends a group's alerts; `max_alerts` caps it).
    public static let maxAlerts = 5000

    public enum Failure: Error, Equatable { case notJSON, tooManyAlerts, unsupportedVersion(String) }

    public static func decode(_ body: Data) throws -> AlertmanagerWebhook {
        let hook: AlertmanagerWebhook
        do { hook = try JSONDecoder().decode(AlertmanagerWebhook.self, from: body) } catch { throw Failure.notJSON }
        if let version = hook.version, version != "4" { throw Failure.unsupportedVersion(version) }
        guard hook.alerts.count <= maxAlerts else { throw Failure.tooManyAlerts }
        return hook
    }

    /// RFC 3339 with or without fractional seconds (Go writes up to nanoseconds); the zero time
    /// Go marshals for "no end" reads as nil.
    public static func date(_ text: String?) -> Date? {
        guard let text, !text.hasPrefix("0001-01-01") else { return nil }
        return RFC3339.parse(text)
    }

}
