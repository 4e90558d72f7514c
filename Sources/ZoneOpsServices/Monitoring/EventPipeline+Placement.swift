import FluentKit
import Foundation
import SQLKit
import ZoneOpsDomain
import ZoneOpsStore

/// Placing firing alerts: maintenance and silences that end, correlation over the CMDB (attach,
/// re-parent, storms below a silent CI), opening incidents.
extension RoundWork {
    // MARK: Maintenance and silences

    /// Alerts held by a maintenance window that has ended: still firing, they open now; recovered, they close.
    mutating func releaseMaintenance() async throws {
        let held = live.filter { $0.inMaintenance && $0.ciId != nil }
        guard !held.isEmpty else { return }
        let covered = try await Maintenance.covered(Array(Set(held.compactMap(\.ciId))), at: now, on: tx)
        for alert in held where !covered.contains(alert.ciId!) {
            alert.inMaintenance = false
            if alert.status == "firing" {
                alert.holdUntil = now
            } else {
                alert.closedAt = now
            }
            mark(alert)
        }
    }

    mutating func releaseSilences() async throws {
        let held = live.filter { $0.silenced != nil }
        guard !held.isEmpty else { return }
        silences = try await SilenceModel.query(on: tx).filter(\.$endsAt > now.addingTimeInterval(-86_400)).all()
        for alert in held {
            guard let ciId = alert.ciId else { continue }
            let mode = silenceMode(ci: ciId, check: alert.check, at: now)
            if mode != alert.silenced {
                alert.silenced = mode
                if mode == nil { alert.holdUntil = min(alert.holdUntil ?? now, now) }
                mark(alert)
            }
        }
    }

    // MARK: Placement (open, attach, re-parent)

    /// Firing alerts that could be correlated: matched, not held by maintenance or a silence.
    func candidates() -> [AlertModel] {
        live.filter {
            $0.status == "firing" && $0.ciId != nil && !$0.inMaintenance && $0.silenced != SilenceMode.incident.rawValue
        }
    }

    mutating func place() async throws {
        let live = candidates()
        guard !live.isEmpty else { return }
        // The critical alert of each CI (the oldest), for finding roots. Only a CI that is down
        // (critical: unreachable, a UPS about to run out) explains what fails below it; a major
        // problem (a UPS on battery, an NVR short of retention) is a problem of its own, and the
        // switch failing behind a UPS on battery is not caused by it.
        var byCI: [UUID: AlertModel] = [:]
        for alert in live.sorted(byKey: \.firstSeen, <) where alert.severity == EventSeverity.critical.rawValue {
            if byCI[alert.ciId!] == nil { byCI[alert.ciId!] = alert }
        }
        let window = Double(settings.correlationWindowSeconds)
        // Each alert's cause, worked out once a round: placement asks for it several times per
        // alert, and with 5,000 alerts open the graph walks had cost most of a 300 ms round.
        // It depends only on the CI, the first-seen time and which CIs fail, none of which
        // placement changes.
        var causes: [ObjectIdentifier: AlertModel?] = [:]
        causes.reserveCapacity(live.count)
        /// The nearest firing cause of an alert's CI within the window, if any.
        func cause(of alert: AlertModel) -> AlertModel? {
            if let known = causes[ObjectIdentifier(alert)] { return known }
            var found: AlertModel?
            for id in graph.causes(of: alert.ciId!.uuidString) {
                guard let uuid = UUID(uuidString: id), let other = byCI[uuid], other !== alert else { continue }
                if abs(other.firstSeen.timeIntervalSince(alert.firstSeen)) <= window { found = other; break }
            }
            causes[ObjectIdentifier(alert)] = .some(found)
            return found
        }
        /// The top of a chain of causes (a loop in the graph ends where it started).
        func top(of alert: AlertModel) -> AlertModel {
            var current = alert
            var seen: Set<ObjectIdentifier> = [ObjectIdentifier(alert)]
            while let next = cause(of: current), seen.insert(ObjectIdentifier(next)).inserted { current = next }
            return current
        }
        let failing = Set(byCI.keys.map(\.uuidString))
        var ownByCI: [UUID: AlertModel] = [:]
        for alert in live where alert.ownIncident && alert.incidentId != nil { if let ci = alert.ciId { ownByCI[ci] = alert } }
        // Storms: several problems below one CI that has not reported (yet): they wait longer
        // for it (`stormHold`), and if it never reports they open one incident together.
        // Alerts a recovered root released are left out: they become incidents of their own.
        var storms: [UUID: [AlertModel]] = [:]
        for alert in live where cause(of: alert) == nil && alert.holdUntil != EventPipeline.released
            && (alert.incidentId == nil || alert.ownIncident) {
            if let up = graph.causes(of: alert.ciId!.uuidString, limit: 1).first.flatMap(UUID.init(uuidString:)), byCI[up] == nil {
                storms[up, default: []].append(alert)
            }
        }
        var stormOf: [ObjectIdentifier: (leader: AlertModel, since: Date)] = [:]
        for (_, members) in storms where members.count >= EventPipeline.stormSize {
            // The leader: the one that already opened the storm's incident, else the earliest.
            let ordered = members.sorted { ($0.firstSeen, $0.fingerprint) < ($1.firstSeen, $1.fingerprint) }
            let leader = ordered.first { $0.ownIncident && $0.incidentId != nil } ?? ordered[0]
            for member in ordered { stormOf[ObjectIdentifier(member)] = (leader, ordered[0].firstSeen) }
        }
        // Storm leaders open first, so their members attach in the same round.
        let stormLeaders = Set(stormOf.values.map { ObjectIdentifier($0.leader) })
        for alert in live where stormLeaders.contains(ObjectIdentifier(alert)) && alert.incidentId == nil {
            guard let storm = stormOf[ObjectIdentifier(alert)], storm.since.addingTimeInterval(EventPipeline.stormHold) <= now else { continue }
            try await openIncident(for: alert)
            ownByCI[alert.ciId!] = alert
        }
        // Roots first: alerts with no firing cause open their incident once their hold is over,
        // or at once when something that depends on them fails too.
        for alert in live.sorted(byKey: \.firstSeen, <) where alert.incidentId == nil && cause(of: alert) == nil {
            if let storm = stormOf[ObjectIdentifier(alert)] {
                if let incident = storm.leader.incidentId, storm.leader !== alert {
                    alert.incidentId = incident
                    alert.rootId = storm.leader.id
                    alert.ownIncident = false
                    try await attachCI(alert.ciId!, to: incident)
                    round.attached += 1
                    mark(alert)
                }
                continue
            }
            // A second problem on a CI whose incident is open joins that incident.
            if let sibling = ownByCI[alert.ciId!], sibling !== alert {
                alert.incidentId = sibling.incidentId
                alert.rootId = sibling.id
                alert.ownIncident = false
                round.attached += 1
                mark(alert)
                continue
            }
            let dependentsFail = graph.impact(of: alert.ciId!.uuidString, pathsFor: 0).all.contains(where: failing.contains)
            guard dependentsFail || (alert.holdUntil ?? alert.firstSeen) <= now else { continue }
            try await openIncident(for: alert)
            ownByCI[alert.ciId!] = alert
        }
        // Then everything with a firing cause: attach to the root's incident, or re-parent an
        // incident it opened before the root appeared.
        for alert in live where cause(of: alert) != nil {
            let root = top(of: alert)
            guard root !== alert, let rootIncident = root.incidentId, root.ownIncident else { continue }
            if alert.incidentId == nil {
                alert.incidentId = rootIncident
                alert.rootId = root.id
                alert.ownIncident = false
                try await attachCI(alert.ciId!, to: rootIncident)
                round.attached += 1
                mark(alert)
            } else if alert.ownIncident, let own = alert.incidentId, own != rootIncident, alert.rootId != root.id {
                guard let incident = try await IncidentModel.find(own, on: tx), incident.parentId == nil,
                      IncidentStatus.open.map(\.rawValue).contains(incident.status) else { continue }
                let before = AuditDraft.snapshot(IncidentSnapshot(incident))
                incident.parentId = rootIncident
                incident.updatedAt = now
                try await incident.save(on: tx)
                alert.rootId = root.id
                try await note(own, "monitor:child-of:" + (try await number(of: rootIncident)))
                try await audit(.incidentLink, type: "incident", id: own, before: before, after: AuditDraft.snapshot(IncidentSnapshot(incident)))
                round.reparented += 1
                mark(alert)
            } else if !alert.ownIncident, alert.incidentId != rootIncident {
                // Its root changed (a cause above the old root appeared): follow the new root.
                alert.incidentId = rootIncident
                alert.rootId = root.id
                try await attachCI(alert.ciId!, to: rootIncident)
                mark(alert)
            }
        }
    }

    mutating func openIncident(for alert: AlertModel) async throws {
        guard let ciId = alert.ciId, let ci = try await CIModel.find(ciId, on: tx) else { return }
        let severity = EventSeverity(rawValue: alert.severity) ?? .major
        let title = String("\(ci.name)：\(alert.summary)".prefix(200))
        let description = """
            监控告警 / monitoring alert
            来源 source: \(alert.source)
            检查项 check: \(alert.check)
            级别 severity: \(alert.severity)
            首次发生 first seen: \(alert.firstSeen.formatted(.iso8601))
            \(alert.host.map { "主机 host: " + $0 } ?? "")
            """
        let input = NewIncident(title: title, description: description, kind: .fault,
                                impact: MonitoringPriority.impact(criticality: ci.criticality, customsCritical: ci.customsCritical),
                                urgency: severity.urgency, channel: .monitoring, cis: [ciId.uuidString], requesterName: "监控系统")
        let prepared = try await Incidents.prepare(input, by: .system, in: ctx)
        prepared.incident.createdAt = now
        prepared.incident.updatedAt = now
        let ciIds = try await Incidents.insert(prepared, by: .system, on: tx)
        let incident = prepared.incident
        let id = try incident.requireID()
        alert.incidentId = id
        alert.ownIncident = true
        alert.rootId = nil
        if alert.flapping { try await note(id, "monitor:flapping") }
        try await audit(.incidentCreate, type: "incident", id: id, before: nil, after: AuditDraft.snapshot(IncidentSnapshot(incident, cis: ciIds)))
        round.opened += 1
        mark(alert)
    }

    mutating func attachCI(_ ciId: UUID, to incidentId: UUID) async throws {
        if incidentCIs[incidentId] == nil {
            let rows = try await tx.sql().select().column("ci_id").from(IncidentCIModel.schema)
                .where("incident_id", .equal, SQLBind(incidentId)).all()
            incidentCIs[incidentId] = Set(try rows.map { try $0.decode(column: "ci_id", as: UUID.self) })
        }
        guard incidentCIs[incidentId]?.insert(ciId).inserted == true else { return }
        if let batch = WriteBatch.of(tx) {
            batch.deferInsert(into: IncidentCIModel.schema, columns: ["id", "incident_id", "ci_id"], values: [UUID.random(), incidentId, ciId], order: 5)
        } else {
            try await IncidentCIModel(incidentId: incidentId, ciId: ciId).create(on: tx)
        }
    }

    // MARK: Holds read once a round

    /// Maintenance windows of the round's CIs and the silences that could cover its events.
    mutating func loadHolds(for events: [PendingEvent]) async throws {
        let ids = Array(Set(events.compactMap(\.ciId)))
        let earliest = events.map(\.occurredAt).min() ?? now
        for chunk in stride(from: 0, to: ids.count, by: 500).map({ Array(ids[$0..<min($0 + 500, ids.count)]) }) {
            for window in try await MaintenanceWindowModel.query(on: tx).filter(\.$ciId ~~ chunk)
                .group(.or, { $0.filter(\.$endsAt == nil).filter(\.$endsAt > earliest) }).all() {
                windows[window.ciId, default: []].append((window.startsAt, window.endsAt))
            }
        }
        silences = try await SilenceModel.query(on: tx).filter(\.$endsAt > earliest).all()
    }

    func inMaintenance(_ ci: UUID, at instant: Date) -> Bool {
        (windows[ci] ?? []).contains { $0.start <= instant && ($0.end.map { $0 > instant } ?? true) }
    }

    /// The strongest silence covering the CI and check at `instant` (as `Silences.mode`).
    func silenceMode(ci: UUID, check: String, at instant: Date) -> String? {
        let matching = silences.filter { $0.startsAt <= instant && $0.endsAt > instant && ($0.ciId == nil || $0.ciId == ci)
            && ($0.check == nil || $0.check == check) }
        if matching.contains(where: { $0.mode == SilenceMode.incident.rawValue }) { return SilenceMode.incident.rawValue }
        return matching.isEmpty ? nil : SilenceMode.notify.rawValue
    }
}
