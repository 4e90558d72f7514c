import FluentKit

struct CreateSupportGroups: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(SupportGroupModel.schema)
            .id()
            .field("name", .string, .required)
            .field("claimable", .bool, .required)
            .unique(on: "name")
            .create()
        try await database.schema(SupportGroupMemberModel.schema)
            .id()
            .field("group_id", .uuid, .required, .references(SupportGroupModel.schema, .id, onDelete: .cascade))
            .field("user_id", .uuid, .required, .references(UserModel.schema, .id, onDelete: .cascade))
            .unique(on: "group_id", "user_id")
            .create()
        try await SupportGroupModel(name: "一线服务台", claimable: true).create(on: database)
        try await SupportGroupModel(name: "现场工程师", claimable: true).create(on: database)
    }

    func revert(on database: any Database) async throws {
        try await database.schema(SupportGroupMemberModel.schema).delete()
        try await database.schema(SupportGroupModel.schema).delete()
    }
}
