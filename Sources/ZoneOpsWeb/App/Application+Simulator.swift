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

    /// Starts the demo zone's simulated devices with the server and stops them with it (`demo` only).
    /// The devices answer on loopback addresses; a device whose address cannot be bound is skipped.
    public func startSimulator() {
        let zone = VirtualZone(devices: DemoSimulation.devices, scenarios: DemoSimulation.scenarios, now: zoneOps.clients.now)
        simulator = zone
        lifecycle.use(SimulatorLifecycle(zone: zone))
    }
}

/// Binds the virtual zone at boot (before the probes' first round matters) and closes it at shutdown.
final class SimulatorLifecycle: LifecycleHandler, Sendable {
    let zone: VirtualZone

    init(zone: VirtualZone) { self.zone = zone }

    func didBootAsync(_ application: Application) async throws {
        let count = try await zone.start()
        application.logger.notice("模拟园区已启动：\(count) 台设备在 127.x 回环地址应答 / simulated zone: \(count) devices on loopback")
    }

    func shutdownAsync(_ application: Application) async {
        await zone.stop()
    }
}
