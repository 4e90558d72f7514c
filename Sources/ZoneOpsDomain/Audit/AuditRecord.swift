import Foundation

/// One line of the audit log: who did what to which object, from where, with the state
/// before and after. `canonical` is the exact text the hash chain covers, in the record's
/// `format`: entries keep the format they were sealed in, so old chains still verify.
public struct AuditRecord: Sendable, Equatable {
    /// 1: fields joined with U+001F (ambiguous when a value holds the separator; entries sealed
    /// before format 2 only). 2: each field length-prefixed, so no two records encode alike.
    public static let currentFormat = 2

    public var format: Int = AuditRecord.currentFormat
    public var sequence: Int
    public var at: Date
    public var actorId: String?
    public var actorName: String
    public var address: String?
    public var action: String
    public var objectType: String
    public var objectId: String?
    public var before: String?
    public var after: String?

    public init(sequence: Int, at: Date, actorId: String?, actorName: String, address: String?,
                action: String, objectType: String, objectId: String?, before: String?, after: String?,
                format: Int = AuditRecord.currentFormat) {
        self.format = format
        self.sequence = sequence
        self.at = at
        self.actorId = actorId
        self.actorName = actorName
        self.address = address
        self.action = action
        self.objectType = objectType
        self.objectId = objectId
        self.before = before
        self.after = after
    }

    /// The text the chain hashes. Time is whole milliseconds so both databases round-trip it
    /// exactly; nil and "" differ in both formats.
    public func canonical(previousHash: String) -> String {
        let fields: [String?] = [
            String(sequence), String(AuditRecord.millis(at)), actorId, actorName, address,
            action, objectType, objectId, before, after, previousHash,
        ]
        if format == 1 {
            return fields.map { $0.map { "=" + $0 } ?? "∅" }.joined(separator: "\u{1F}")
        }
        // "v2" then each field as "<UTF-8 length>:<bytes>", or "-" for nil: where a value ends is
        // given by its length, never by a separator it could contain.
        return "v\(format)" + fields.map { $0.map { "\($0.utf8.count):\($0)" } ?? "-" }.joined()
    }

    public static func millis(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded())
    }
}

/// The hash chain over audit records: each hash covers the record and the previous hash.
public struct AuditChain: Sendable {
    /// The previous hash of the very first record.
    public static let genesis = String(repeating: "0", count: 64)

    public let hash: @Sendable (String) -> String

    public init(hash: @escaping @Sendable (String) -> String) { self.hash = hash }

    public func seal(_ record: AuditRecord, previousHash: String) -> String {
        hash(record.canonical(previousHash: previousHash))
    }

    public enum Break: Equatable, Sendable {
        /// The stored hash does not match the record (the row was changed).
        case altered(sequence: Int)
        /// The record does not follow its predecessor (a row was deleted or inserted).
        case gap(expected: Int, found: Int)
        /// The record's stored previous hash is not its predecessor's hash.
        case relinked(sequence: Int)
        /// Entries up to `sequence` were once committed but the chain now ends before it.
        case truncated(sequence: Int)
    }

    /// Walks stored rows in sequence order; answers the first break, or nil when intact.
    /// `previous` lets a caller verify in pages: the last (sequence, hash) already checked.
    public func firstBreak(in rows: [(record: AuditRecord, previousHash: String, hash: String)],
                           after previous: (sequence: Int, hash: String) = (0, genesis)) -> Break? {
        var last = previous
        for row in rows {
            if row.record.sequence != last.sequence + 1 {
                return .gap(expected: last.sequence + 1, found: row.record.sequence)
            }
            if row.previousHash != last.hash { return .relinked(sequence: row.record.sequence) }
            if seal(row.record, previousHash: row.previousHash) != row.hash {
                return .altered(sequence: row.record.sequence)
            }
            last = (row.record.sequence, row.hash)
        }
        return nil
    }
}

extension AuditChain.Break {
    /// The sequence number of the first entry that does not hold: every entry before it is intact.
    public var sequence: Int {
        switch self {
        case .altered(let sequence), .relinked(let sequence), .truncated(let sequence): sequence
        case .gap(_, let found): found
        }
    }

    /// What happened, for people: the CLI and the audit page.
    public func describe(in language: AppLanguage) -> String {
        let catalog = Catalog.shared
        let detail = switch self {
        case .altered(let sequence): catalog.format(.auditBreakAltered, language, String(sequence))
        case .gap(let expected, let found): catalog.format(.auditBreakGap, language, String(expected), String(found))
        case .relinked(let sequence): catalog.format(.auditBreakRelinked, language, String(sequence))
        case .truncated(let sequence): catalog.format(.auditBreakTruncated, language, String(sequence))
        }
        return catalog.format(.auditBroken, language, detail)
    }
}
