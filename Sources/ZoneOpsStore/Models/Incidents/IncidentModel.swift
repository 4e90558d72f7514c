import FluentKit
import Foundation

/// An incident (事件): a fault or a question, from any channel, with its SLA clocks.
/// The clocks are stored as the periods they ran (`slaClocks`, JSON), so due times can be
/// recomputed when a calendar or a target changes; the due columns are their current values,
/// kept for sorting queues and for the SLA job.
public final class IncidentModel: Model, @unchecked Sendable {
    public static let schema = "incidents"

    @ID(key: .id) public var id: UUID?
    @Field(key: "number") public var number: String
    @Field(key: "title") public var title: String
    @Field(key: "description") public var description: String
    @Field(key: "kind") public var kind: String
    @Field(key: "channel") public var channel: String
    @Field(key: "status") public var status: String
    @Field(key: "impact") public var impact: Int
    @Field(key: "urgency") public var urgency: Int
    @Field(key: "priority") public var priority: Int
    @OptionalField(key: "category_id") public var categoryId: UUID?
    @OptionalField(key: "business_system") public var businessSystem: String?
    @OptionalField(key: "requester_id") public var requesterId: UUID?
    @Field(key: "requester_name") public var requesterName: String
    @OptionalField(key: "requester_phone") public var requesterPhone: String?
    @OptionalField(key: "organization_id") public var organizationId: UUID?
    @OptionalField(key: "group_id") public var groupId: UUID?
    @OptionalField(key: "assignee_id") public var assigneeId: UUID?
    @OptionalField(key: "parent_id") public var parentId: UUID?
    @Field(key: "is_major") public var isMajor: Bool
    @OptionalField(key: "pending_reason") public var pendingReason: String?
    @OptionalField(key: "resolution") public var resolution: String?
    @OptionalField(key: "resolution_code") public var resolutionCode: String?
    @Field(key: "sla_calendar") public var slaCalendar: String
    @Field(key: "sla_clocks") public var slaClocks: String
    @OptionalField(key: "response_due_at") public var responseDueAt: Date?
    @OptionalField(key: "resolve_due_at") public var resolveDueAt: Date?
    @OptionalField(key: "sla_next_at") public var slaNextAt: Date?
    @OptionalField(key: "domain") public var domain: String?
    @Field(key: "response_breached") public var responseBreached: Bool
    @Field(key: "resolve_breached") public var resolveBreached: Bool
    @OptionalField(key: "responded_at") public var respondedAt: Date?
    @OptionalField(key: "resolved_at") public var resolvedAt: Date?
    @OptionalField(key: "closed_at") public var closedAt: Date?
    @OptionalField(key: "rating") public var rating: Int?
    @OptionalField(key: "rating_comment") public var ratingComment: String?
    @OptionalField(key: "rating_token_hash") public var ratingTokenHash: String?
    @Field(key: "reassign_count") public var reassignCount: Int
    @Field(key: "urge_count") public var urgeCount: Int
    @OptionalField(key: "created_by") public var createdBy: UUID?
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "updated_at") public var updatedAt: Date

    public init() {}
}

extension IncidentModel: ExplicitRow {
    public static let insertOrder = 0

    public var row: [(column: String, value: any Encodable & Sendable)] {
        [("id", id), ("number", number), ("title", title), ("description", description), ("kind", kind), ("channel", channel),
         ("status", status), ("impact", impact), ("urgency", urgency), ("priority", priority), ("category_id", categoryId),
         ("business_system", businessSystem), ("requester_id", requesterId), ("requester_name", requesterName),
         ("requester_phone", requesterPhone), ("organization_id", organizationId), ("group_id", groupId),
         ("assignee_id", assigneeId), ("parent_id", parentId), ("is_major", isMajor), ("pending_reason", pendingReason),
         ("resolution", resolution), ("resolution_code", resolutionCode), ("sla_calendar", slaCalendar),
         ("sla_clocks", slaClocks), ("response_due_at", responseDueAt), ("resolve_due_at", resolveDueAt),
         ("sla_next_at", slaNextAt), ("domain", domain), ("response_breached", responseBreached),
         ("resolve_breached", resolveBreached), ("responded_at", respondedAt), ("resolved_at", resolvedAt),
         ("closed_at", closedAt), ("rating", rating), ("rating_comment", ratingComment),
         ("rating_token_hash", ratingTokenHash), ("reassign_count", reassignCount), ("urge_count", urgeCount),
         ("created_by", createdBy), ("created_at", createdAt), ("updated_at", updatedAt)]
    }
}
