import FluentKit
import Foundation

/// What the major-incident report (重大事件服务报告) needs beyond the incident and its timeline:
/// level, detection and restoration, impact on systems, lanes and customs business, causes, fixes.
public final class MajorIncidentReportModel: Model, @unchecked Sendable {
    public static let schema = "major_incident_reports"

    @ID(key: .id) public var id: UUID?
    @Field(key: "incident_id") public var incidentId: UUID
    @Field(key: "level") public var level: String
    @OptionalField(key: "detected_at") public var detectedAt: Date?
    @OptionalField(key: "restored_at") public var restoredAt: Date?
    @Field(key: "impact_systems") public var impactSystems: String
    @Field(key: "impact_lanes") public var impactLanes: String
    @Field(key: "impact_customs") public var impactCustoms: String
    @OptionalField(key: "vehicles_delayed") public var vehiclesDelayed: Int?
    @Field(key: "direct_cause") public var directCause: String
    @Field(key: "underlying_cause") public var underlyingCause: String
    @Field(key: "emergency_fix") public var emergencyFix: String
    @Field(key: "permanent_fix") public var permanentFix: String
    @Field(key: "updated_by") public var updatedBy: String
    @Field(key: "updated_at") public var updatedAt: Date

    public init() {}
}

/// A preventive action of a major incident: what, who, by when, and when it was done.
public final class PreventiveActionModel: Model, @unchecked Sendable {
    public static let schema = "preventive_actions"

    @ID(key: .id) public var id: UUID?
    @Field(key: "incident_id") public var incidentId: UUID
    @Field(key: "action") public var action: String
    @Field(key: "owner") public var owner: String
    @Field(key: "due_date") public var dueDate: String
    @OptionalField(key: "done_at") public var doneAt: Date?
    @Field(key: "created_at") public var createdAt: Date

    public init() {}
}
