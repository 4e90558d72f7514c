import FluentKit
import Foundation

/// Work that runs later or on a timer. An instance leases a due job until `leaseUntil`; a job
/// whose lease ran out (its instance died) is due again. `occurrence` keeps a recurring job
/// from being enqueued twice for the same day or slot.
public final class JobModel: Model, @unchecked Sendable {
    public static let schema = "jobs"

    @ID(key: .id) public var id: UUID?
    @Field(key: "kind") public var kind: String
    @Field(key: "payload") public var payload: String
    @Field(key: "status") public var status: String
    @Field(key: "run_at") public var runAt: Date
    @Field(key: "attempts") public var attempts: Int
    @Field(key: "max_attempts") public var maxAttempts: Int
    @OptionalField(key: "occurrence") public var occurrence: String?
    @OptionalField(key: "leased_by") public var leasedBy: String?
    @OptionalField(key: "lease_until") public var leaseUntil: Date?
    @OptionalField(key: "last_error") public var lastError: String?
    @OptionalField(key: "result") public var result: String?
    @Field(key: "created_at") public var createdAt: Date
    @OptionalField(key: "finished_at") public var finishedAt: Date?

    public init() {}

    public init(kind: String, payload: String, runAt: Date, maxAttempts: Int, occurrence: String?, createdAt: Date) {
        self.kind = kind
        self.payload = payload
        status = "queued"
        self.runAt = runAt
        attempts = 0
        self.maxAttempts = maxAttempts
        self.occurrence = occurrence
        self.createdAt = createdAt
    }
}
