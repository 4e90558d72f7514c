import FluentKit
import Foundation
import Logging
import Synchronization
import ZoneOpsDomain
import ZoneOpsStore

/// Runs every enabled probe on its interval, for thousands of targets:
/// - **Spread, without drift.** Each probe has a fixed phase inside its interval (from its id),
///   and runs in slot k at `phase + k × interval` on the wall clock: never "last run + interval",
///   so late runs do not push the next ones and probes do not bunch up after a restart.
/// - **Bounded concurrency.** At most `maxConcurrent` probes run at once; a probe still running
///   when its next slot comes is skipped once (counted as `overrun`), never run twice at a time.
/// - **Retries before a state change.** A problem is reported after `retries + 1` failures in a
///   row; a recovery at once (the pipeline's recovery hold keeps blips from closing incidents).
/// - **Only changes are events.** Each check of a probe is its own fingerprint; an event goes to
///   the intake when a check's severity changes. Every run's result is kept on the bulk path.
/// Results and events are written together once a second.
public final class ProbeScheduler: Sendable {
    static let logger = Logger(label: "zoneops.probes")

    public struct Stats: Sendable, Equatable {
        public var probes = 0
        public var runs = 0
        public var overruns = 0
        public var inFlight = 0
        public var eventsSent = 0
    }

    struct Entry {
        var target: ProbeTarget
        var lastSlot: Int64
        var failures = 0
        var running = false
        /// Severity last reported per check.
        var reported: [String: EventSeverity] = [:]
        /// `ok` or `problem` as stored.
        var state: String
        var firstRun = true
    }

    struct State {
        var entries: [UUID: Entry] = [:]
        var results: [[any Encodable & Sendable]] = []
        var events: [IncomingEvent] = []
        var stateChanges: [UUID: (state: String, message: String, value: Double?, at: Date)] = [:]
        var stats = Stats()
        /// A probe changed: read them again at the next tick (many changes, one read).
        var reloadRequested = false
    }

    public let ctx: ServiceContext
    let intake: EventIntake
    public let runner: ProbeRunner
    public let maxConcurrent: Int
    private let state = Mutex(State())

    public init(ctx: ServiceContext, intake: EventIntake, runner: ProbeRunner, maxConcurrent: Int = 256) {
        self.ctx = ctx
        self.intake = intake
        self.runner = runner
        self.maxConcurrent = maxConcurrent
    }

    public var stats: Stats { state.withLock { $0.stats } }

    /// A stable phase in [0, interval) ms from the probe's id.
    public static func phase(_ id: UUID, intervalMilliseconds: Int64) -> Int64 {
        let bytes = withUnsafeBytes(of: id.uuid) { Array($0) }
        let value = bytes.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        return Int64(value % UInt64(max(1, intervalMilliseconds)))
    }

    public static func slot(_ target: ProbeTarget, at now: Date) -> Int64 {
        let interval = Int64(target.interval) * 1000
        let ms = Int64(now.timeIntervalSince1970 * 1000)
        let shifted = ms - phase(target.id, intervalMilliseconds: interval)
        return shifted >= 0 ? shifted / interval : (shifted - interval + 1) / interval
    }

    /// Reads the probes again (new, changed, removed), keeping what is known of those that stay.
    public func reload() async throws {
        let targets = try await Probes.targets(on: ctx.db, secrets: ctx.secrets)
        let now = ctx.now()
        state.withLock { state in
            var next: [UUID: Entry] = [:]
            for (target, stored) in targets {
                if var entry = state.entries[target.id] {
                    if entry.target.interval != target.interval { entry.lastSlot = Self.slot(target, at: now) }
                    entry.target = target
                    next[target.id] = entry
                } else {
                    next[target.id] = Entry(target: target, lastSlot: Self.slot(target, at: now), state: stored)
                }
            }
            state.entries = next
            state.stats.probes = next.count
        }
    }

    /// The probes whose slot has come, marked running (at most the free concurrency).
    func takeDue(now: Date) -> [ProbeTarget] {
        state.withLock { state in
            var due: [ProbeTarget] = []
            let free = maxConcurrent - state.stats.inFlight
            for (id, entry) in state.entries {
                let slot = Self.slot(entry.target, at: now)
                guard slot > entry.lastSlot else { continue }
                if entry.running {
                    state.entries[id]?.lastSlot = slot
                    state.stats.overruns += 1
                    continue
                }
                guard due.count < free else { break }
                state.entries[id]?.lastSlot = slot
                state.entries[id]?.running = true
                due.append(entry.target)
            }
            state.stats.inFlight += due.count
            return due
        }
    }

    /// Runs one probe now and records what it found (tests and "probe now" call this too).
    public func runNow(_ target: ProbeTarget) async {
        let outcome = await runner.run(target)
        record(target, outcome, at: ctx.now())
    }

    public func record(_ target: ProbeTarget, _ outcome: ProbeRunner.Outcome, at now: Date) {
        state.withLock { state in
            state.stats.runs += 1
            var entry = state.entries[target.id] ?? Entry(target: target, lastSlot: 0, state: "unknown")
            entry.running = false
            let worst = outcome.worst
            let message = outcome.results.first { $0.severity == worst }?.summary ?? ""
            let value = outcome.results.first { $0.check != "reachable" }?.value ?? outcome.milliseconds
            state.results.append([UUID.timeOrdered(at: now), target.id, now, !worst.isProblem, outcome.milliseconds, value, String(message.prefix(300))])
            entry.failures = worst.isProblem ? entry.failures + 1 : 0
            // Not yet failed often enough: nothing is reported, the last report stands.
            if worst.isProblem && entry.failures <= target.retries {
                state.entries[target.id] = entry
                return
            }
            for result in outcome.results {
                let previous = entry.reported[result.check] ?? (entry.firstRun && entry.state == "problem" ? .critical : .ok)
                // A probe's very first answer (never run before) is reported even when fine, so
                // the CI's state goes from unknown to up without waiting for a problem.
                let firstAnswer = entry.firstRun && entry.state == "unknown" && result.check == "reachable" && entry.reported[result.check] == nil
                guard previous != result.severity || firstAnswer else { continue }
                entry.reported[result.check] = result.severity
                if let event = try? IncomingEvent.make(source: "probe", ciRef: target.ciId.uuidString, host: nil,
                                                       check: target.kind.rawValue + "." + result.check, severity: result.severity.rawValue,
                                                       summary: result.summary, fingerprint: target.id.uuidString + ":" + result.check,
                                                       occurredAt: now) {
                    state.events.append(event)
                }
            }
            entry.firstRun = false
            let overall = worst.isProblem ? "problem" : "ok"
            if overall != entry.state || state.stateChanges[target.id] != nil {
                entry.state = overall
                state.stateChanges[target.id] = (overall, message, value, now)
            }
            state.entries[target.id] = entry
        }
    }

    /// Writes buffered results, probe states and events; events the intake refuses stay queued.
    public func flush() async throws {
        let (results, events, changes) = state.withLock { state in
            defer { state.results = []; state.events = []; state.stateChanges = [:] }
            return (state.results, state.events, state.stateChanges)
        }
        if !results.isEmpty || !changes.isEmpty {
            try await ctx.writer.write(on: ctx.db) { tx in
                try await BulkInsert.rows(into: ProbeResultModel.schema, columns: ProbeResultModel.columns, results, on: tx.sql())
                for (id, change) in changes {
                    try await ProbeModel.query(on: tx).filter(\.$id == id).set(\.$state, to: change.state).set(\.$lastRun, to: change.at)
                        .set(\.$lastMessage, to: change.message).set(\.$lastValue, to: change.value).update()
                }
            }
        }
        guard !events.isEmpty else { return }
        do {
            try await intake.accept(events)
            state.withLock { $0.stats.eventsSent += events.count }
        } catch {
            state.withLock { $0.events = events + $0.events }
            throw error
        }
    }

    /// The loop: reload every `reloadEvery`, launch due probes every `tick`, flush every second.
    public func run(tick: Duration = .milliseconds(200), reloadEvery: TimeInterval = 30) async {
        var lastReload = Date.distantPast, lastFlush = Date()
        await withDiscardingTaskGroup { group in
            while !Task.isCancelled {
                let now = ctx.now()
                let requested = state.withLock { state in defer { state.reloadRequested = false }; return state.reloadRequested }
                if requested || now.timeIntervalSince(lastReload) >= reloadEvery {
                    do { try await reload() } catch { Self.logger.error("探测配置读取失败 / probe reload failed", metadata: ["error": "\(error)"]) }
                    lastReload = now
                }
                for target in takeDue(now: now) {
                    group.addTask { [self] in
                        let outcome = await runner.run(target)
                        record(target, outcome, at: ctx.now())
                        state.withLock { $0.stats.inFlight -= 1 }
                    }
                }
                if now.timeIntervalSince(lastFlush) >= 1 {
                    do { try await flush() } catch { Self.logger.warning("探测结果写入失败，稍后重试 / probe flush failed", metadata: ["error": "\(error)"]) }
                    lastFlush = now
                }
                try? await Task.sleep(for: tick)
            }
        }
        try? await flush()
    }

    /// Asks for a reload at the next tick (a probe was added or changed); requests in between
    /// coalesce, so adding probes to thousands of CIs reads the probes once a tick, not once each.
    public func poke() {
        state.withLock { $0.reloadRequested = true }
    }
}
