import Synchronization
import Vapor
import ZoneOpsServices
import ZoneSimulator

extension Application {
    private struct SimulatorKey: StorageKey { typealias Value = VirtualZone }

    /// The virtual zone, when this server runs the demo (nil under `serve`).
    var simulator: VirtualZone? {
        get { storage[SimulatorKey.self] }
        set { storage[SimulatorKey.self] = newValue }
    }

    /// Starts the demo zone's simulated devices and lane traffic with the server and stops them with
    /// it (`demo` only). The devices answer on loopback addresses; a device whose address cannot be
    /// bound is skipped. The lanes report `config.laneRatePerHour` vehicles an hour each.
    public func startSimulator() {
        let now = zoneOps.clients.now
        let zone = VirtualZone(devices: DemoSimulation.devices, scenarios: DemoSimulation.scenarios, now: now)
        simulator = zone
        let traffic = LaneTrafficDriver(intake: monitoring.lanePasses, ratePerHour: zoneOps.config.laneRatePerHour,
                                        conditions: { zone.conditions }, now: now)
        lifecycle.use(SimulatorLifecycle(zone: zone, traffic: traffic))
    }
}

/// Binds the virtual zone at boot (before the probes' first round matters) and closes it at shutdown.
final class SimulatorLifecycle: LifecycleHandler, Sendable {
    let zone: VirtualZone
    let traffic: LaneTrafficDriver
    private let task = Mutex<Task<Void, Never>?>(nil)

    init(zone: VirtualZone, traffic: LaneTrafficDriver) {
        self.zone = zone
        self.traffic = traffic
    }

    func didBootAsync(_ application: Application) async throws {
        let count = try await zone.start()
        application.logger.notice("模拟园区已启动：\(count) 台设备在 127.x 回环地址应答 / simulated zone: \(count) devices on loopback")
        let traffic = traffic
        task.withLock { $0 = Task { await traffic.run() } }
        application.logger.notice("模拟过车：\(traffic.lanes.count) 条通道，每条每小时 \(Int(traffic.ratePerHour)) 辆 / simulated lane traffic")
    }

    func shutdownAsync(_ application: Application) async {
        let running = task.withLock { $0 }
        running?.cancel()
        await running?.value
        await zone.stop()
    }
}
