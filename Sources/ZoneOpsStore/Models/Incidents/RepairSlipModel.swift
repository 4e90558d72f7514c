import FluentKit
import Foundation

/// A repair slip (设备维修单) on an incident about a device: times, findings, the work done,
/// the requester's confirmation and the follow-up call. One per incident.
public final class RepairSlipModel: Model, @unchecked Sendable {
    public static let schema = "repair_slips"

    @ID(key: .id) public var id: UUID?
    @Field(key: "incident_id") public var incidentId: UUID
    @OptionalField(key: "ci_id") public var ciId: UUID?
    @Field(key: "reported_at") public var reportedAt: Date
    @OptionalField(key: "arrived_at") public var arrivedAt: Date?
    @OptionalField(key: "restored_at") public var restoredAt: Date?
    @Field(key: "symptom") public var symptom: String
    @Field(key: "diagnosis") public var diagnosis: String
    @Field(key: "action") public var action: String
    @OptionalField(key: "confirmed_at") public var confirmedAt: Date?
    @OptionalField(key: "confirmed_by") public var confirmedBy: String?
    @OptionalField(key: "follow_up") public var followUp: String?
    @Field(key: "engineer") public var engineer: String
    @Field(key: "updated_at") public var updatedAt: Date

    public init() {}
}

/// Spare parts a repair used, with the serials written on them.
public final class RepairSlipPartModel: Model, @unchecked Sendable {
    public static let schema = "repair_slip_parts"

    @ID(key: .id) public var id: UUID?
    @Field(key: "slip_id") public var slipId: UUID
    @Field(key: "part_id") public var partId: UUID
    @Field(key: "location_id") public var locationId: UUID
    @Field(key: "quantity") public var quantity: Int
    @Field(key: "serials") public var serials: String
    @Field(key: "at") public var at: Date

    public init() {}

    public init(slipId: UUID, partId: UUID, locationId: UUID, quantity: Int, serials: String, at: Date) {
        self.slipId = slipId
        self.partId = partId
        self.locationId = locationId
        self.quantity = quantity
        self.serials = serials
        self.at = at
    }
}
