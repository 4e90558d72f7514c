import Foundation
import ZoneOpsDomain
import ZoneOpsWire

/// An Alertmanager alert as an event (API.md): matched to a CI by label `ci`, else by the host
/// part of `instance` (or `host`, `hostname`); check = `alertname`; severity from the `severity`
/// label (unknown names count as major, since the sender cannot be asked to fix them);
/// resolved alerts clear. The alert's own fingerprint keys it, and status with `startsAt` makes
/// one delivery, so an HA pair's second copy is not counted.
public enum AlertmanagerEvents {
    public static func event(from alert: AlertmanagerWebhook.Alert, receivedAt now: Date) -> IncomingEvent? {
        let resolved = alert.status == "resolved"
        let severity = resolved ? "ok" : (alert.labels["severity"].flatMap { EventSeverity(loose: $0) }?.rawValue ?? "major")
        let host = (alert.labels["instance"] ?? alert.labels["host"] ?? alert.labels["hostname"]).map(CIDirectory.hostPart)
        let occurred = resolved ? min(alert.endsAt ?? now, now) : min(alert.startsAt ?? now, now)
        let summary = alert.annotations["summary"] ?? alert.annotations["description"] ?? alert.annotations["message"]
        let fingerprint = alert.fingerprint ?? alert.labels.sorted { $0.key < $1.key }.map { $0.key + "=" + $0.value }.joined(separator: ",")
        return try? IncomingEvent.make(source: "alertmanager", ciRef: alert.labels["ci"], host: host,
                                       check: alert.labels["alertname"] ?? "alert", severity: severity, summary: summary,
                                       fingerprint: fingerprint, occurrence: alert.occurrenceKey,
                                       labels: alert.labels.filter { $0.key.count <= 256 && $0.value.count <= 256 }.prefix(64)
                                           .reduce(into: [:]) { $0[$1.key] = $1.value },
                                       occurredAt: max(occurred, now.addingTimeInterval(-7 * 86_400)))
    }
}
