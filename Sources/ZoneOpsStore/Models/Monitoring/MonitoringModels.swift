import FluentKit
import Foundation
import SQLKit

/// One event as it was received (from a probe, Alertmanager, the events API, syslog or a trap):
/// written on the bulk path, many rows a statement, before its sender is answered, and read by
/// the pipeline in order of arrival. `processed` marks those the pipeline has applied, so an
/// event acknowledged before a crash is applied after the restart. Not an audit entry.
public final class EventRecordModel: Model, @unchecked Sendable {
    public static let schema = "monitor_events"

    @ID(key: .id) public var id: UUID?
    @Field(key: "received_at") public var receivedAt: Date
    /// Its place among the events received in the same batch.
    @Field(key: "ord") public var ord: Int
    @Field(key: "occurred_at") public var occurredAt: Date
    @Field(key: "source") public var source: String
    /// The CI the sender named (id or asset tag), if any.
    @OptionalField(key: "ci_ref") public var ciRef: String?
    @OptionalField(key: "host") public var host: String?
    @Field(key: "check_name") public var check: String
    @Field(key: "severity") public var severity: String
    @Field(key: "summary") public var summary: String
    @Field(key: "fingerprint") public var fingerprint: String
    /// What makes a delivery the same occurrence (Alertmanager: status and startsAt), so the
    /// same webhook delivered twice counts once.
    @OptionalField(key: "occurrence") public var occurrence: String?
    /// `{"key":"value"}` labels, JSON.
    @Field(key: "labels") public var labelsJSON: String
    @Field(key: "processed") public var processed: Bool

    public init() {}

    public static let columns = ["id", "received_at", "ord", "occurred_at", "source", "ci_ref", "host", "check_name", "severity",
                                 "summary", "fingerprint", "occurrence", "labels", "processed"]
}

/// One condition as the console shows it: the events of one fingerprint from first firing to
/// recovery, de-duplicated (`count`, `lastSeen`), matched to a CI (or listed as unmatched), with
/// the incident it opened or was attached to.
public final class AlertModel: Model, @unchecked Sendable {
    public static let schema = "monitor_alerts"

    @ID(key: .id) public var id: UUID?
    @Field(key: "fingerprint") public var fingerprint: String
    @Field(key: "source") public var source: String
    @OptionalField(key: "ci_id") public var ciId: UUID?
    @OptionalField(key: "host") public var host: String?
    @Field(key: "check_name") public var check: String
    @Field(key: "severity") public var severity: String
    @Field(key: "summary") public var summary: String
    @Field(key: "labels") public var labelsJSON: String
    /// `firing` or `resolved`.
    @Field(key: "status") public var status: String
    @Field(key: "count") public var count: Int
    @Field(key: "first_seen") public var firstSeen: Date
    @Field(key: "last_seen") public var lastSeen: Date
    @OptionalField(key: "recovered_at") public var recoveredAt: Date?
    @OptionalField(key: "last_occurrence") public var lastOccurrence: String?
    /// Raised inside an approved maintenance window: kept, opens nothing until the window ends.
    @Field(key: "in_maintenance") public var inMaintenance: Bool
    /// Silenced: the silence's mode when one matched (`notify` or `incident`).
    @OptionalField(key: "silenced") public var silenced: String?
    /// The incident it opened (`ownIncident`) or whose root cause it is attached to.
    @OptionalField(key: "incident_id") public var incidentId: UUID?
    @Field(key: "own_incident") public var ownIncident: Bool
    /// The root cause's alert this one is correlated under.
    @OptionalField(key: "root_id") public var rootId: UUID?
    /// Not placed before this (a short wait so a root cause can arrive first).
    @OptionalField(key: "hold_until") public var holdUntil: Date?
    @Field(key: "flapping") public var flapping: Bool
    /// Times its state changed lately, JSON array of seconds since 1970 (flap detection).
    @Field(key: "changes") public var changes: String
    @OptionalField(key: "acknowledged_at") public var acknowledgedAt: Date?
    @OptionalField(key: "acknowledged_by") public var acknowledgedBy: String?
    /// Set once its incident was resolved (or it was closed without one): the episode is over.
    @OptionalField(key: "closed_at") public var closedAt: Date?

    public init() {}

    public var changeTimes: [Date] {
        get { ((try? JSONDecoder().decode([Double].self, from: Data(changes.utf8))) ?? []).map(Date.init(timeIntervalSince1970:)) }
        set { changes = String(decoding: (try? JSONEncoder().encode(newValue.map(\.timeIntervalSince1970))) ?? Data("[]".utf8), as: UTF8.self) }
    }
}

/// The pipeline inserts the alerts a round first saw many per statement.
extension AlertModel: ExplicitRow {
    public static let insertOrder = 4

    public var row: [(column: String, value: any Encodable & Sendable)] {
        [("id", id), ("fingerprint", fingerprint), ("source", source), ("ci_id", ciId), ("host", host), ("check_name", check),
         ("severity", severity), ("summary", summary), ("labels", labelsJSON), ("status", status), ("count", count),
         ("first_seen", firstSeen), ("last_seen", lastSeen), ("recovered_at", recoveredAt), ("last_occurrence", lastOccurrence),
         ("in_maintenance", inMaintenance), ("silenced", silenced), ("incident_id", incidentId), ("own_incident", ownIncident),
         ("root_id", rootId), ("hold_until", holdUntil), ("flapping", flapping), ("changes", changes),
         ("acknowledged_at", acknowledgedAt), ("acknowledged_by", acknowledgedBy), ("closed_at", closedAt)]
    }

    /// A stored alert from a `SELECT *` row, without Fluent's reflection (the pipeline reads
    /// every open alert each round); afterwards it is a stored model (`updateRow`, `save`).
    public convenience init(row: any SQLRow) throws {
        self.init()
        id = try row.decode(column: "id", as: UUID.self)
        fingerprint = try row.decode(column: "fingerprint", as: String.self)
        source = try row.decode(column: "source", as: String.self)
        ciId = try row.optional("ci_id", as: UUID.self)
        host = try row.optional("host", as: String.self)
        check = try row.decode(column: "check_name", as: String.self)
        severity = try row.decode(column: "severity", as: String.self)
        summary = try row.decode(column: "summary", as: String.self)
        labelsJSON = try row.decode(column: "labels", as: String.self)
        status = try row.decode(column: "status", as: String.self)
        count = try row.decode(column: "count", as: Int.self)
        firstSeen = try row.decode(column: "first_seen", as: Date.self)
        lastSeen = try row.decode(column: "last_seen", as: Date.self)
        recoveredAt = try row.optional("recovered_at", as: Date.self)
        lastOccurrence = try row.optional("last_occurrence", as: String.self)
        inMaintenance = try row.decode(column: "in_maintenance", as: Bool.self)
        silenced = try row.optional("silenced", as: String.self)
        incidentId = try row.optional("incident_id", as: UUID.self)
        ownIncident = try row.decode(column: "own_incident", as: Bool.self)
        rootId = try row.optional("root_id", as: UUID.self)
        holdUntil = try row.optional("hold_until", as: Date.self)
        flapping = try row.decode(column: "flapping", as: Bool.self)
        changes = try row.decode(column: "changes", as: String.self)
        acknowledgedAt = try row.optional("acknowledged_at", as: Date.self)
        acknowledgedBy = try row.optional("acknowledged_by", as: String.self)
        closedAt = try row.optional("closed_at", as: Date.self)
        _$idExists = true
    }

    /// The alerts not closed yet, read as rows.
    public static func open(on db: any Database) async throws -> [AlertModel] {
        try await db.sql().select().column("*").from(schema).where("closed_at", .is, SQLLiteral.null).all().map(AlertModel.init(row:))
    }
}

/// A CI's operational state over time, from probes and events (and maintenance).
public final class CIStateChangeModel: Model, @unchecked Sendable {
    public static let schema = "ci_state_changes"

    @ID(key: .id) public var id: UUID?
    @Field(key: "ci_id") public var ciId: UUID
    @OptionalField(key: "from_state") public var fromState: String?
    @Field(key: "to_state") public var toState: String
    @Field(key: "at") public var at: Date
    @Field(key: "cause") public var cause: String

    public init() {}

    public init(ciId: UUID, from: String?, to: String, at: Date, cause: String) {
        self.ciId = ciId
        fromState = from
        toState = to
        self.at = at
        self.cause = String(cause.prefix(300))
    }
}

/// How an event without a CI id finds its CI: a host name or address, or a label value,
/// mapped by someone from the unmatched list.
public final class EventMappingModel: Model, @unchecked Sendable {
    public static let schema = "monitor_mappings"

    @ID(key: .id) public var id: UUID?
    /// `host` (key empty) or `label` (key is the label's name).
    @Field(key: "kind") public var kind: String
    @Field(key: "key") public var key: String
    @Field(key: "value") public var value: String
    @Field(key: "ci_id") public var ciId: UUID
    @Field(key: "created_by_name") public var createdByName: String
    @Field(key: "created_at") public var createdAt: Date

    public init() {}
}

/// A silence on a CI or a check (or both) until `endsAt`, with its reason: `notify` drops the
/// notifications only, `incident` suppresses incidents too (events are always kept).
public final class SilenceModel: Model, @unchecked Sendable {
    public static let schema = "monitor_silences"

    @ID(key: .id) public var id: UUID?
    @OptionalField(key: "ci_id") public var ciId: UUID?
    @OptionalField(key: "check_name") public var check: String?
    @Field(key: "mode") public var mode: String
    @Field(key: "reason") public var reason: String
    @Field(key: "starts_at") public var startsAt: Date
    @Field(key: "ends_at") public var endsAt: Date
    @Field(key: "created_by_name") public var createdByName: String
    @Field(key: "created_at") public var createdAt: Date

    public init() {}
}

/// A probe ZoneOps runs against a CI: kind, where, how often, and its settings as JSON.
public final class ProbeModel: Model, @unchecked Sendable {
    public static let schema = "monitor_probes"

    @ID(key: .id) public var id: UUID?
    @Field(key: "ci_id") public var ciId: UUID
    @Field(key: "kind") public var kind: String
    @Field(key: "target") public var target: String
    @Field(key: "port") public var port: Int
    /// Kind-specific settings (`ProbeSpec`), JSON.
    @Field(key: "config") public var config: String
    @Field(key: "interval_seconds") public var intervalSeconds: Int
    @Field(key: "timeout_ms") public var timeoutMilliseconds: Int
    /// Failures in a row before the probe reports a problem.
    @Field(key: "retries") public var retries: Int
    @Field(key: "enabled") public var enabled: Bool
    /// `ok`, `problem` or `unknown` as last reported.
    @Field(key: "state") public var state: String
    @OptionalField(key: "last_run") public var lastRun: Date?
    @OptionalField(key: "last_message") public var lastMessage: String?
    @OptionalField(key: "last_value") public var lastValue: Double?
    @Field(key: "created_at") public var createdAt: Date

    public init() {}
}

/// One probe run (bulk path), kept for the CI page's recent results and latency.
public final class ProbeResultModel: Model, @unchecked Sendable {
    public static let schema = "probe_results"

    @ID(key: .id) public var id: UUID?
    @Field(key: "probe_id") public var probeId: UUID
    @Field(key: "at") public var at: Date
    @Field(key: "ok") public var ok: Bool
    @OptionalField(key: "latency_ms") public var latencyMilliseconds: Double?
    @OptionalField(key: "value") public var value: Double?
    @Field(key: "message") public var message: String

    public init() {}

    public static let columns = ["id", "probe_id", "at", "ok", "latency_ms", "value", "message"]
}

/// A rule turning a syslog message (by pattern) or an SNMP trap (by trap OID) into an event
/// on a check with a severity (`ok` clears the check).
public final class EventRuleModel: Model, @unchecked Sendable {
    public static let schema = "monitor_rules"

    @ID(key: .id) public var id: UUID?
    /// `syslog` or `trap`.
    @Field(key: "kind") public var kind: String
    @Field(key: "name") public var name: String
    /// syslog: a regular expression over the message; trap: a trap OID (or a prefix of it).
    @Field(key: "pattern") public var pattern: String
    @Field(key: "check_name") public var check: String
    @Field(key: "severity") public var severity: String
    @Field(key: "position") public var position: Int
    @Field(key: "created_by_name") public var createdByName: String
    @Field(key: "created_at") public var createdAt: Date

    public init() {}
}
