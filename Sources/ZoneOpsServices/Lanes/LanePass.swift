import Foundation
import ZoneOpsDomain
import ZoneOpsWire

/// A lane controller's pass report, checked and normalised for storage: bounded text, times in
/// order and not far off the server's clock, container numbers with right check digits, a
/// release status customs uses, a reason for every manual release. The lane is still named by
/// its code here; the intake finds its CI.
public struct LanePass: Sendable, Equatable {
    public var lane: String
    public var seq: Int64
    public var arrivedAt: Date
    public var recognisedAt: Date?
    public var repliedAt: Date?
    public var leftAt: Date?
    public var plate: String?
    public var rfidPlate: String?
    public var icCard: String?
    public var containers: [String]
    public var containersRecognised: Bool?
    public var weightKg: Int?
    public var photos: [String]
    public var releaseNote: String?
    public var releaseStatus: ReleaseStatus?
    public var instruction: String?
    public var ledText: String?
    public var manual: Bool
    public var manualReason: String?
    public var approver: String?

    /// Reports one request may carry.
    public static let maxBatch = 1000
    public static let limits = (lane: 40, plate: 16, card: 32, containers: 4, photos: 8, photo: 200, note: 40, text: 200, approver: 60,
                                weightKg: 200_000)
    /// The largest seq: what a JSON number holds exactly.
    public static let maxSeq: Int64 = 9_007_199_254_740_991
    /// How far back a report may be (a controller catching up after an outage) and ahead.
    public static let maxAge: TimeInterval = 30 * 86_400
    public static let maxAhead: TimeInterval = 300
    /// The longest a vehicle may take through a lane, arrival to leaving.
    public static let maxDuration: TimeInterval = 86_400

    public var passSeconds: Double? { leftAt.map { $0.timeIntervalSince(arrivedAt) } }

    /// Checks every field and names every problem at once (field names as the JSON spells them,
    /// after `prefix`, "[3]." in a batch).
    public static func make(_ message: LanePassMessage, now: Date, prefix: String = "") throws -> LanePass {
        var problems: [FieldProblem] = []
        func problem(_ field: String, _ text: TextKey) { problems.append(.init(field: prefix + field, text: text)) }
        func clean(_ text: String?, _ field: String, max: Int) -> String? {
            guard let value = text?.trimmedWhitespace.nilIfEmpty else { return nil }
            if value.count > max { problem(field, .monTooLong) }
            return value
        }
        let lane = clean(message.lane, "lane", max: limits.lane)
        if lane == nil { problem("lane", .monRequired) }
        if message.seq < 1 || message.seq > maxSeq { problem("seq", .laneSeqRange) }
        var arrivedAt = now
        if let parsed = RFC3339.parse(message.arrivedAt) {
            if parsed < now.addingTimeInterval(-maxAge) || parsed > now.addingTimeInterval(maxAhead) { problem("arrivedAt", .laneTimeOutOfRange) }
            arrivedAt = parsed
        } else {
            problem("arrivedAt", .monBadTime)
        }
        func later(_ text: String?, _ field: String) -> Date? {
            guard let text else { return nil }
            guard let date = RFC3339.parse(text) else { problem(field, .monBadTime); return nil }
            if date < arrivedAt || date > arrivedAt.addingTimeInterval(maxDuration) { problem(field, .laneTimeOrder) }
            return date
        }
        let recognisedAt = later(message.recognisedAt, "recognisedAt"), repliedAt = later(message.repliedAt, "repliedAt")
        let leftAt = later(message.leftAt, "leftAt")
        let plate = clean(message.plate, "plate", max: limits.plate), rfidPlate = clean(message.rfidPlate, "rfidPlate", max: limits.plate)
        let icCard = clean(message.icCard, "icCard", max: limits.card)
        let containers = (message.containers ?? []).compactMap { $0.trimmedWhitespace.uppercased().nilIfEmpty }
        if containers.count > limits.containers {
            problem("containers", .laneTooManyContainers)
        } else {
            for (index, number) in containers.enumerated() where !ContainerNumber.isValid(number) { problem("containers[\(index)]", .laneContainerNumber) }
        }
        if let weight = message.weightKg, weight < 0 || weight > limits.weightKg { problem("weightKg", .laneWeightRange) }
        let photos = message.photos ?? []
        if photos.count > limits.photos || photos.contains(where: { $0.count > limits.photo }) { problem("photos", .monTooLong) }
        var status: ReleaseStatus?
        if let code = message.releaseStatus {
            status = ReleaseStatus(rawValue: code)
            if status == nil { problem("releaseStatus", .laneStatusCode) }
        }
        let releaseNote = clean(message.releaseNote, "releaseNote", max: limits.note)
        let instruction = clean(message.instruction, "instruction", max: limits.text), ledText = clean(message.ledText, "ledText", max: limits.text)
        let manual = message.manual ?? false
        let manualReason = clean(message.manualReason, "manualReason", max: limits.text)
        let approver = clean(message.approver, "approver", max: limits.approver)
        if manual, manualReason == nil { problem("manualReason", .laneManualReason) }
        guard problems.isEmpty, let lane else { throw AppError.invalidFields(problems) }
        return LanePass(lane: lane, seq: message.seq, arrivedAt: arrivedAt, recognisedAt: recognisedAt, repliedAt: repliedAt, leftAt: leftAt,
                        plate: plate, rfidPlate: rfidPlate, icCard: icCard, containers: containers,
                        containersRecognised: containers.isEmpty ? nil : (message.containersRecognised ?? true),
                        weightKg: message.weightKg, photos: photos, releaseNote: releaseNote, releaseStatus: status, instruction: instruction,
                        ledText: ledText, manual: manual, manualReason: manual ? manualReason : nil, approver: manual ? approver : nil)
    }
}
