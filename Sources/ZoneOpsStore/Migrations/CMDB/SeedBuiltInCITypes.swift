import FluentKit
import ZoneOpsDomain

/// The built-in CI types as data. Later changes to built-ins come as new migrations.
struct SeedBuiltInCITypes: AsyncMigration {
    func prepare(on database: any Database) async throws {
        for definition in BuiltInCITypes.all {
            try await CITypeModel(definition, builtIn: true).create(on: database)
        }
    }

    func revert(on database: any Database) async throws {
        try await CITypeModel.query(on: database).filter(\.$builtIn == true).delete()
    }
}
