import FluentKit
import Foundation
import SQLKit
import ZoneOpsDomain
import ZoneOpsWire

/// What an audited operation says about itself; the log adds sequence, time and hashes.
public struct AuditDraft: Sendable {
    public var actorId: String?
    public var actorName: String
    public var address: String?
    public var action: String
    public var objectType: String
    public var objectId: String?
    public var before: String?
    public var after: String?

    public init(actorId: String?, actorName: String, address: String?, action: String,
                objectType: String, objectId: String?, before: String? = nil, after: String? = nil) {
        self.actorId = actorId
        self.actorName = actorName
        self.address = address
        self.action = action
        self.objectType = objectType
        self.objectId = objectId
        self.before = before
        self.after = after
    }
}

/// The append-only, hash-chained audit log.
public enum AuditLog {
    /// The newest entry's place in the chain.
    public typealias Head = (sequence: Int, hash: String)

    /// Appends inside a `Writer.write` transaction, which keeps appends in single file. A caller
    /// appending many entries in one transaction passes the head it got back, saving a read each.
    @discardableResult
    public static func append(_ draft: AuditDraft, at now: Date, on tx: any Database,
                              chain: AuditChain, after known: Head? = nil) async throws -> Head {
        let batch = WriteBatch.of(tx)
        let last: Head? = if let known { known } else if let held = batch?.auditHead { held } else { try await head(on: tx) }
        let millis = Double(AuditRecord.millis(now)) / 1000
        let record = AuditRecord(
            sequence: (last?.sequence ?? 0) + 1, at: Date(timeIntervalSince1970: millis),
            actorId: draft.actorId, actorName: draft.actorName, address: draft.address,
            action: draft.action, objectType: draft.objectType, objectId: draft.objectId,
            before: draft.before, after: draft.after)
        let previous = last?.hash ?? AuditChain.genesis
        let entry = AuditEntryModel(record: record, previousHash: previous,
                                    hash: chain.seal(record, previousHash: previous))
        // The row goes in with the batch's other rows (`WriteBatch`); the batch holds the head.
        try await entry.insertRow(on: tx, deferred: true)
        batch?.auditHead = (record.sequence, entry.hash)
        return (record.sequence, entry.hash)
    }

    /// The newest entry's sequence and hash (one indexed row, read without decoding a model).
    public static func head(on db: any Database) async throws -> Head? {
        let row = try await db.sql().raw("SELECT seq, hash FROM audit_entries ORDER BY seq DESC LIMIT 1").first()
        guard let row else { return nil }
        return (try row.decode(column: "seq", as: Int.self), try row.decode(column: "hash", as: String.self))
    }

    public struct Verification: Sendable, Equatable {
        public var checked: Int
        public var firstBreak: AuditChain.Break?
    }

    /// Walks the whole chain in pages of `pageSize`, so memory stays flat on a long log, then
    /// checks that the entry the anchor remembers is still there, unchanged.
    public static func verify(on db: any Database, chain: AuditChain, anchor: AuditAnchor.Head? = nil,
                              pageSize: Int = 1000) async throws -> Verification {
        var previous = (sequence: 0, hash: AuditChain.genesis)
        var checked = 0
        while true {
            let page = try await AuditEntryModel.query(on: db)
                .filter(\.$sequence > previous.sequence)
                .sort(\.$sequence).limit(pageSize).all()
            let rows = page.map { (record: $0.record, previousHash: $0.previousHash, hash: $0.hash) }
            if let broken = chain.firstBreak(in: rows, after: previous) {
                let intactInPage = page.prefix { $0.sequence < broken.sequence }.count
                return Verification(checked: checked + intactInPage, firstBreak: broken)
            }
            guard let last = page.last else { break }
            checked += page.count
            previous = (last.sequence, last.hash)
        }
        // A deleted tail leaves no gap behind it: only the anchor kept outside the database shows it.
        if let anchor, anchor.sequence > previous.sequence {
            return Verification(checked: checked, firstBreak: .truncated(sequence: previous.sequence + 1))
        }
        if let anchor, anchor.sequence > 0,
           let kept = try await AuditEntryModel.query(on: db).filter(\.$sequence == anchor.sequence).first(),
           kept.hash != anchor.hash {
            return Verification(checked: min(checked, anchor.sequence - 1), firstBreak: .altered(sequence: anchor.sequence))
        }
        return Verification(checked: checked, firstBreak: nil)
    }

    public static func recent(on db: any Database, limit: Int, page: Int = 0) async throws -> [AuditEntryModel] {
        try await AuditEntryModel.query(on: db).sort(\.$sequence, .descending)
            .offset(page * limit).limit(limit).all()
    }
}

extension AuditDraft {
    /// Deterministic JSON of a snapshot (sorted keys) for before/after.
    public static func snapshot<T: Encodable>(_ value: T) -> String? {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return (try? encoder.encode(value)).flatMap { String(data: $0, encoding: .utf8) }
    }
}
