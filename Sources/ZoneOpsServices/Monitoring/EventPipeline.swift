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
/// of, hosted on, connected to) include a CI with a firing critical alert (the CI is down) attaches to that alert's
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
    public let directories: CIDirectoryCache
    /// Events one round applies at most (the round holds the write lock).
    public let roundSize: Int
    private let signal = Mutex<CheckedContinuation<Void, Never>?>(nil)
    /// When the last round said time-based work (a hold, a recovery, a storm, a settling flap)
    /// comes due next; the loop skips rounds before it unless events are waiting.
    private let nextDue = Mutex(Date.distantPast)
    private let woken = Mutex(false)
    /// Called after a round that changed something, with the object types changed (live updates).
    private let changed: @Sendable (Set<String>) -> Void

    public init(ctx: ServiceContext, graphs: RelationGraphCache, directories: CIDirectoryCache = CIDirectoryCache(), roundSize: Int = 1000,
                changed: @escaping @Sendable (Set<String>) -> Void = { _ in }) {
        self.ctx = ctx
        self.graphs = graphs
        self.directories = directories
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
        let ctx = ctx, directories = directories
        let roundSize = roundSize
        let (round, types, due) = try await ctx.writer.write(on: ctx.db) { tx in
            var work = RoundWork(tx: tx, ctx: ctx, graph: graph, settings: settings, levels: levels, directories: directories, now: now)
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
    let directories: CIDirectoryCache
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

    init(tx: any Database, ctx: ServiceContext, graph: ImpactGraph, settings: MonitoringSettings, levels: ServiceLevels,
         directories: CIDirectoryCache, now: Date) {
        self.tx = tx
        self.ctx = ctx
        self.graph = graph
        self.settings = settings
        self.levels = levels
        self.directories = directories
        self.now = now
    }

    mutating func run(roundSize: Int) async throws {
        let sql = try tx.sql()
        var events = try await PendingEvent.waiting(limit: roundSize, on: sql)
        // Every open alert: placement, recovery and maintenance look at all of them.
        for alert in try await AlertModel.open(on: tx) { open[alert.fingerprint] = alert }
        if !events.isEmpty {
            directory = try await directories.current(on: tx)
            for index in events.indices {
                events[index].ciId = directory.match(ref: events[index].ciRef, host: events[index].host, labels: events[index].labels)
            }
            try await loadHolds(for: events)
            for event in events { try await apply(event) }
            try await PendingEvent.markProcessed(events.map(\.id), on: sql)
            round.applied = events.count
            changedTypes.insert("monitor_alert")
        }
        try await releaseMaintenance()
        try await releaseSilences()
        try await place()
        try await recover()
        try await updateStates()
        var changed: [AlertModel] = []
        for alert in open.values + retired {
            if fresh.contains(ObjectIdentifier(alert)) {
                try await alert.insertRow(on: tx, deferred: true)
            } else if alert.id.map(dirty.contains) ?? false {
                changed.append(alert)
            }
        }
        try await AlertModel.updateRows(changed, on: tx)
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

    mutating func apply(_ event: PendingEvent) async throws {
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
        alert.id = UUID.random()
        alert.fingerprint = event.fingerprint
        alert.source = event.source
        alert.ciId = event.ciId
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
    mutating func recordClearWithoutFiring(_ event: PendingEvent) async throws {
        let ciId = event.ciId
        if let ciId, let twin = live.first(where: { $0.ciId == ciId && $0.check == event.check && $0.source == event.source
            && $0.status == "firing" }) {
            twin.status = "resolved"
            twin.recoveredAt = event.occurredAt
            noteChange(twin, at: event.occurredAt)
            mark(twin)
            return
        }
        // The CI's state follows (an unknown CI whose probe answers becomes up).
        if let ciId { touched.insert(ciId) }
        // A probe's first report (or its first after a restart) may be such a clear: nothing to keep.
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
}

extension Sequence where Element == AlertModel {
    /// Sorted by a key read once per alert. Fluent's property getters are slow enough that a sort
    /// reading them in every comparison had cost a tenth of a round with 5,000 alerts open.
    func sorted<Key>(byKey key: (AlertModel) -> Key, _ before: (Key, Key) -> Bool) -> [AlertModel] {
        map { (key($0), $0) }.sorted { before($0.0, $1.0) }.map(\.1)
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
