import Foundation
import ZoneOpsDomain

/// An event as a sender gave it, checked and normalised: bounded text, a known severity, a
/// fingerprint. Every intake (the events API, Alertmanager, probes, syslog, traps) makes these.
public struct IncomingEvent: Sendable, Equatable {
    public var source: String
    public var ciRef: String?
    public var host: String?
    public var check: String
    public var severity: EventSeverity
    public var summary: String
    public var fingerprint: String
    /// Same value, same occurrence: a second delivery of it is not counted again.
    public var occurrence: String?
    public var labels: [String: String]
    public var occurredAt: Date

    public static let limits = (source: 60, ref: 120, host: 255, check: 120, summary: 1000, labels: 64, label: 256)
    /// Events one request may carry.
    public static let maxBatch = 1000

    /// Checks and normalises; every problem is named at once (field names as the API spells them).
    public static func make(source: String?, ciRef: String?, host: String?, check: String?, severity: String?,
                            summary: String?, fingerprint: String?, occurrence: String? = nil,
                            labels: [String: String] = [:], occurredAt: Date) throws -> IncomingEvent {
        var problems: [FieldProblem] = []
        func clean(_ text: String?) -> String? { text?.trimmedWhitespace.nilIfEmpty }
        let source = clean(source)
        if source == nil { problems.append(.init(field: "source", text: .monRequired)) }
        if let source, source.count > limits.source { problems.append(.init(field: "source", text: .monTooLong)) }
        let check = clean(check)
        if check == nil { problems.append(.init(field: "check", text: .monRequired)) }
        if let check, check.count > limits.check { problems.append(.init(field: "check", text: .monTooLong)) }
        let level = severity.flatMap(EventSeverity.init(loose:))
        if level == nil { problems.append(.init(field: "severity", text: .monSeverityUnknown)) }
        let ciRef = clean(ciRef), host = clean(host)
        if let ciRef, ciRef.count > limits.ref { problems.append(.init(field: "ciId", text: .monTooLong)) }
        if let host, host.count > limits.host { problems.append(.init(field: "host", text: .monTooLong)) }
        if labels.count > limits.labels || labels.contains(where: { $0.key.count > limits.label || $0.value.count > limits.label }) {
            problems.append(.init(field: "labels", text: .monTooLong))
        }
        guard problems.isEmpty, let source, let check, let level else { throw AppError.invalidFields(problems) }
        let summaryText = clean(summary) ?? check
        let subject = ciRef ?? host.map(CIDirectory.hostPart) ?? labels.sorted { $0.key < $1.key }.map { $0.key + "=" + $0.value }.joined(separator: ",")
        return IncomingEvent(source: source, ciRef: ciRef, host: host, check: check, severity: level,
                             summary: String(summaryText.prefix(limits.summary)),
                             fingerprint: EventFingerprint.make(source: source, subject: subject, check: check, given: clean(fingerprint)),
                             occurrence: occurrence.map { String($0.prefix(120)) }, labels: labels, occurredAt: occurredAt)
    }

    /// Labels as stored: sorted keys, JSON.
    var labelsJSON: String {
        if labels.isEmpty { return "{}" }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: (try? encoder.encode(labels)) ?? Data("{}".utf8), as: UTF8.self)
    }
}
