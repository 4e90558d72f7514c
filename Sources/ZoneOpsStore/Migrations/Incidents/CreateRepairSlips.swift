import FluentKit

struct CreateRepairSlips: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(RepairSlipModel.schema)
            .id()
            .field("incident_id", .uuid, .required, .references(IncidentModel.schema, .id, onDelete: .cascade))
            .field("ci_id", .uuid, .references(CIModel.schema, .id, onDelete: .setNull))
            .field("reported_at", .datetime, .required)
            .field("arrived_at", .datetime)
            .field("restored_at", .datetime)
            .field("symptom", .string, .required)
            .field("diagnosis", .string, .required)
            .field("action", .string, .required)
            .field("confirmed_at", .datetime)
            .field("confirmed_by", .string)
            .field("follow_up", .string)
            .field("engineer", .string, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "incident_id")
            .create()
        try await database.schema(RepairSlipPartModel.schema)
            .id()
            .field("slip_id", .uuid, .required, .references(RepairSlipModel.schema, .id, onDelete: .cascade))
            .field("part_id", .uuid, .required, .references(SparePartModel.schema, .id))
            .field("location_id", .uuid, .required, .references(LocationModel.schema, .id))
            .field("quantity", .int, .required)
            .field("serials", .string, .required)
            .field("at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(RepairSlipPartModel.schema).delete()
        try await database.schema(RepairSlipModel.schema).delete()
    }
}
