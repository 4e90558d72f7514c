import Foundation
import NIOPosix
import XCTest
import ZoneOpsDomain
import ZoneOpsServices
import ZoneSimulator

/// The virtual zone on real sockets, probed by the real probes exactly as the demo configures
/// them: every kind of device answers, and a scenario silences what it should until cleared.
final class SimulatedZoneTests: XCTestCase {
    func testEveryKindOfDemoDeviceAnswersItsDemoProbesAndScenariosChangeWhatTheProbesSee() async throws {
        let devices = [
            SimDevice(tag: "SW", kind: .snmpAgent, address: "127.77.0.1", interfaces: 8),
            SimDevice(tag: "UPS", kind: .upsAgent, address: "127.77.0.2"),
            SimDevice(tag: "TH", kind: .modbusSensor, address: "127.77.0.3", temperature: 23, humidity: 48),
            SimDevice(tag: "CAM", kind: .rtspCamera, address: "127.77.0.4", upstream: ["SW"], nvr: "NVR", channel: 1),
            SimDevice(tag: "NVR", kind: .isapiNVR, address: "127.77.0.5", channels: 2),
            SimDevice(tag: "APP", kind: .httpService, address: "127.77.0.6"),
            SimDevice(tag: "SRV", kind: .tcpService, address: "127.77.0.7", upstream: ["SW"]),
        ]
        let zone = VirtualZone(devices: devices, scenarios: [
            Scenario(key: "switch-down", titleZh: "交换机故障", titleEn: "switch fails", effect: .fail, targets: ["SW"]),
            Scenario(key: "hot", titleZh: "升温", titleEn: "warms", effect: .heat, targets: ["TH"]),
        ])
        let listening = try await zone.start()
        XCTAssertEqual(listening, devices.count)
        let runner = ProbeRunner(group: MultiThreadedEventLoopGroup.singleton)
        func run(_ device: SimDevice) async -> [ProbeRunner.Outcome] {
            var outcomes: [ProbeRunner.Outcome] = []
            for draft in DemoSimulation.probes(for: device) {
                let target = ProbeTarget(id: UUID(), ciId: UUID(), kind: ProbeKind(rawValue: draft.kind)!, host: draft.target!, port: draft.port!,
                                         spec: draft.spec, interval: draft.intervalSeconds, timeout: .milliseconds(700), retries: 0,
                                         password: device.kind == .isapiNVR ? SimDevice.isapiCredential : nil)
                outcomes.append(await runner.run(target))
            }
            return outcomes
        }
        do {
            for device in devices {
                let outcomes = await run(device)
                XCTAssertFalse(outcomes.isEmpty, device.tag)
                for outcome in outcomes { XCTAssertEqual(outcome.worst, .ok, "\(device.tag): \(outcome.results)") }
            }
            let th = await run(devices[2])
            XCTAssertEqual(th.count, 2)
            XCTAssertEqual(th[0].results.first { $0.check == "value" }?.value ?? 0, 23, accuracy: 0.5)

            try zone.apply("switch-down", clear: false)
            let camera = await run(devices[3])
            XCTAssertEqual(camera[0].worst, .critical)
            let agent = await run(devices[0])
            XCTAssertEqual(agent[0].results.map(\.check), ["reachable"])
            XCTAssertEqual(agent[0].worst, .critical)
            let nvr = await run(devices[4])
            XCTAssertTrue(nvr[0].results.contains { $0.check == "channels" && $0.severity == .major && $0.summary.hasPrefix("1/2") }, "\(nvr[0].results)")

            try zone.apply("switch-down", clear: true)
            let back = await run(devices[3])
            XCTAssertEqual(back[0].worst, .ok)
            XCTAssertThrowsError(try zone.apply("no-such", clear: false))
        }
        await zone.stop()
    }
}
