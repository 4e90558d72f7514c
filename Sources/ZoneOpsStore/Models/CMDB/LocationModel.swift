import FluentKit
import Foundation

/// A place in the zone: site → building / room / checkpoint / lane → rack. A CI lives in one.
public final class LocationModel: Model, @unchecked Sendable {
    public static let schema = "locations"

    @ID(key: .id) public var id: UUID?
    @OptionalParent(key: "parent_id") public var parent: LocationModel?
    @Field(key: "kind") public var kind: String
    @Field(key: "name") public var name: String
    @OptionalField(key: "code") public var code: String?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}

    public init(id: UUID? = nil, parentId: UUID?, kind: LocationKind, name: String, code: String? = nil) {
        self.id = id
        self.$parent.id = parentId
        self.kind = kind.rawValue
        self.name = name
        self.code = code
    }
}

/// The levels of the location tree.
public enum LocationKind: String, CaseIterable, Codable, Sendable {
    case site, building, room, checkpoint, lane, rack
}
