import Foundation

/// A lane controller's report of one vehicle through a checkpoint lane (卡口过车记录), as JSON,
/// sent when the vehicle has left the lane (or was turned back). `seq` is the controller's own
/// sequence number: a lane never reuses one, so a report sent twice (a retry after a lost
/// answer) is the same pass and is kept once.
///
/// Times are RFC 3339 text. Recognition: `plate` is what the plate camera read (absent when it
/// read nothing), `rfidPlate` what the e-plate reader read, `containersRecognised` whether the
/// container camera read every number in `containers` (absent when the vehicle carried none).
/// Customs' reply: the release note (核放单) number, its status code (0 applied, 1 approved,
/// 2 passed (single gate), 3 passed gate 1, 4 passed gate 2, 5 deleted, 6 voided), the check
/// result or release instruction, and the LED hint text. A manual release carries its reason
/// and who approved it.
public struct LanePassMessage: Codable, Sendable, Equatable {
    /// The lane's code (chnlNo), as the lane CI's attribute has it.
    public var lane: String
    public var seq: Int64
    public var arrivedAt: String
    public var recognisedAt: String?
    public var repliedAt: String?
    public var leftAt: String?
    public var plate: String?
    public var rfidPlate: String?
    public var icCard: String?
    public var containers: [String]?
    public var containersRecognised: Bool?
    public var weightKg: Int?
    /// References of the photos the lane took (file names on the lane controller).
    public var photos: [String]?
    public var releaseNote: String?
    public var releaseStatus: Int?
    public var instruction: String?
    public var ledText: String?
    public var manual: Bool?
    public var manualReason: String?
    public var approver: String?

    public init(lane: String, seq: Int64, arrivedAt: String) {
        self.lane = lane
        self.seq = seq
        self.arrivedAt = arrivedAt
    }
}

/// ISO 6346 container numbers (箱号): owner code (3 letters), category (U, J or Z), six serial
/// digits and a check digit computed from the ten before it.
public enum ContainerNumber {
    /// The check digit of the first ten characters, or nil when they are not a container number's.
    public static func checkDigit(_ text: String) -> Int? {
        let chars = Array(text.uppercased().unicodeScalars.prefix(10))
        guard chars.count == 10 else { return nil }
        var sum = 0
        for (index, char) in chars.enumerated() {
            let value: Int
            if index < 4 {
                guard let letter = letterValue(char), index < 3 || "UJZ".unicodeScalars.contains(char) else { return nil }
                value = letter
            } else {
                guard char.value >= 48, char.value <= 57 else { return nil }
                value = Int(char.value - 48)
            }
            sum += value << index
        }
        return sum % 11 % 10
    }

    /// Whether the text is a container number whose check digit is right.
    public static func isValid(_ text: String) -> Bool {
        let chars = Array(text.uppercased().unicodeScalars)
        guard chars.count == 11, let digit = checkDigit(text), chars[10].value >= 48, chars[10].value <= 57 else { return false }
        return Int(chars[10].value - 48) == digit
    }

    /// A = 10 … Z = 38, skipping the multiples of 11 (11, 22, 33).
    static func letterValue(_ char: Unicode.Scalar) -> Int? {
        guard char.value >= 65, char.value <= 90 else { return nil }
        var value = 10
        for _ in 65..<char.value {
            value += 1
            if value % 11 == 0 { value += 1 }
        }
        return value
    }
}
