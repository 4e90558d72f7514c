import FluentKit
import SQLKit

struct CreateIncidents: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(IncidentModel.schema)
            .id()
            .field("number", .string, .required)
            .field("title", .string, .required)
            .field("description", .string, .required)
            .field("kind", .string, .required)
            .field("channel", .string, .required)
            .field("status", .string, .required)
            .field("impact", .int, .required)
            .field("urgency", .int, .required)
            .field("priority", .int, .required)
            .field("category_id", .uuid, .references(IncidentCategoryModel.schema, .id))
            .field("business_system", .string)
            .field("requester_id", .uuid, .references(UserModel.schema, .id))
            .field("requester_name", .string, .required)
            .field("requester_phone", .string)
            .field("organization_id", .uuid, .references(OrganizationModel.schema, .id))
            .field("group_id", .uuid, .references(SupportGroupModel.schema, .id))
            .field("assignee_id", .uuid, .references(UserModel.schema, .id))
            .field("parent_id", .uuid, .references(IncidentModel.schema, .id))
            .field("is_major", .bool, .required)
            .field("pending_reason", .string)
            .field("resolution", .string)
            .field("resolution_code", .string)
            .field("sla_calendar", .string, .required)
            .field("sla_clocks", .string, .required)
            .field("response_due_at", .datetime)
            .field("resolve_due_at", .datetime)
            .field("sla_next_at", .datetime)
            .field("domain", .string)
            .field("response_breached", .bool, .required)
            .field("resolve_breached", .bool, .required)
            .field("responded_at", .datetime)
            .field("resolved_at", .datetime)
            .field("closed_at", .datetime)
            .field("rating", .int)
            .field("rating_comment", .string)
            .field("rating_token_hash", .string)
            .field("reassign_count", .int, .required)
            .field("urge_count", .int, .required)
            .field("created_by", .uuid)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "number")
            .create()
        let sql = try database.sql()
        for (name, columns) in [("incidents_status_idx", ["status", "priority"]), ("incidents_assignee_idx", ["assignee_id", "status"]),
                                ("incidents_org_idx", ["organization_id", "created_at"]), ("incidents_created_idx", ["created_at"]),
                                ("incidents_parent_idx", ["parent_id"]), ("incidents_due_idx", ["resolve_due_at"]), ("incidents_sla_next_idx", ["sla_next_at"]),
                                ("incidents_major_idx", ["is_major", "status"]), ("incidents_group_idx", ["group_id", "status"])] {
            var index = sql.create(index: name).on(IncidentModel.schema)
            for column in columns { index = index.column(column) }
            try await index.run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(IncidentModel.schema).delete()
    }
}
