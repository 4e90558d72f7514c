import FluentKit
import Foundation
import ZoneOpsDomain

/// A stored audit record with its place in the hash chain. Rows are only ever inserted.
public final class AuditEntryModel: Model, @unchecked Sendable {
    public static let schema = "audit_entries"

    @ID(key: .id) public var id: UUID?
    @Field(key: "seq") public var sequence: Int
    @Field(key: "at") public var at: Date
    @OptionalField(key: "actor_id") public var actorId: String?
    @Field(key: "actor_name") public var actorName: String
    @OptionalField(key: "address") public var address: String?
    @Field(key: "action") public var action: String
    @Field(key: "object_type") public var objectType: String
    @OptionalField(key: "object_id") public var objectId: String?
    @OptionalField(key: "before") public var before: String?
    @OptionalField(key: "after") public var after: String?
    @Field(key: "prev_hash") public var previousHash: String
    @Field(key: "hash") public var hash: String
    /// The canonical format the entry was sealed in (`AuditRecord.format`).
    @Field(key: "format") public var format: Int

    public init() {}

    public init(record: AuditRecord, previousHash: String, hash: String) {
        sequence = record.sequence
        at = record.at
        actorId = record.actorId
        actorName = record.actorName
        address = record.address
        action = record.action
        objectType = record.objectType
        objectId = record.objectId
        before = record.before
        after = record.after
        self.previousHash = previousHash
        self.hash = hash
        format = record.format
    }

    public var record: AuditRecord {
        AuditRecord(sequence: sequence, at: at, actorId: actorId, actorName: actorName, address: address,
                    action: action, objectType: objectType, objectId: objectId, before: before, after: after,
                    format: format)
    }
}

extension AuditEntryModel: ExplicitRow {
    public static let insertOrder = 9

    public var row: [(column: String, value: any Encodable & Sendable)] {
        [("id", id), ("seq", sequence), ("at", at), ("actor_id", actorId), ("actor_name", actorName), ("address", address),
         ("action", action), ("object_type", objectType), ("object_id", objectId), ("before", before), ("after", after),
         ("prev_hash", previousHash), ("hash", hash), ("format", format)]
    }
}
