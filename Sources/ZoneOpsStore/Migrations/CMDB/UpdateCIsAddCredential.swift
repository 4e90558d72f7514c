import FluentKit

/// The CI's management credential, sealed (AES-GCM) before it is stored.
struct UpdateCIsAddCredential: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(CIModel.schema).field("credential", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(CIModel.schema).deleteField("credential").update()
    }
}
