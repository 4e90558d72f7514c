import FluentKit
import Foundation

/// A node of the incident category tree (seeded from the contract's domains, editable).
public final class IncidentCategoryModel: Model, @unchecked Sendable {
    public static let schema = "incident_categories"

    @ID(key: .id) public var id: UUID?
    @OptionalField(key: "parent_id") public var parentId: UUID?
    @Field(key: "key") public var key: String
    @Field(key: "name_zh") public var nameZh: String
    @Field(key: "name_en") public var nameEn: String
    @Field(key: "sort") public var sort: Int

    public init() {}

    public init(parentId: UUID?, key: String, nameZh: String, nameEn: String, sort: Int) {
        self.parentId = parentId
        self.key = key
        self.nameZh = nameZh
        self.nameEn = nameEn
        self.sort = sort
    }
}

/// An assignment group (一线服务台, 网络组, …): incidents are dispatched to a group and a person.
/// In a claimable group members take tickets from the group queue themselves.
public final class SupportGroupModel: Model, @unchecked Sendable {
    public static let schema = "support_groups"

    @ID(key: .id) public var id: UUID?
    @Field(key: "name") public var name: String
    @Field(key: "claimable") public var claimable: Bool

    public init() {}

    public init(name: String, claimable: Bool) {
        self.name = name
        self.claimable = claimable
    }
}

public final class SupportGroupMemberModel: Model, @unchecked Sendable {
    public static let schema = "support_group_members"

    @ID(key: .id) public var id: UUID?
    @Field(key: "group_id") public var groupId: UUID
    @Field(key: "user_id") public var userId: UUID

    public init() {}

    public init(groupId: UUID, userId: UUID) {
        self.groupId = groupId
        self.userId = userId
    }
}
