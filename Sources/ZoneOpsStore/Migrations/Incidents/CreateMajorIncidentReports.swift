import FluentKit

struct CreateMajorIncidentReports: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(MajorIncidentReportModel.schema)
            .id()
            .field("incident_id", .uuid, .required, .references(IncidentModel.schema, .id, onDelete: .cascade))
            .field("level", .string, .required)
            .field("detected_at", .datetime)
            .field("restored_at", .datetime)
            .field("impact_systems", .string, .required)
            .field("impact_lanes", .string, .required)
            .field("impact_customs", .string, .required)
            .field("vehicles_delayed", .int)
            .field("direct_cause", .string, .required)
            .field("underlying_cause", .string, .required)
            .field("emergency_fix", .string, .required)
            .field("permanent_fix", .string, .required)
            .field("updated_by", .string, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "incident_id")
            .create()
        try await database.schema(PreventiveActionModel.schema)
            .id()
            .field("incident_id", .uuid, .required, .references(IncidentModel.schema, .id, onDelete: .cascade))
            .field("action", .string, .required)
            .field("owner", .string, .required)
            .field("due_date", .string, .required)
            .field("done_at", .datetime)
            .field("created_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(PreventiveActionModel.schema).delete()
        try await database.schema(MajorIncidentReportModel.schema).delete()
    }
}
