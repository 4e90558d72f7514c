import FluentKit
import Foundation

/// `source` —type→ `target`; the source is the dependent side (RelationType).
public final class CIRelationModel: Model, @unchecked Sendable {
    public static let schema = "ci_relations"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "source_id") public var source: CIModel
    @Parent(key: "target_id") public var target: CIModel
    @Field(key: "type") public var type: String
    /// For `connected_to`: which port, when known (e.g. "Gi1/0/24").
    @OptionalField(key: "port") public var port: String?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}

    public init(sourceId: UUID, targetId: UUID, type: String, port: String?) {
        self.$source.id = sourceId
        self.$target.id = targetId
        self.type = type
        self.port = port
    }
}
