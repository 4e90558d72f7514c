import FluentKit
import SQLKit

struct CreateCIs: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(CIModel.schema)
            .id()
            .field("type_key", .string, .required, .references(CITypeModel.schema, "key", onDelete: .restrict))
            .field("name", .string, .required)
            .field("asset_tag", .string)
            .field("vendor", .string)
            .field("model", .string)
            .field("serial_number", .string)
            .field("location_id", .uuid, .references(LocationModel.schema, .id, onDelete: .restrict))
            .field("rack_position", .string)
            .field("ip", .string)
            .field("hostname", .string)
            .field("management_protocol", .string)
            .field("owner_group", .string)
            .field("criticality", .int, .required)
            .field("customs_critical", .bool, .required)
            .field("status", .string, .required)
            .field("state", .string, .required)
            .field("firmware", .string)
            .field("purchase_date", .string)
            .field("warranty_end", .string)
            .field("licence_end", .string)
            .field("certificate_end", .string)
            .field("last_password_rotation", .string)
            .field("last_config_backup", .string)
            .field("notes", .string)
            .field("attributes", .string, .required)
            .field("search_text", .string, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "asset_tag")
            .create()
        let sql = database as! any SQLDatabase
        for (name, columns) in [("cis_type_idx", ["type_key"]), ("cis_location_idx", ["location_id"]),
                                ("cis_ip_idx", ["ip"]), ("cis_name_idx", ["name"])] {
            var index = sql.create(index: SQLIdentifier(name)).on(CIModel.schema)
            for column in columns { index = index.column(column) }
            try await index.run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(CIModel.schema).delete()
    }
}
