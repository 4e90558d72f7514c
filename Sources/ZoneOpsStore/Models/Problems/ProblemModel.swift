import FluentKit
import Foundation

/// A problem (问题): the cause behind incidents, its investigation, root cause and workaround;
/// a known error once both are known; closed by a change or a recorded decision.
public final class ProblemModel: Model, @unchecked Sendable {
    public static let schema = "problems"

    @ID(key: .id) public var id: UUID?
    @Field(key: "number") public var number: String
    @Field(key: "title") public var title: String
    @Field(key: "description") public var description: String
    @Field(key: "status") public var status: String
    @Field(key: "is_known_error") public var isKnownError: Bool
    @Field(key: "root_cause") public var rootCause: String
    @Field(key: "workaround") public var workaround: String
    @OptionalField(key: "category_id") public var categoryId: UUID?
    /// The change that removed the cause…
    @OptionalField(key: "closing_change_id") public var closingChangeId: UUID?
    /// …or the decision recorded instead.
    @OptionalField(key: "closing_decision") public var closingDecision: String?
    /// Lower-cased title, description, root cause and workaround, for matching and search.
    @Field(key: "search_text") public var searchText: String
    @OptionalField(key: "created_by") public var createdBy: UUID?
    @Field(key: "created_by_name") public var createdByName: String
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "updated_at") public var updatedAt: Date
    @OptionalField(key: "closed_at") public var closedAt: Date?

    public init() {}

    public func refreshSearchText() {
        searchText = [number, title, description, rootCause, workaround].joined(separator: "\n").lowercased()
    }
}

/// An incident a problem explains (both ways: each incident shows its problems).
public final class ProblemIncidentModel: Model, @unchecked Sendable {
    public static let schema = "problem_incidents"

    @ID(key: .id) public var id: UUID?
    @Field(key: "problem_id") public var problemId: UUID
    @Field(key: "incident_id") public var incidentId: UUID
    @Field(key: "linked_at") public var linkedAt: Date

    public init() {}

    public init(problemId: UUID, incidentId: UUID, at: Date) {
        self.problemId = problemId
        self.incidentId = incidentId
        linkedAt = at
    }
}

/// A CI a problem is about (known errors are suggested by CI).
public final class ProblemCIModel: Model, @unchecked Sendable {
    public static let schema = "problem_cis"

    @ID(key: .id) public var id: UUID?
    @Field(key: "problem_id") public var problemId: UUID
    @Field(key: "ci_id") public var ciId: UUID

    public init() {}

    public init(problemId: UUID, ciId: UUID) {
        self.problemId = problemId
        self.ciId = ciId
    }
}

/// A line of a problem's investigation log.
public final class ProblemEntryModel: Model, @unchecked Sendable {
    public static let schema = "problem_entries"

    @ID(key: .id) public var id: UUID?
    @Field(key: "problem_id") public var problemId: UUID
    @Field(key: "position") public var position: Int
    @Field(key: "kind") public var kind: String
    @Field(key: "body") public var body: String
    @Field(key: "actor_name") public var actorName: String
    @Field(key: "at") public var at: Date

    public init() {}

    public init(problemId: UUID, position: Int, kind: String, body: String, actorName: String, at: Date) {
        self.problemId = problemId
        self.position = position
        self.kind = kind
        self.body = body
        self.actorName = actorName
        self.at = at
    }
}
