import FluentKit
import Foundation

/// A hotline call (热线来电): answered on the spot, turned into an incident, or missed and
/// waiting for a callback. The answer rate counts these rows.
public final class HotlineCallModel: Model, @unchecked Sendable {
    public static let schema = "hotline_calls"

    @ID(key: .id) public var id: UUID?
    @Field(key: "at") public var at: Date
    @Field(key: "caller_name") public var callerName: String
    @Field(key: "phone") public var phone: String
    @OptionalField(key: "organization_id") public var organizationId: UUID?
    @OptionalField(key: "organization_name") public var organizationName: String?
    @Field(key: "summary") public var summary: String
    @Field(key: "result") public var result: String
    @Field(key: "handled_by") public var handledBy: String
    @OptionalField(key: "incident_id") public var incidentId: UUID?
    @Field(key: "outside_hours") public var outsideHours: Bool
    @OptionalField(key: "callback_done_at") public var callbackDoneAt: Date?
    @OptionalField(key: "callback_note") public var callbackNote: String?

    public init() {}
}

/// A file attached to an incident, stored content-addressed under the data dir.
public final class AttachmentModel: Model, @unchecked Sendable {
    public static let schema = "attachments"

    @ID(key: .id) public var id: UUID?
    @Field(key: "incident_id") public var incidentId: UUID
    @Field(key: "sha256") public var sha256: String
    @Field(key: "filename") public var filename: String
    @Field(key: "content_type") public var contentType: String
    @Field(key: "size") public var size: Int
    @Field(key: "uploaded_by") public var uploadedBy: String
    @Field(key: "is_public") public var isPublic: Bool
    @Field(key: "at") public var at: Date

    public init() {}
}
