import Foundation

/// What each device reads at an instant: plausible drift around its start values, and the
/// effects of the running scenarios. Pure: the same conditions and instant give the same readings.
public struct DeviceReadings: Sendable {
    public let devices: [String: SimDevice]
    public let conditions: ZoneConditions
    public let now: Date
    /// When the zone started (uptimes count from it).
    public let started: Date

    public init(devices: [String: SimDevice], conditions: ZoneConditions, now: Date, started: Date) {
        self.devices = devices
        self.conditions = conditions
        self.now = now
        self.started = started
    }

    /// Whether a device answers: it has not failed, nor has anything it hangs on (followed a few levels up).
    public func answers(_ tag: String) -> Bool {
        var pending = [tag]
        var seen: Set<String> = []
        while let next = pending.popLast() {
            guard seen.insert(next).inserted, seen.count < 16 else { continue }
            if conditions.since(.fail, on: next) != nil { return false }
            pending += devices[next]?.upstream ?? []
        }
        return true
    }

    /// A slow wave unique to each device, so readings move without jumping.
    func drift(_ tag: String, period: Double, amplitude: Double) -> Double {
        // Stable across runs (String.hashValue is seeded per process).
        let phase = Double(tag.utf8.reduce(0) { ($0 &* 31 &+ Int($1)) & 0xffff } % 628) / 100
        return amplitude * sin(now.timeIntervalSince1970 / period * 2 * .pi + phase)
    }

    func elapsed(since date: Date?) -> Double? { date.map { max(0, now.timeIntervalSince($0)) } }

    // MARK: Sensors

    public func temperature(_ device: SimDevice) -> Double {
        let heat = elapsed(since: conditions.since(.heat, on: device.tag)).map { min(12, $0 / 5) } ?? 0
        return device.temperature + drift(device.tag, period: 900, amplitude: 0.4) + heat
    }

    public func humidity(_ device: SimDevice) -> Double {
        device.humidity + drift(device.tag + "rh", period: 1200, amplitude: 1.5)
    }

    /// Registers 0 (temperature) and 1 (humidity), in tenths as the sensors send them.
    public func registers(_ device: SimDevice) -> [UInt16] {
        [temperature(device), humidity(device)].map { UInt16(bitPattern: Int16(clamping: Int(($0 * 10).rounded()))) }
    }

    // MARK: UPS

    public struct UPS: Sendable, Equatable {
        /// UPS-MIB upsBatteryStatus: 2 normal, 3 low, 4 depleted.
        public var batteryStatus: Int
        public var minutesRemaining: Int
        /// upsOutputSource: 3 normal (mains), 5 battery.
        public var outputSource: Int
        public var alarms: Int
    }

    public func ups(_ device: SimDevice) -> UPS {
        guard let since = elapsed(since: conditions.since(.onBattery, on: device.tag)) else {
            return UPS(batteryStatus: 2, minutesRemaining: 48 + Int(drift(device.tag, period: 3600, amplitude: 2)), outputSource: 3, alarms: 0)
        }
        let minutes = max(0, 48 - Int(since / 6))
        return UPS(batteryStatus: minutes == 0 ? 4 : minutes < 10 ? 3 : 2, minutesRemaining: minutes, outputSource: 5, alarms: 1)
    }

    // MARK: Business systems

    /// The health endpoint's answer: its status and how long it takes.
    public func health(_ device: SimDevice) -> (status: Int, milliseconds: Int) {
        guard let since = elapsed(since: conditions.since(.slowThenFail, on: device.tag)) else {
            return (200, 40 + Int(drift(device.tag, period: 300, amplitude: 20)))
        }
        return since < 60 ? (200, 1500) : (503, 30)
    }

    // MARK: NVRs

    /// Whether a channel of an NVR is online: its camera answers.
    public func channelOnline(nvr: String, channel: Int) -> Bool {
        guard let camera = devices.values.first(where: { $0.nvr == nvr && $0.channel == channel }) else { return true }
        return answers(camera.tag)
    }

    /// Days of recordings a channel holds: about 96, or 62 once the disks are full.
    public func retentionDays(nvr: String, channel: Int) -> Double {
        if conditions.since(.diskFull, on: nvr) != nil { return 62 - Double(channel % 3) * 0.5 }
        return 96 + Double(channel % 5)
    }

    /// Free space per disk in MB (4 disks of 8 TB).
    public func freeSpaceMB(nvr: String) -> Double {
        conditions.since(.diskFull, on: nvr) != nil ? 0 : 1_600_000 + drift(nvr, period: 7200, amplitude: 50_000)
    }

    /// sysUpTime in hundredths of a second.
    public var uptimeTicks: UInt32 { UInt32(clamping: Int(now.timeIntervalSince(started) * 100) + 86_400_00 * 37) }
}
