import FluentKit
import Foundation

/// A kind of spare part the provider keeps on hand (合同 §八.1.9), with its minimum level.
public final class SparePartModel: Model, @unchecked Sendable {
    public static let schema = "spare_parts"

    @ID(key: .id) public var id: UUID?
    @Field(key: "name") public var name: String
    @Field(key: "part_model") public var partModel: String
    @OptionalField(key: "type_key") public var typeKey: String?
    @Field(key: "unit") public var unit: String
    @Field(key: "minimum") public var minimum: Int
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}

    public init(name: String, partModel: String, typeKey: String?, unit: String, minimum: Int) {
        self.name = name
        self.partModel = partModel
        self.typeKey = typeKey
        self.unit = unit
        self.minimum = minimum
    }
}

/// How many of a part lie at one place.
public final class SpareStockModel: Model, @unchecked Sendable {
    public static let schema = "spare_stock"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "part_id") public var part: SparePartModel
    @Parent(key: "location_id") public var location: LocationModel
    @Field(key: "quantity") public var quantity: Int

    public init() {}

    public init(partId: UUID, locationId: UUID, quantity: Int) {
        self.$part.id = partId
        self.$location.id = locationId
        self.quantity = quantity
    }
}

/// One movement of stock: received, used on a repair (with the CI), returned, or written off.
public final class SpareMovementModel: Model, @unchecked Sendable {
    public static let schema = "spare_movements"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "part_id") public var part: SparePartModel
    @Parent(key: "location_id") public var location: LocationModel
    @Field(key: "kind") public var kind: String
    /// Signed: positive into stock, negative out of it.
    @Field(key: "delta") public var delta: Int
    @OptionalParent(key: "ci_id") public var ci: CIModel?
    @OptionalField(key: "note") public var note: String?
    @Field(key: "at") public var at: Date
    @Field(key: "actor_name") public var actorName: String

    public init() {}

    public init(partId: UUID, locationId: UUID, kind: String, delta: Int, ciId: UUID?, note: String?, at: Date, actorName: String) {
        self.$part.id = partId
        self.$location.id = locationId
        self.kind = kind
        self.delta = delta
        self.$ci.id = ciId
        self.note = note
        self.at = at
        self.actorName = actorName
    }
}
