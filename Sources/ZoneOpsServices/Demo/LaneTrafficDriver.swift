import Foundation
import Logging
import ZoneOpsWire
import ZoneSimulator

/// The simulated lane controllers: vehicles arrive at each lane at random (a Poisson process at
/// `ratePerHour` a lane) and each pass is reported through `LanePassIntake`, the path a real lane
/// controller's reports take over HTTP, so the KPIs, the traffic page and the plate-recognition
/// watch see the demo's lanes exactly as they would see real ones. A lane whose plate camera a
/// scenario stopped (`noRecognition`) reports what such a camera makes happen.
public final class LaneTrafficDriver: Sendable {
    public let intake: LanePassIntake
    public let lanes: [LaneProfile]
    public let ratePerHour: Double
    let conditions: @Sendable () -> ZoneConditions
    let now: @Sendable () -> Date
    let logger = Logger(label: "zoneops.simulator.lanes")

    /// Rates above this are refused (about one vehicle a second a lane).
    public static let maxRate = 3600.0
    public static let defaultRate = 60.0

    public init(intake: LanePassIntake, lanes: [LaneProfile] = DemoSimulation.lanes, ratePerHour: Double,
                conditions: @escaping @Sendable () -> ZoneConditions, now: @escaping @Sendable () -> Date) {
        self.intake = intake
        self.lanes = lanes
        self.ratePerHour = min(max(0, ratePerHour), Self.maxRate)
        self.conditions = conditions
        self.now = now
    }

    /// Reports passes until cancelled, one batch a second (nothing when the rate is 0).
    public func run() async {
        guard ratePerHour > 0 else { return }
        var traffic = LaneTraffic(seed: UInt64(truncatingIfNeeded: Int64(now().timeIntervalSince1970)))
        var random = SystemRandomNumberGenerator()
        // Each lane's next vehicle: exponential gaps between arrivals.
        func gap() -> TimeInterval { -log(Double.random(in: Double.ulpOfOne..<1, using: &random)) * 3600 / ratePerHour }
        var next = lanes.map { _ in now().addingTimeInterval(gap()) }
        while !Task.isCancelled {
            let clock = now()
            let state = conditions()
            var batch: [LanePassMessage] = []
            for (index, lane) in lanes.enumerated() {
                var guardCount = 0
                while next[index] <= clock, guardCount < 10 {
                    let recognising = state.since(.noRecognition, on: lane.plateCamera) == nil
                    // Two vehicles never leave a lane in the same millisecond (the seq).
                    let leftAt = max(next[index], (batch.last { $0.lane == lane.code }?.seq).map { Date(timeIntervalSince1970: Double($0 + 1) / 1000) } ?? .distantPast)
                    batch.append(traffic.pass(on: lane, leftAt: leftAt, recognising: recognising))
                    next[index] = next[index].addingTimeInterval(gap())
                    guardCount += 1
                }
                if guardCount == 10 { next[index] = clock.addingTimeInterval(gap()) }
            }
            if !batch.isEmpty {
                do {
                    _ = try await intake.accept(batch)
                } catch {
                    logger.warning("模拟过车记录未能写入 / simulated passes not written: \(error)")
                }
            }
            try? await Task.sleep(for: .seconds(1))
        }
    }
}
