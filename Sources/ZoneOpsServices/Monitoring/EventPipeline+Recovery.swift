import FluentKit
import Foundation
import SQLKit
import ZoneOpsDomain
import ZoneOpsStore

/// Recoveries (after the hold, releasing what still fails), flapping, CI states and the
/// round's helpers.
extension RoundWork {
    // MARK: Recovery and flapping

    mutating func recover() async throws {
        let hold = Double(settings.recoveryHoldSeconds)
        // Flapping is judged on every open alert with an incident.
        for alert in live where alert.ownIncident && !alert.flapping && settings.flap.isFlapping(alert.changeTimes, now: now) {
            alert.flapping = true
            if let id = alert.incidentId { try await note(id, "monitor:flapping") }
            mark(alert)
        }
        for alert in live.sorted(byKey: \.firstSeen, <) where alert.status == "resolved" && !alert.inMaintenance {
            guard let recovered = alert.recoveredAt, now.timeIntervalSince(recovered) >= hold else { continue }
            if alert.flapping {
                guard settings.flap.hasSettled(alert.changeTimes, now: now) else { continue }
            }
            if alert.ownIncident, let incidentId = alert.incidentId {
                try await releaseChildren(of: alert, incident: incidentId)
                if settings.autoResolve {
                    try await resolve(incidentId, because: alert)
                } else {
                    try await note(incidentId, "monitor:recovered")
                }
            }
            alert.closedAt = now
            mark(alert)
        }
    }

    /// Before a root's incident is resolved: alerts attached to it that still fire get their own
    /// incident (next placement, at once), child incidents still failing are detached.
    mutating func releaseChildren(of root: AlertModel, incident rootIncident: UUID) async throws {
        let current = live
        for child in current where child.rootId == root.id && child !== root && child.status == "firing" {
            if child.ownIncident, let own = child.incidentId {
                if let incident = try await IncidentModel.find(own, on: tx), incident.parentId == rootIncident {
                    let before = AuditDraft.snapshot(IncidentSnapshot(incident))
                    incident.parentId = nil
                    incident.updatedAt = now
                    try await incident.save(on: tx)
                    try await note(own, "monitor:detached")
                    try await audit(.incidentLink, type: "incident", id: own, before: before, after: AuditDraft.snapshot(IncidentSnapshot(incident)))
                }
            } else {
                child.incidentId = nil
                child.holdUntil = EventPipeline.released
            }
            child.rootId = nil
            mark(child)
        }
        // Attached alerts that recovered with the root are done.
        for child in current where child.rootId == root.id && !child.ownIncident && child.status == "resolved" {
            child.closedAt = now
            mark(child)
        }
    }

    mutating func resolve(_ incidentId: UUID, because alert: AlertModel) async throws {
        guard let incident = try await IncidentModel.find(incidentId, on: tx),
              IncidentStatus.open.map(\.rawValue).contains(incident.status) else { return }
        let text = "监控恢复：\(alert.check) 已于 \(alert.recoveredAt?.formatted(.iso8601) ?? "") 恢复正常，保持 \(settings.recoveryHoldSeconds) 秒后自动解决。"
        try await resolveOne(incident, text: text)
        let children = try await IncidentModel.query(on: tx).filter(\.$parentId == incidentId)
            .filter(\.$status ~~ IncidentStatus.open.map(\.rawValue)).all()
        for child in children {
            try await resolveOne(child, text: "resolved-with:" + incident.number)
            for attached in live where attached.incidentId == child.id {
                attached.closedAt = now
                mark(attached)
            }
        }
    }

    mutating func resolveOne(_ incident: IncidentModel, text: String) async throws {
        let id = try incident.requireID()
        let before = AuditDraft.snapshot(IncidentSnapshot(incident))
        Incidents.move(incident, to: .resolved, now: now)
        incident.resolution = text
        incident.resolutionCode = "auto_recovered"
        incident.updatedAt = now
        incident.refreshDueTimes(levels)
        try await incident.save(on: tx)
        try await IncidentEntryModel(incidentId: id, kind: EntryKind.status.rawValue, isPublic: true, body: IncidentStatus.resolved.rawValue,
                                     actorId: nil, actorName: Actor.system.name, at: now).create(on: tx)
        try await IncidentEntryModel(incidentId: id, kind: EntryKind.reply.rawValue, isPublic: true, body: text,
                                     actorId: nil, actorName: Actor.system.name, at: now).create(on: tx)
        try await IncidentSearch.index(id, on: tx)
        try await audit(.incidentStatus, type: "incident", id: id, before: before, after: AuditDraft.snapshot(IncidentSnapshot(incident)))
        round.resolved += 1
    }

    // MARK: CI state

    /// Each touched CI's state from its open alerts: the worst firing one, else up. A CI a
    /// maintenance window holds keeps `maintenance` (its state comes back when the window ends).
    mutating func updateStates() async throws {
        for alert in open.values where alert.closedAt != nil && alert.id.map(dirty.contains) == true { if let ci = alert.ciId { touched.insert(ci) } }
        guard !touched.isEmpty else { return }
        var worst: [UUID: EventSeverity] = [:]
        // The open alerts once (not per CI): `live` filters every alert each time it is read.
        let current = live
        var firingByCI: [UUID: AlertModel] = [:]
        for alert in current where alert.status == "firing" {
            if let ci = alert.ciId, firingByCI[ci] == nil { firingByCI[ci] = alert }
        }
        for alert in current where alert.status == "firing" {
            guard let ci = alert.ciId, touched.contains(ci), let severity = EventSeverity(rawValue: alert.severity) else { continue }
            worst[ci] = max(worst[ci] ?? .ok, severity)
        }
        // Only each CI's id and state, as rows: a wide CI model read by Fluent for every touched
        // CI had been a tenth of a storm's round.
        var states: [(id: UUID, state: String)] = []
        let touchedIds = Array(touched)
        for start in stride(from: 0, to: touchedIds.count, by: 500) {
            let chunk = touchedIds[start..<min(start + 500, touchedIds.count)].map { $0 as any Encodable & Sendable }
            for row in try await tx.sql().select().columns("id", "state").from(CIModel.schema).where("id", .in, SQLBind.group(chunk)).all() {
                states.append((try row.decode(column: "id", as: UUID.self), try row.decode(column: "state", as: String.self)))
            }
        }
        var moves: [String: [UUID]] = [:]
        for (id, from) in states {
            let target = (worst[id] ?? .ok).state
            guard from != target.rawValue, from != OperationalState.maintenance.rawValue else { continue }
            moves[target.rawValue, default: []].append(id)
            let cause = firingByCI[id].map { $0.check + ": " + $0.summary } ?? "recovered"
            let change = CIStateChangeModel(ciId: id, from: from, to: target.rawValue, at: now, cause: cause)
            change.id = UUID.random()
            if let batch = WriteBatch.of(tx) {
                batch.deferInsert(into: CIStateChangeModel.schema, columns: ["id", "ci_id", "from_state", "to_state", "at", "cause"],
                                  values: [change.id, id, from, target.rawValue, now, change.cause], order: 6)
            } else {
                try await change.create(on: tx)
            }
            try await audit(.ciState, type: "ci", id: id, before: AuditDraft.snapshot(["state": from]),
                            after: AuditDraft.snapshot(["state": target.rawValue, "cause": cause]))
            round.stateChanges += 1
        }
        // One statement per new state (a few hundred CIs a statement), not a save per CI.
        for (state, ids) in moves {
            for chunk in stride(from: 0, to: ids.count, by: 500).map({ Array(ids[$0..<min($0 + 500, ids.count)]) }) {
                try await CIModel.query(on: tx).set(\.$state, to: state).filter(\.$id ~~ chunk).update()
            }
        }
    }

    // MARK: Helpers

    func note(_ incidentId: UUID, _ body: String) async throws {
        try await IncidentEntryModel(incidentId: incidentId, kind: EntryKind.note.rawValue, isPublic: false, body: body,
                                     actorId: nil, actorName: Actor.system.name, at: now).create(on: tx)
    }

    func number(of incidentId: UUID) async throws -> String {
        try await IncidentModel.find(incidentId, on: tx)?.number ?? incidentId.uuidString
    }

    func audit(_ action: AuditAction, type: String, id: UUID, before: String?, after: String?) async throws {
        try await AuditLog.append(AuditDraft(actorId: nil, actorName: Actor.system.name, address: nil, action: action.rawValue,
                                             objectType: type, objectId: id.uuidString, before: before, after: after),
                                  at: now, on: tx, chain: ctx.chain)
    }
}
