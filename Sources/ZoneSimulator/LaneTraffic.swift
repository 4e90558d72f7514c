import Foundation
import ZoneOpsWire

/// One checkpoint lane as the traffic generator drives it.
public struct LaneProfile: Sendable, Equatable {
    /// The lane code (chnlNo) its controller reports under.
    public var code: String
    public var areaId: String
    /// The plate camera whose recognition a scenario can stop.
    public var plateCamera: String
    public var truck: Bool
    public var doubleGate: Bool
    public var inbound: Bool

    public init(code: String, areaId: String, plateCamera: String, truck: Bool, doubleGate: Bool, inbound: Bool) {
        self.code = code
        self.areaId = areaId
        self.plateCamera = plateCamera
        self.truck = truck
        self.doubleGate = doubleGate
        self.inbound = inbound
    }
}

/// Vehicles through the lanes, as their lane controllers would report them: plates read by the
/// camera (about 97 %, about 10 % while its camera is not recognising) and by RFID, IC cards,
/// ISO 6346 container numbers with right check digits on truck lanes, weighbridge weights,
/// customs' reply (release note, status, LED text) and some manual releases with their reasons.
/// Deterministic for a seed, so tests and history runs can be repeated.
public struct LaneTraffic: Sendable {
    var rng: SplitMix64

    public init(seed: UInt64) {
        rng = SplitMix64(seed: seed)
    }

    static let provinces = ["豫", "豫", "豫", "豫", "鲁", "冀", "皖", "苏", "陕", "晋", "鄂"]
    static let letters = Array("ABCDEFGHJKLMNPQRSTUVWXYZ")
    static let owners = ["CSQU", "MSKU", "TGHU", "COSU", "OOLU", "EGHU", "TCLU", "CMAU"]
    static let officers = ["孙立军", "吴敏", "郑晓东", "冯丽"]
    static let reasons = ["核放单回执超时，人工核对后放行", "电子车牌与识别车牌不一致，人工核对", "地磅数据异常，人工复核后放行"]

    /// The seq a pass leaving at `leftAt` reports: milliseconds since 1970, so a lane never
    /// reuses one, across restarts too.
    public static func seq(leftAt: Date) -> Int64 { Int64((leftAt.timeIntervalSince1970 * 1000).rounded(.down)) }

    /// One vehicle that left `lane` at `leftAt`.
    public mutating func pass(on lane: LaneProfile, leftAt: Date, recognising: Bool = true) -> LanePassMessage {
        let plateText = plate()
        let readByCamera = rng.chance(recognising ? 0.97 : 0.1)
        let containers = lane.truck && rng.chance(0.7) ? (0..<(rng.chance(0.8) ? 1 : 2)).map { _ in container() } : []
        let containersRead = containers.isEmpty ? nil : rng.chance(0.95)
        var manualReason: String?
        if !readByCamera {
            manualReason = "车牌未识别，人工录入核对后放行"
        } else if rng.chance(0.015) {
            manualReason = rng.pick(Self.reasons)
        } else if containersRead == false {
            manualReason = "箱号未识别，人工录入核对后放行"
        }
        let duration = Double(rng.int(25...60)) + (manualReason == nil ? 0 : Double(rng.int(60...240)))
        let arrivedAt = leftAt.addingTimeInterval(-duration)
        let recognisedAt = arrivedAt.addingTimeInterval(Double(rng.int(2...5)))
        let repliedAt = recognisedAt.addingTimeInterval(Double(rng.int(3...15)))
        let seq = Self.seq(leftAt: leftAt)
        var message = LanePassMessage(lane: lane.code, seq: seq, arrivedAt: Self.text(arrivedAt))
        message.recognisedAt = Self.text(recognisedAt)
        message.repliedAt = Self.text(repliedAt)
        message.leftAt = Self.text(leftAt)
        message.plate = readByCamera ? plateText : nil
        message.rfidPlate = rng.chance(0.92) ? plateText : nil
        message.icCard = lane.truck ? "4101" + String(format: "%06d", rng.int(0...999_999)) : nil
        message.containers = containers.isEmpty ? nil : containers
        message.containersRecognised = containersRead
        message.weightKg = lane.truck ? rng.int(12_000...48_000) : nil
        message.photos = ["front", "rear"].map { "\(lane.code)/\(seq)-\($0).jpg" }
        message.releaseNote = "H" + lane.areaId + Self.day(leftAt) + String(format: "%05d", rng.int(0...99_999))
        message.releaseStatus = lane.doubleGate ? 4 : 2
        message.instruction = "放行"
        message.ledText = "\(plateText) 核放单已审核，请通行"
        if let manualReason {
            message.manual = true
            message.manualReason = manualReason
            message.approver = rng.pick(Self.officers)
        }
        return message
    }

    mutating func plate() -> String {
        let tail = (0..<5).map { index -> String in
            index == 1 && rng.chance(0.3) ? String(rng.pick(Self.letters)) : String(rng.int(0...9))
        }.joined()
        return rng.pick(Self.provinces) + String(rng.pick(Array("ABCDEFGH"))) + tail
    }

    mutating func container() -> String {
        let body = rng.pick(Self.owners) + String(format: "%06d", rng.int(0...999_999))
        return body + String(ContainerNumber.checkDigit(body) ?? 0)
    }

    static func text(_ date: Date) -> String { date.formatted(.iso8601) }

    static func day(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Shanghai")!
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d%02d%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
    }
}

/// A small, fast, seedable generator (Steele, Lea and Flood's SplitMix64): the simulator's and the
/// demo history's randomness, repeatable for a seed.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    public mutating func chance(_ p: Double) -> Bool { Double(next() >> 11) / Double(1 << 53) < p }
    public mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &self) }
    public mutating func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &self)] }
}
