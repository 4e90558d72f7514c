import FluentKit
import Foundation

/// One step in a CI's lifecycle: from which status to which, when, by whom, why.
public final class CIStatusChangeModel: Model, @unchecked Sendable {
    public static let schema = "ci_status_changes"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "ci_id") public var ci: CIModel
    @OptionalField(key: "from_status") public var fromStatus: String?
    @Field(key: "to_status") public var toStatus: String
    @Field(key: "at") public var at: Date
    @Field(key: "actor_name") public var actorName: String
    @OptionalField(key: "note") public var note: String?

    public init() {}

    public init(ciId: UUID, from: String?, to: String, at: Date, actorName: String, note: String?) {
        self.$ci.id = ciId
        fromStatus = from
        toStatus = to
        self.at = at
        self.actorName = actorName
        self.note = note
    }
}

extension CIStatusChangeModel: ExplicitRow {
    public static let insertOrder = 3

    public var row: [(column: String, value: any Encodable & Sendable)] {
        [("id", id), ("ci_id", $ci.id), ("from_status", fromStatus), ("to_status", toStatus), ("at", at), ("actor_name", actorName),
         ("note", note)]
    }
}
