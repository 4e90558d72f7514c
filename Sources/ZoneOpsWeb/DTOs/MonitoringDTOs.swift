import Foundation
import Vapor
import ZoneOpsDomain
import ZoneOpsServices

/// One event of `POST /api/v1/events` (API.md). Times are read by hand so a bad one is named.
struct EventRequest: Decodable {
    var source: String?
    var ciId: String?
    var host: String?
    var check: String?
    var severity: String?
    var summary: String?
    var fingerprint: String?
    var labels: [String: String]?
    /// When it happened (RFC 3339); the time of receipt when absent.
    var at: String?
}

struct AlertDTO: Content {
    var id: String
    var source: String
    var ciId: String?
    var ciName: String?
    var host: String?
    var check: String
    var severity: String
    var summary: String
    var status: String
    var count: Int
    var firstSeen: Date
    var lastSeen: Date
    var recoveredAt: Date?
    var inMaintenance: Bool
    var silenced: String?
    var incidentId: String?
    var incidentNumber: String?
    var ownIncident: Bool
    var rootId: String?
    var flapping: Bool
    var acknowledgedAt: Date?
    var acknowledgedBy: String?
    var closedAt: Date?
    var labels: [String: String]

    init(_ row: Alerts.Row) {
        id = row.id
        source = row.source
        ciId = row.ciId
        ciName = row.ciName
        host = row.host
        check = row.check
        severity = row.severity
        summary = row.summary
        status = row.status
        count = row.count
        firstSeen = row.firstSeen
        lastSeen = row.lastSeen
        recoveredAt = row.recoveredAt
        inMaintenance = row.inMaintenance
        silenced = row.silenced
        incidentId = row.incidentId
        incidentNumber = row.incidentNumber
        ownIncident = row.ownIncident
        rootId = row.rootId
        flapping = row.flapping
        acknowledgedAt = row.acknowledgedAt
        acknowledgedBy = row.acknowledgedBy
        closedAt = row.closedAt
        labels = row.labels
    }
}

struct SilenceRequest: Content {
    var ciId: String?
    var check: String?
    var mode: String?
    var reason: String?
    var hours: Double?
}

struct SilenceDTO: Content {
    var id: String
    var ciId: String?
    var ciName: String?
    var check: String?
    var mode: String
    var reason: String
    var startsAt: Date
    var endsAt: Date
    var createdBy: String

    init(_ item: Silences.Item) {
        id = item.id
        ciId = item.ciId
        ciName = item.ciName
        check = item.check
        mode = item.mode
        reason = item.reason
        startsAt = item.startsAt
        endsAt = item.endsAt
        createdBy = item.createdBy
    }
}

struct MonitoringSettingsDTO: Content {
    var openDelaySeconds: Int
    var recoveryHoldSeconds: Int
    var autoResolve: Bool
    var correlationWindowSeconds: Int
    var flapThreshold: Int
    var flapWindowSeconds: Int
    var retentionDays: Int

    init(_ settings: MonitoringSettings) {
        openDelaySeconds = settings.openDelaySeconds
        recoveryHoldSeconds = settings.recoveryHoldSeconds
        autoResolve = settings.autoResolve
        correlationWindowSeconds = settings.correlationWindowSeconds
        flapThreshold = settings.flap.threshold
        flapWindowSeconds = Int(settings.flap.window)
        retentionDays = settings.retentionDays
    }

    var settings: MonitoringSettings {
        MonitoringSettings(openDelaySeconds: openDelaySeconds, recoveryHoldSeconds: recoveryHoldSeconds, autoResolve: autoResolve,
                           correlationWindowSeconds: correlationWindowSeconds,
                           flap: FlapPolicy(threshold: flapThreshold, window: TimeInterval(flapWindowSeconds)), retentionDays: retentionDays)
    }
}

struct AvailabilityDTO: Content {
    struct Worst: Content { var ciId: String; var name: String; var downMinutes: Double }
    var scope: String
    var name: String
    var from: Date
    var to: Date
    /// Percent, two decimals; null when nothing was agreed in the period.
    var availability: Double?
    var agreedMinutes: Double
    var downMinutes: Double
    var maintenanceMinutes: Double
    var cis: Int
    var worst: [Worst]

    init(_ result: AvailabilityQueries.Result) {
        scope = result.scope
        name = result.name
        from = result.period.start
        to = result.period.end
        availability = result.figure.ratio.map { ($0 * 10_000).rounded() / 100 }
        agreedMinutes = (result.figure.agreedSeconds / 60).rounded()
        downMinutes = (result.figure.downSeconds / 60 * 10).rounded() / 10
        maintenanceMinutes = (result.figure.maintenanceSeconds / 60).rounded()
        cis = result.cis
        worst = result.worst.map { Worst(ciId: $0.id, name: $0.name, downMinutes: ($0.downSeconds / 60 * 10).rounded() / 10) }
    }
}

struct StateChangeDTO: Content {
    var from: String?
    var to: String
    var at: Date
    var cause: String
}

struct AcceptedDTO: Content {
    var accepted: Int
    var truncatedAlerts: Int?
}
