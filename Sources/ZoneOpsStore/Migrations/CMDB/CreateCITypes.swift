import FluentKit

struct CreateCITypes: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(CITypeModel.schema)
            .id()
            .field("key", .string, .required)
            .field("name_zh", .string, .required)
            .field("name_en", .string, .required)
            .field("domain", .string, .required)
            .field("attributes", .string, .required)
            .field("built_in", .bool, .required)
            .unique(on: "key")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(CITypeModel.schema).delete()
    }
}
