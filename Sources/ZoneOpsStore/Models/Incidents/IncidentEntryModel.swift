import FluentKit
import Foundation

/// One line of an incident's work log and timeline: a note, a public reply, a status change,
/// an assignment, an urge, an SLA warning or breach. `isPublic` entries are what the requester
/// sees. `mark`, when set, is unique per incident, so an event raised by a job (an SLA warning)
/// is recorded once even if the job runs twice.
public final class IncidentEntryModel: Model, @unchecked Sendable {
    public static let schema = "incident_entries"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "incident_id") public var incident: IncidentModel
    @Field(key: "kind") public var kind: String
    @Field(key: "is_public") public var isPublic: Bool
    @Field(key: "body") public var body: String
    @OptionalField(key: "actor_id") public var actorId: UUID?
    @Field(key: "actor_name") public var actorName: String
    @Field(key: "at") public var at: Date
    @OptionalField(key: "mark") public var mark: String?

    public init() {}

    public init(incidentId: UUID, kind: String, isPublic: Bool, body: String, actorId: UUID?, actorName: String, at: Date,
                mark: String? = nil) {
        self.$incident.id = incidentId
        self.kind = kind
        self.isPublic = isPublic
        self.body = body
        self.actorId = actorId
        self.actorName = actorName
        self.at = at
        self.mark = mark
    }
}

/// A CI an incident is about.
public final class IncidentCIModel: Model, @unchecked Sendable {
    public static let schema = "incident_cis"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "incident_id") public var incident: IncidentModel
    @Field(key: "ci_id") public var ciId: UUID

    public init() {}

    public init(incidentId: UUID, ciId: UUID) {
        self.$incident.id = incidentId
        self.ciId = ciId
    }
}

extension IncidentEntryModel: ExplicitRow {
    public static let insertOrder = 1

    public var row: [(column: String, value: any Encodable & Sendable)] {
        [("id", id), ("incident_id", $incident.id), ("kind", kind), ("is_public", isPublic), ("body", body),
         ("actor_id", actorId), ("actor_name", actorName), ("at", at), ("mark", mark)]
    }
}
