import FluentKit
import Foundation

/// One vehicle through a checkpoint lane, as its lane controller reported it (`LanePassMessage`):
/// written on the bulk path, once per (lane, seq) however often it is sent. Not an audit entry.
/// Kept at least 3 years (DOMAIN.md); nothing prunes them.
public final class LanePassModel: Model, @unchecked Sendable {
    public static let schema = "lane_passes"

    @ID(key: .id) public var id: UUID?
    /// The lane CI.
    @Field(key: "lane_id") public var laneId: UUID
    @Field(key: "seq") public var seq: Int64
    @Field(key: "received_at") public var receivedAt: Date
    @Field(key: "arrived_at") public var arrivedAt: Date
    @OptionalField(key: "recognised_at") public var recognisedAt: Date?
    @OptionalField(key: "replied_at") public var repliedAt: Date?
    @OptionalField(key: "left_at") public var leftAt: Date?
    /// The plate as the camera read it (nil: not read) and as the RFID reader read it.
    @OptionalField(key: "plate") public var plate: String?
    @OptionalField(key: "rfid_plate") public var rfidPlate: String?
    @OptionalField(key: "ic_card") public var icCard: String?
    /// Container numbers, comma-separated ("" when none).
    @Field(key: "containers") public var containers: String
    @OptionalField(key: "containers_recognised") public var containersRecognised: Bool?
    @OptionalField(key: "weight_kg") public var weightKg: Int?
    /// Photo references, JSON array.
    @Field(key: "photos") public var photosJSON: String
    @OptionalField(key: "release_note") public var releaseNote: String?
    @OptionalField(key: "release_status") public var releaseStatus: Int?
    @OptionalField(key: "instruction") public var instruction: String?
    @OptionalField(key: "led_text") public var ledText: String?
    /// Seconds from arrival to leaving, when both are known (the average pass time sums these).
    @OptionalField(key: "pass_seconds") public var passSeconds: Double?
    @Field(key: "manual") public var manual: Bool
    @OptionalField(key: "manual_reason") public var manualReason: String?
    @OptionalField(key: "approver") public var approver: String?

    public init() {}

    public static let columns = ["id", "lane_id", "seq", "received_at", "arrived_at", "recognised_at", "replied_at", "left_at", "plate",
                                 "rfid_plate", "ic_card", "containers", "containers_recognised", "weight_kg", "photos", "release_note",
                                 "release_status", "instruction", "led_text", "pass_seconds", "manual", "manual_reason", "approver"]
}
