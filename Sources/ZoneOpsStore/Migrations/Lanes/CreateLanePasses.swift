import FluentKit
import SQLKit

/// Lane pass records: one row per (lane, seq), so a pass reported twice is kept once.
struct CreateLanePasses: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(LanePassModel.schema)
            .id()
            .field("lane_id", .uuid, .required)
            .field("seq", .int64, .required)
            .field("received_at", .datetime, .required)
            .field("arrived_at", .datetime, .required)
            .field("recognised_at", .datetime)
            .field("replied_at", .datetime)
            .field("left_at", .datetime)
            .field("plate", .string)
            .field("rfid_plate", .string)
            .field("ic_card", .string)
            .field("containers", .string, .required)
            .field("containers_recognised", .bool)
            .field("weight_kg", .int)
            .field("photos", .string, .required)
            .field("release_note", .string)
            .field("release_status", .int)
            .field("instruction", .string)
            .field("led_text", .string)
            .field("pass_seconds", .double)
            .field("manual", .bool, .required)
            .field("manual_reason", .string)
            .field("approver", .string)
            .unique(on: "lane_id", "seq", name: "lane_passes_lane_seq_key")
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.create(index: "lane_passes_lane_arrived_idx").on(LanePassModel.schema).column("lane_id").column("arrived_at").run()
        try await sql.create(index: "lane_passes_arrived_idx").on(LanePassModel.schema).column("arrived_at").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(LanePassModel.schema).delete()
    }
}
