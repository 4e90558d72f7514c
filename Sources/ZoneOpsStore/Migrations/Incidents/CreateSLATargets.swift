import FluentKit
import ZoneOpsDomain

/// Targets per priority, seeded with `SLATarget.defaults`.
struct CreateSLATargets: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(SLATargetModel.schema)
            .id()
            .field("priority", .int, .required)
            .field("response_seconds", .int, .required)
            .field("resolve_seconds", .int, .required)
            .field("calendar", .string, .required)
            .unique(on: "priority")
            .create()
        for target in SLATarget.defaults {
            try await SLATargetModel(priority: target.priority.rawValue, responseSeconds: Int(target.responseSeconds),
                                     resolveSeconds: Int(target.resolveSeconds), calendar: target.calendar.rawValue).create(on: database)
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(SLATargetModel.schema).delete()
    }
}
