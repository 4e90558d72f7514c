import Foundation
import Vapor
import ZoneOpsDomain
import ZoneOpsServices
import ZoneOpsStore

/// The jobs this app runs, by kind. A capability that needs work done later or on a timer adds
/// its kind here (with a label in the catalog, `JobKind.label`).
public enum JobKind {
    /// Nightly walk of the whole audit chain; a break fails the job, so the admin page shows it.
    public static let verifyAudit = "audit.verify"
    /// Hourly removal of import uploads whose preview was never confirmed.
    public static let cleanImports = "imports.clean"
    /// Daily removal of finished jobs older than 30 days.
    public static let pruneJobs = "jobs.prune"

    /// Every minute: SLA warnings and breaches that came due, each recorded once.
    public static let incidentSLA = "incidents.sla"
    /// Hourly: resolved incidents past the confirmation period are closed.
    public static let autoClose = "incidents.auto_close"

    /// Hourly: reminders to requesters a ticket waits for, and resolve after the last one.
    public static let remindPending = "incidents.remind"

    /// Every minute: CIs whose maintenance window began go into `maintenance`; those whose
    /// windows ended get their state back (`Maintenance.syncStates`).
    public static let changeMaintenance = "changes.maintenance"

    /// Hourly: raw events past the retention (default 90 days) and probe results older than 7 days
    /// are removed a few thousand a transaction, so intake never waits long.
    public static let pruneEvents = "monitoring.prune"

    static let all = [verifyAudit, cleanImports, pruneJobs, incidentSLA, autoClose, remindPending, changeMaintenance, pruneEvents]
}

extension Application {
    /// The scheduler with this app's handlers and timers.
    public func makeScheduler(owner: String = "zoneops-\(UUID().uuidString.prefix(8))") -> Scheduler {
        var scheduler = Scheduler(owner: owner, db: db, now: zoneOps.clients.now, logger: logger)
        let shanghai = TimeZone(identifier: "Asia/Shanghai") ?? .current
        scheduler.recurring = [
            .init(kind: JobKind.verifyAudit, recurrence: .daily(hour: 2, minute: 0, zone: shanghai)),
            .init(kind: JobKind.cleanImports, recurrence: .every(seconds: 3600)),
            .init(kind: JobKind.pruneJobs, recurrence: .daily(hour: 3, minute: 30, zone: shanghai)),
            .init(kind: JobKind.incidentSLA, recurrence: .every(seconds: 60)),
            .init(kind: JobKind.autoClose, recurrence: .every(seconds: 3600)),
            .init(kind: JobKind.remindPending, recurrence: .every(seconds: 3600)),
            .init(kind: JobKind.changeMaintenance, recurrence: .every(seconds: 60)),
            .init(kind: JobKind.pruneEvents, recurrence: .every(seconds: 3600)),
        ]
        let services = services
        scheduler.register(JobKind.incidentSLA) { _, now in
            "\(try await Incidents.checkSLA(now: now, in: services))"
        }
        scheduler.register(JobKind.remindPending) { _, now in
            "\(try await Incidents.remindPending(now: now, in: services))"
        }
        scheduler.register(JobKind.changeMaintenance) { _, now in
            "\(try await Maintenance.syncStates(now: now, in: services))"
        }
        scheduler.register(JobKind.autoClose) { _, now in
            "\(try await Incidents.autoClose(now: now, in: services))"
        }
        scheduler.register(JobKind.verifyAudit) { [self] _, _ in
            let result = try await verifyAudit()
            if let broken = result.firstBreak { throw AuditChainBroken(detail: broken.describe(in: .zh)) }
            return Catalog.shared.format(.auditIntact, .zh, String(result.checked))
        }
        let imports = PendingImports.folder(in: zoneOps.config)
        scheduler.register(JobKind.cleanImports) { _, now in
            let removed = StaleFiles.remove(in: imports, changedBefore: now.addingTimeInterval(-PendingImports.lifetime))
            return "\(removed)"
        }
        scheduler.register(JobKind.pruneEvents) { _, now in
            let settings = try await MonitoringStore.load(on: services.db)
            let events = try await Alerts.prune(before: now.addingTimeInterval(-Double(settings.retentionDays) * 86_400), in: services)
            let results = try await Alerts.pruneProbeResults(before: now.addingTimeInterval(-7 * 86_400), in: services)
            return "\(events) / \(results)"
        }
        let db = db
        scheduler.register(JobKind.pruneJobs) { _, now in
            try await JobQueue.prune(finishedBefore: now.addingTimeInterval(-30 * 86_400), on: db)
            return nil
        }
        return scheduler
    }

    /// Starts ticking in the background for `serve` and `demo`; stops when the app shuts down.
    public func startScheduler(every interval: Duration = .seconds(5)) {
        lifecycle.use(SchedulerLifecycle(scheduler: makeScheduler(), interval: interval))
    }
}

struct AuditChainBroken: Error, CustomStringConvertible {
    var detail: String
    var description: String { detail }
}

/// Runs the scheduler's loop from boot to shutdown.
final class SchedulerLifecycle: LifecycleHandler, @unchecked Sendable {
    let scheduler: Scheduler
    let interval: Duration
    private let lock = NSLock()
    private var task: Task<Void, Never>?

    init(scheduler: Scheduler, interval: Duration) {
        self.scheduler = scheduler
        self.interval = interval
    }

    func didBootAsync(_ application: Application) async throws {
        let scheduler = scheduler, interval = interval
        lock.withLock { task = Task { await scheduler.run(every: interval) } }
    }

    func shutdownAsync(_ application: Application) async {
        let running = lock.withLock { task }
        running?.cancel()
        await running?.value
    }
}
