import FluentKit
import Foundation

/// A change (变更): what is changed on which CIs, how and how it is undone, when, and what
/// became of it. The planned window is booked on the calendar once approved; the actual
/// start and end are when implementation really ran.
public final class ChangeModel: Model, @unchecked Sendable {
    public static let schema = "changes"

    @ID(key: .id) public var id: UUID?
    @Field(key: "number") public var number: String
    @Field(key: "title") public var title: String
    @Field(key: "type") public var type: String
    @Field(key: "status") public var status: String
    @Field(key: "description") public var description: String
    @Field(key: "plan") public var plan: String
    @Field(key: "rollback_plan") public var rollbackPlan: String
    @Field(key: "risk") public var risk: String
    @Field(key: "test_evidence") public var testEvidence: String
    @Field(key: "planned_start") public var plannedStart: Date
    @Field(key: "planned_end") public var plannedEnd: Date
    @OptionalField(key: "actual_start") public var actualStart: Date?
    @OptionalField(key: "actual_end") public var actualEnd: Date?
    /// Why an emergency change could not wait for the notice period.
    @OptionalField(key: "emergency_reason") public var emergencyReason: String?
    /// The pre-approved template a standard change was made from.
    @OptionalField(key: "template_key") public var templateKey: String?
    @OptionalField(key: "result_note") public var resultNote: String?
    /// The maintenance document (维护文档), written in place…
    @OptionalField(key: "document") public var document: String?
    /// …or uploaded: its SHA-256 in the file store, name and type.
    @OptionalField(key: "document_sha") public var documentSHA: String?
    @OptionalField(key: "document_name") public var documentName: String?
    @OptionalField(key: "document_type") public var documentType: String?
    @OptionalField(key: "review_note") public var reviewNote: String?
    @OptionalField(key: "raised_by") public var raisedBy: UUID?
    @Field(key: "raised_by_name") public var raisedByName: String
    @OptionalField(key: "decided_by_name") public var decidedByName: String?
    @OptionalField(key: "implementer_id") public var implementerId: UUID?
    @OptionalField(key: "submitted_at") public var submittedAt: Date?
    @OptionalField(key: "decided_at") public var decidedAt: Date?
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "updated_at") public var updatedAt: Date

    public init() {}

    public var window: (start: Date, end: Date) { (plannedStart, plannedEnd) }
}

/// A CI a change touches.
public final class ChangeCIModel: Model, @unchecked Sendable {
    public static let schema = "change_cis"

    @ID(key: .id) public var id: UUID?
    @Field(key: "change_id") public var changeId: UUID
    @Field(key: "ci_id") public var ciId: UUID

    public init() {}

    public init(changeId: UUID, ciId: UUID) {
        self.changeId = changeId
        self.ciId = ciId
    }
}

/// One line of a change's history: submitted, approved with a comment, an implementation
/// step, the result, the review.
public final class ChangeEntryModel: Model, @unchecked Sendable {
    public static let schema = "change_entries"

    @ID(key: .id) public var id: UUID?
    @Field(key: "change_id") public var changeId: UUID
    /// The line's place in the history (lines of one step share their time).
    @Field(key: "position") public var position: Int
    @Field(key: "kind") public var kind: String
    @Field(key: "body") public var body: String
    @OptionalField(key: "actor_id") public var actorId: UUID?
    @Field(key: "actor_name") public var actorName: String
    @Field(key: "at") public var at: Date

    public init() {}

    public init(changeId: UUID, position: Int, kind: String, body: String, actorId: UUID?, actorName: String, at: Date) {
        self.changeId = changeId
        self.position = position
        self.kind = kind
        self.body = body
        self.actorId = actorId
        self.actorName = actorName
        self.at = at
    }
}

/// A period the zone administration declares closed to changes (a customs busy period, say).
public final class BlackoutModel: Model, @unchecked Sendable {
    public static let schema = "change_blackouts"

    @ID(key: .id) public var id: UUID?
    @Field(key: "title") public var title: String
    @Field(key: "starts_at") public var startsAt: Date
    @Field(key: "ends_at") public var endsAt: Date
    @Field(key: "created_by_name") public var createdByName: String
    @Field(key: "created_at") public var createdAt: Date

    public init() {}
}

/// A CI's maintenance window, from an approved change: when it starts and ends (open while
/// the change is implementing past its plan), so availability can leave it out and monitoring
/// opens nothing inside it. `priorState` is the operational state the CI goes back to.
public final class MaintenanceWindowModel: Model, @unchecked Sendable {
    public static let schema = "maintenance_windows"

    @ID(key: .id) public var id: UUID?
    @Field(key: "ci_id") public var ciId: UUID
    @Field(key: "change_id") public var changeId: UUID
    @Field(key: "starts_at") public var startsAt: Date
    /// Nil while the change is implementing: the window lasts until it completes.
    @OptionalField(key: "ends_at") public var endsAt: Date?
    @OptionalField(key: "prior_state") public var priorState: String?

    public init() {}

    public init(ciId: UUID, changeId: UUID, startsAt: Date, endsAt: Date?) {
        self.ciId = ciId
        self.changeId = changeId
        self.startsAt = startsAt
        self.endsAt = endsAt
    }
}

/// A pre-approved template for standard changes: made by an approver from a change that was
/// carried out and reviewed; a standard change must come from one, and is approved by submitting.
public final class ChangeTemplateModel: Model, @unchecked Sendable {
    public static let schema = "change_templates"

    @ID(key: .id) public var id: UUID?
    @Field(key: "name") public var name: String
    @Field(key: "plan") public var plan: String
    @Field(key: "rollback_plan") public var rollbackPlan: String
    @Field(key: "risk") public var risk: String
    @Field(key: "test_evidence") public var testEvidence: String
    @OptionalField(key: "source_change_id") public var sourceChangeId: UUID?
    @Field(key: "approved_by_name") public var approvedByName: String
    @Field(key: "created_at") public var createdAt: Date

    public init() {}
}
