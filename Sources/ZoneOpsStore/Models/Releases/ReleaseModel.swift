import FluentKit
import Foundation

/// A release (发布): a version of a business system or of a device's firmware, the changes it
/// carries, its rollback target and Chinese release notes. Where it is deployed is in
/// `ReleaseDeploymentModel`, one row per CI and deployment.
public final class ReleaseModel: Model, @unchecked Sendable {
    public static let schema = "releases"

    @ID(key: .id) public var id: UUID?
    @Field(key: "number") public var number: String
    @Field(key: "name") public var name: String
    @Field(key: "kind") public var kind: String
    @Field(key: "version") public var version: String
    @Field(key: "rollback_version") public var rollbackVersion: String
    @Field(key: "notes") public var notes: String
    @Field(key: "created_by_name") public var createdByName: String
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "updated_at") public var updatedAt: Date

    public init() {}
}

/// A change a release carries.
public final class ReleaseChangeModel: Model, @unchecked Sendable {
    public static let schema = "release_changes"

    @ID(key: .id) public var id: UUID?
    @Field(key: "release_id") public var releaseId: UUID
    @Field(key: "change_id") public var changeId: UUID

    public init() {}

    public init(releaseId: UUID, changeId: UUID) {
        self.releaseId = releaseId
        self.changeId = changeId
    }
}

/// One deployment of a release to a CI: the version before and after, when and by whom, and
/// whether it was rolled back. A CI's rows are its version history.
public final class ReleaseDeploymentModel: Model, @unchecked Sendable {
    public static let schema = "release_deployments"

    @ID(key: .id) public var id: UUID?
    @Field(key: "release_id") public var releaseId: UUID
    @Field(key: "ci_id") public var ciId: UUID
    @OptionalField(key: "from_version") public var fromVersion: String?
    @Field(key: "to_version") public var toVersion: String
    @Field(key: "at") public var at: Date
    @Field(key: "actor_name") public var actorName: String
    @OptionalField(key: "rolled_back_at") public var rolledBackAt: Date?

    public init() {}
}
