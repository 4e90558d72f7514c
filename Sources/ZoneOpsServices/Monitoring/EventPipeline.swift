import FluentKit
import Foundation
import Logging
import SQLKit
import Synchronization
import ZoneOpsDomain
import ZoneOpsStore

/// Applies received events, in order of arrival, to the alerts, incidents and CI states:
///
///     normalise (IncomingEvent) -> match a CI -> de-duplicate by fingerprint -> maintenance?
///       -> correlate over the CMDB -> open / attach / re-parent -> recover after a hold -> flapping
///
/// One `process(now:)` round is one transaction of the `Writer`: the events it applied are marked
/// processed in the same commit as what they caused, so a crash loses nothing acknowledged and
/// applies nothing twice. Incidents opened or resolved and CI state changes each get their audit
/// entry (actor `system`); raw events do not. Rounds also run without new events, because holds
/// expire and maintenance windows end on the clock (`run()` ticks every second).
///
/// Correlation: an alert on a CI whose causes (`ImpactGraph.causes`: what it depends on, is part
/// of, hosted on, connected to) include a CI with a firing alert attaches to that alert's
/// incident (the root cause's) instead of opening its own; a new problem waits `openDelay` for
/// such a root to appear. An alert that opened its own incident before its root appeared is
/// re-parented under the root's incident. When the root recovers, attached alerts still firing
/// open incidents of their own and child incidents still failing are detached before the root's
/// incident is resolved (which resolves the children that recovered with it).
public final class EventPipeline: Sendable {
    static let logger = Logger(label: "zoneops.events")
    /// Problems below one silent CI that make a storm, and how long they wait for it to report.
    public static let stormSize = 3
    public static let stormHold: TimeInterval = 30
    /// `holdUntil` of an alert released by its recovered root: placed at once, never in a storm.
    static let released = Date(timeIntervalSince1970: 0)
    public let ctx: ServiceContext
    public let graphs: RelationGraphCache
    /// Events one round applies at most (the round holds the write lock).
    public let roundSize: Int
    private let signal = Mutex<CheckedContinuation<Void, Never>?>(nil)
    /// When the last round said time-based work (a hold, a recovery, a storm, a settling flap)
    /// comes due next; the loop skips rounds before it unless events are waiting.
    private let nextDue = Mutex(Date.distantPast)
    private let woken = Mutex(false)
    /// Called after a round that changed something, with the object types changed (live updates).
    private let changed: @Sendable (Set<String>) -> Void

    public init(ctx: ServiceContext, graphs: RelationGraphCache, roundSize: Int = 1000,
                changed: @escaping @Sendable (Set<String>) -> Void = { _ in }) {
        self.ctx = ctx
        self.graphs = graphs
        self.roundSize = roundSize
        self.changed = changed
    }

    /// What a round did.
    public struct Round: Sendable, Equatable {
        public var applied = 0
        public var opened = 0
        public var attached = 0
        public var reparented = 0
        public var resolved = 0
        public var stateChanges = 0
        /// Events still waiting after this round.
        public var waiting = 0
        public var changedSomething: Bool { applied + opened + attached + reparented + resolved + stateChanges > 0 }
    }

    // MARK: Running

    /// Wakes the loop now (an intake just committed events).
    public func wake() {
        let waiting = signal.withLock { continuation -> CheckedContinuation<Void, Never>? in
            defer { continuation = nil }
            return continuation
        }
        if let waiting { waiting.resume() } else { woken.withLock { $0 = true } }
    }

    /// Rounds until the task is cancelled: at once when woken, else every `tick`.
    public func run(tick: Duration = .seconds(1), backlog: (@Sendable (Int) -> Void)? = nil) async {
        while !Task.isCancelled {
            do {
                guard try await shouldRun(now: ctx.now()) else {
                    await sleep(upTo: tick)
                    continue
                }
                var round = try await process(now: ctx.now())
                backlog?(round.waiting)
                while round.waiting > 0, !Task.isCancelled {
                    round = try await process(now: ctx.now())
                    backlog?(round.waiting)
                }
            } catch {
                Self.logger.error("事件处理失败，稍后重试 / event pipeline round failed", metadata: ["error": "\(error)"])
            }
            await sleep(upTo: tick)
        }
    }

    /// Whether a round has anything to do: events waiting (an indexed look), or time-based work due.
    /// At rest this keeps the loop to one small query a second instead of reading every open alert.
    func shouldRun(now: Date) async throws -> Bool {
        if now >= nextDue.withLock({ $0 }) { return true }
        return try await EventRecordModel.query(on: ctx.db).filter(\.$processed == false).field(\.$id).first() != nil
    }

    private func sleep(upTo tick: Duration) async {
        if woken.withLock({ flag in defer { flag = false }; return flag }) { return }
        let timer = Task { [weak self] in
            try? await Task.sleep(for: tick)
            self?.wake()
        }
        await withCheckedContinuation { continuation in
            let early = signal.withLock { slot -> Bool in
                if woken.withLock({ $0 }) { return true }
                slot = continuation
                return false
            }
            if early { continuation.resume() }
        }
        woken.withLock { $0 = false }
        timer.cancel()
    }

    // MARK: One round

    /// Applies waiting events and the clock's consequences, as one transaction.
    @discardableResult
    public func process(now: Date) async throws -> Round {
        let graph = try await graphs.snapshot(on: ctx.db).graph
        let settings = try await MonitoringStore.load(on: ctx.db)
        let levels = try await ctx.levels.levels(on: ctx.db)
        let ctx = ctx
        let roundSize = roundSize
        let (round, types, due) = try await ctx.writer.write(on: ctx.db) { tx in
            var work = RoundWork(tx: tx, ctx: ctx, graph: graph, settings: settings, levels: levels, now: now)
            try await work.run(roundSize: roundSize)
            return (work.round, work.changedTypes, work.nextDue())
        }
        nextDue.withLock { $0 = due }
        if !types.isEmpty {
            for type in types { ctx.didCommit(type) }
            changed(types)
        }
        return round
    }
}

/// The state of one round inside its transaction.
struct RoundWork {
    let tx: any Database
    let ctx: ServiceContext
    let graph: ImpactGraph
    let settings: MonitoringSettings
    let levels: ServiceLevels
    let now: Date
    var round = EventPipeline.Round()
    var changedTypes: Set<String> = []
    /// Open alerts (not closed) by fingerprint, loaded as needed.
    var open: [String: AlertModel] = [:]
    var directory = CIDirectory()
    /// CIs whose state may have changed this round.
    var touched: Set<UUID> = []
    var dirty: Set<UUID> = []
    /// Alerts closed and replaced by a new episode of their fingerprint in this round.
    var retired: [AlertModel] = []
    /// Alerts first seen in this round: inserted (many a statement) at its end.
    var fresh: Set<ObjectIdentifier> = []
    /// The round's CIs' maintenance windows and the silences in force, read once.
    var windows: [UUID: [(start: Date, end: Date?)]] = [:]
    var silences: [SilenceModel] = []
    /// CIs already on each incident this round touched.
    var incidentCIs: [UUID: Set<UUID>] = [:]

    /// The alerts not closed yet.
    var live: [AlertModel] { open.values.filter { $0.closedAt == nil } }

    init(tx: any Database, ctx: ServiceContext, graph: ImpactGraph, settings: MonitoringSettings, levels: ServiceLevels, now: Date) {
        self.tx = tx
        self.ctx = ctx
        self.graph = graph
        self.settings = settings
        self.levels = levels
        self.now = now
    }

    mutating func run(roundSize: Int) async throws {
        let events = try await EventRecordModel.query(on: tx).filter(\.$processed == false)
            .sort(\.$receivedAt).sort(\.$ord).limit(roundSize).all()
        // Every open alert: placement, recovery and maintenance look at all of them.
        for alert in try await AlertModel.query(on: tx).filter(\.$closedAt == nil).all() { open[alert.fingerprint] = alert }
        if !events.isEmpty {
            directory = try await CIDirectory.load(on: tx)
            try await loadHolds(for: events)
            for event in events { try await apply(event) }
            let ids = events.compactMap(\.id)
            for chunk in stride(from: 0, to: ids.count, by: 500).map({ Array(ids[$0..<min($0 + 500, ids.count)]) }) {
                try await EventRecordModel.query(on: tx).set(\.$processed, to: true).filter(\.$id ~~ chunk).update()
            }
            round.applied = events.count
            changedTypes.insert("monitor_alert")
        }
        try await releaseMaintenance()
        try await releaseSilences()
        try await place()
        try await recover()
        try await updateStates()
        for alert in open.values + retired {
            if fresh.contains(ObjectIdentifier(alert)) {
                try await alert.insertRow(on: tx, deferred: true)
            } else if alert.id.map(dirty.contains) ?? false {
                try await alert.save(on: tx)
            }
        }
        if events.count == roundSize {
            round.waiting = try await EventRecordModel.query(on: tx).filter(\.$processed == false).count()
        }
        if round.opened + round.resolved + round.attached + round.reparented > 0 { changedTypes.insert("incident") }
        if round.stateChanges > 0 { changedTypes.insert("ci_state") }
    }

    /// The soonest time-based work among the open alerts (at the latest 30 s from now, for
    /// maintenance windows and silences that end).
    func nextDue() -> Date {
        var next = now.addingTimeInterval(30)
        let hold = Double(settings.recoveryHoldSeconds)
        for alert in live {
            // Unmatched, held by maintenance or a silence: the 30 s look covers their release.
            if alert.status == "firing", alert.incidentId == nil, alert.ciId != nil, !alert.inMaintenance,
               alert.silenced != SilenceMode.incident.rawValue {
                next = min(next, alert.holdUntil ?? now, alert.firstSeen.addingTimeInterval(EventPipeline.stormHold))
            } else if alert.status == "resolved", let recovered = alert.recoveredAt {
                next = min(next, recovered.addingTimeInterval(hold))
                if alert.flapping, let last = alert.changeTimes.max() { next = min(next, max(last.addingTimeInterval(settings.flap.window), recovered)) }
            }
        }
        return max(next, now.addingTimeInterval(0.2))
    }

    // MARK: Applying events

    mutating func apply(_ event: EventRecordModel) async throws {
        guard let severity = EventSeverity(rawValue: event.severity), severity != .info else { return }
        let existing = open[event.fingerprint].flatMap { $0.closedAt == nil ? $0 : nil }
        if severity == .ok {
            guard let alert = existing else { return try await recordClearWithoutFiring(event) }
            if let occurrence = event.occurrence, occurrence == alert.lastOccurrence { return }
            alert.lastOccurrence = event.occurrence
            alert.lastSeen = max(alert.lastSeen, event.occurredAt)
            if alert.status == "firing" {
                alert.status = "resolved"
                alert.recoveredAt = event.occurredAt
                noteChange(alert, at: event.occurredAt)
            }
            mark(alert)
            return
        }
        if let alert = existing {
            if let occurrence = event.occurrence, occurrence == alert.lastOccurrence { return }
            alert.lastOccurrence = event.occurrence
            alert.count += 1
            alert.lastSeen = max(alert.lastSeen, event.occurredAt)
            alert.summary = event.summary
            if alert.severity != severity.rawValue { alert.severity = severity.rawValue }
            if alert.status == "resolved" {
                // Back before the recovery held: the same alert (and incident) again.
                alert.status = "firing"
                alert.recoveredAt = nil
                noteChange(alert, at: event.occurredAt)
                if alert.flapping, let incidentId = alert.incidentId, alert.ownIncident {
                    try await note(incidentId, "monitor:refired")
                }
            }
            mark(alert)
            return
        }
        let alert = AlertModel()
        alert.id = UUID()
        alert.fingerprint = event.fingerprint
        alert.source = event.source
        alert.ciId = directory.match(ref: event.ciRef, host: event.host, labels: event.labels)
        alert.host = event.host
        alert.check = event.check
        alert.severity = severity.rawValue
        alert.summary = event.summary
        alert.labels = event.labels
        alert.status = "firing"
        alert.count = 1
        alert.firstSeen = event.occurredAt
        alert.lastSeen = event.occurredAt
        alert.lastOccurrence = event.occurrence
        alert.inMaintenance = false
        alert.ownIncident = false
        alert.flapping = false
        alert.changeTimes = [event.occurredAt]
        alert.holdUntil = event.occurredAt.addingTimeInterval(Double(settings.openDelaySeconds))
        if let ciId = alert.ciId {
            alert.inMaintenance = inMaintenance(ciId, at: event.occurredAt)
            alert.silenced = silenceMode(ci: ciId, check: event.check, at: event.occurredAt)
        }
        fresh.insert(ObjectIdentifier(alert))
        if let closed = open[alert.fingerprint] { retired.append(closed) }
        open[alert.fingerprint] = alert
        mark(alert)
    }

    /// A clear whose firing was never seen: kept (closed at once) so the console shows it; it
    /// still closes an open alert on the same CI and check from the same source that carried a
    /// different fingerprint (a sender that changed its key across a restart).
    mutating func recordClearWithoutFiring(_ event: EventRecordModel) async throws {
        let ciId = directory.match(ref: event.ciRef, host: event.host, labels: event.labels)
        if let ciId, let twin = live.first(where: { $0.ciId == ciId && $0.check == event.check && $0.source == event.source
            && $0.status == "firing" }) {
            twin.status = "resolved"
            twin.recoveredAt = event.occurredAt
            noteChange(twin, at: event.occurredAt)
            mark(twin)
            return
        }
        // A probe's first report after a restart may be such a clear: nothing to keep.
        guard event.source != "probe" else { return }
        let alert = AlertModel()
        alert.fingerprint = event.fingerprint
        alert.source = event.source
        alert.ciId = ciId
        alert.host = event.host
        alert.check = event.check
        alert.severity = EventSeverity.ok.rawValue
        alert.summary = event.summary
        alert.labels = event.labels
        alert.status = "resolved"
        alert.count = 1
        alert.firstSeen = event.occurredAt
        alert.lastSeen = event.occurredAt
        alert.recoveredAt = event.occurredAt
        alert.inMaintenance = false
        alert.ownIncident = false
        alert.flapping = false
        alert.changeTimes = []
        alert.closedAt = now
        try await alert.create(on: tx)
    }

    mutating func noteChange(_ alert: AlertModel, at time: Date) {
        alert.changeTimes = settings.flap.trimmed(alert.changeTimes + [time], now: max(now, time))
    }

    mutating func mark(_ alert: AlertModel) {
        if let id = alert.id { dirty.insert(id) }
        if let ci = alert.ciId { touched.insert(ci) }
    }

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
        // The firing alert of each CI (the worst, then the oldest), for finding roots.
        var byCI: [UUID: AlertModel] = [:]
        for alert in live.sorted(by: { ($0.severityRank, $1.firstSeen) > ($1.severityRank, $0.firstSeen) }) {
            if byCI[alert.ciId!] == nil { byCI[alert.ciId!] = alert }
        }
        let window = Double(settings.correlationWindowSeconds)
        /// The nearest firing cause of an alert's CI within the window, if any.
        func cause(of alert: AlertModel) -> AlertModel? {
            for id in graph.causes(of: alert.ciId!.uuidString) {
                guard let uuid = UUID(uuidString: id), let other = byCI[uuid], other !== alert else { continue }
                if abs(other.firstSeen.timeIntervalSince(alert.firstSeen)) <= window { return other }
            }
            return nil
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
        for alert in live.sorted(by: { $0.firstSeen < $1.firstSeen }) where alert.incidentId == nil && cause(of: alert) == nil {
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
            incidentCIs[incidentId] = Set(try await IncidentCIModel.query(on: tx).filter(\.$incident.$id == incidentId).all().map(\.ciId))
        }
        guard incidentCIs[incidentId]?.insert(ciId).inserted == true else { return }
        if let batch = WriteBatch.of(tx) {
            batch.deferInsert(into: IncidentCIModel.schema, columns: ["id", "incident_id", "ci_id"], values: [UUID(), incidentId, ciId], order: 5)
        } else {
            try await IncidentCIModel(incidentId: incidentId, ciId: ciId).create(on: tx)
        }
    }

    // MARK: Holds read once a round

    /// Maintenance windows of the round's CIs and the silences that could cover its events.
    mutating func loadHolds(for events: [EventRecordModel]) async throws {
        let ids = Array(Set(events.compactMap { directory.match(ref: $0.ciRef, host: $0.host, labels: $0.labels) }))
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


    // MARK: Recovery and flapping

    mutating func recover() async throws {
        let hold = Double(settings.recoveryHoldSeconds)
        // Flapping is judged on every open alert with an incident.
        for alert in live where alert.ownIncident && !alert.flapping && settings.flap.isFlapping(alert.changeTimes, now: now) {
            alert.flapping = true
            if let id = alert.incidentId { try await note(id, "monitor:flapping") }
            mark(alert)
        }
        for alert in live.sorted(by: { $0.firstSeen < $1.firstSeen }) where alert.status == "resolved" && !alert.inMaintenance {
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
        var cis: [CIModel] = []
        let touchedIds = Array(touched)
        for chunk in stride(from: 0, to: touchedIds.count, by: 500).map({ Array(touchedIds[$0..<min($0 + 500, touchedIds.count)]) }) {
            cis += try await CIModel.query(on: tx).filter(\.$id ~~ chunk).all()
        }
        var moves: [String: [UUID]] = [:]
        for ci in cis {
            let id = try ci.requireID()
            let target = (worst[id] ?? .ok).state
            guard ci.state != target.rawValue, ci.state != OperationalState.maintenance.rawValue else { continue }
            let from = ci.state
            moves[target.rawValue, default: []].append(id)
            let cause = firingByCI[id].map { $0.check + ": " + $0.summary } ?? "recovered"
            let change = CIStateChangeModel(ciId: id, from: from, to: target.rawValue, at: now, cause: cause)
            change.id = UUID()
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

extension AlertModel {
    var severityRank: Int { EventSeverity(rawValue: severity)?.rank ?? 0 }

    var labels: [String: String] {
        get { (try? JSONDecoder().decode([String: String].self, from: Data(labelsJSON.utf8))) ?? [:] }
        set {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            labelsJSON = String(decoding: (try? encoder.encode(newValue)) ?? Data("{}".utf8), as: UTF8.self)
        }
    }
}

extension EventRecordModel {
    var labels: [String: String] { (try? JSONDecoder().decode([String: String].self, from: Data(labelsJSON.utf8))) ?? [:] }
}
