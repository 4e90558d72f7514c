import Foundation
import NIOPosix
import Vapor
import ZoneOpsServices
import ZoneOpsStore

/// The monitoring side of the loop for the app's lifetime: the intake every sender writes
/// through, and the pipeline that applies what they wrote. Made in `configure`; the pipeline's
/// loop (and the probes') run only in `serve` and `demo` (`startMonitoring`); tests drive a round
/// themselves with `pipeline.process(now:)`.
final class MonitoringRuntime: Sendable {
    let pipeline: EventPipeline
    let intake: EventIntake
    let probes: ProbeScheduler
    let listeners: EventListeners
    /// Lane controllers' pass reports (and the simulated zone's lane traffic).
    let lanePasses: LanePassIntake

    init(services: ServiceContext, graphs: RelationGraphCache, directories: CIDirectoryCache) {
        let pipeline = EventPipeline(ctx: services, graphs: graphs, directories: directories)
        self.pipeline = pipeline
        let intake = EventIntake(ctx: services, wake: { pipeline.wake() })
        self.intake = intake
        listeners = EventListeners(intake: intake)
        lanePasses = LanePassIntake(ctx: services, events: intake)
        probes = ProbeScheduler(ctx: services, intake: intake,
                                runner: ProbeRunner(group: MultiThreadedEventLoopGroup.singleton, now: services.now))
    }
}

extension Application {
    private struct MonitoringKey: StorageKey { typealias Value = MonitoringRuntime }

    var monitoring: MonitoringRuntime {
        get {
            guard let runtime = storage[MonitoringKey.self] else { fatalError("configure(_:config:) has not run") }
            return runtime
        }
        set { storage[MonitoringKey.self] = newValue }
    }

    /// Runs the event pipeline from boot to shutdown (`serve`, `demo`).
    public func startMonitoring() {
        lifecycle.use(MonitoringLifecycle())
    }
}

/// Starts the pipeline's loop at boot and ends it at shutdown, after its round in progress.
final class MonitoringLifecycle: LifecycleHandler, @unchecked Sendable {
    private let lock = NSLock()
    private var tasks: [Task<Void, Never>] = []

    func didBootAsync(_ application: Application) async throws {
        let runtime = application.monitoring
        let intake = runtime.intake
        lock.withLock {
            tasks.append(Task { await runtime.pipeline.run(backlog: { intake.noteBacklog($0) }) })
            tasks.append(Task { await runtime.probes.run() })
            tasks.append(Task { await runtime.listeners.run() })
        }
        let config = application.zoneOps.config
        // A port already taken (another instance on this host) leaves that listener off; the
        // rest of the platform (the web, the API intake, probes) runs on.
        do {
            let ports = try await runtime.listeners.start(host: config.listenHost, syslogPort: config.syslogPort, trapPort: config.trapPort)
            application.logger.notice("syslog (UDP/TCP) 端口 \(ports.syslog.map(String.init) ?? "关闭")，SNMP trap 端口 \(ports.trap.map(String.init) ?? "关闭")")
        } catch {
            application.logger.error("syslog / SNMP trap 监听未能启动（端口被占用？）：\(error)；其余功能照常")
        }
    }

    func shutdownAsync(_ application: Application) async {
        let running = lock.withLock { tasks }
        await application.monitoring.listeners.stop()
        for task in running { task.cancel() }
        for task in running { await task.value }
    }
}
