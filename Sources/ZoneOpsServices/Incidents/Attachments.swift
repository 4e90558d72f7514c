import FluentKit
import Foundation
import ZoneOpsDomain
import ZoneOpsStore

/// Screenshots and documents on an incident. The type is read from the bytes, never from the
/// name or the declared content type; the size is counted, never trusted.
public enum Attachments {
    public static let maxBytes = 5 * 1024 * 1024
    public static let maxPerIncident = 10

    /// The kinds accepted, recognised by their first bytes.
    public enum Kind: String, Sendable, CaseIterable {
        case png = "image/png", jpeg = "image/jpeg", webp = "image/webp", pdf = "application/pdf"

        public init?(sniffing data: Data) {
            let head = [UInt8](data.prefix(12))
            if head.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { self = .png }
            else if head.starts(with: [0xFF, 0xD8, 0xFF]) { self = .jpeg }
            else if head.count == 12, head.starts(with: Array("RIFF".utf8)), Array(head[8..<12]) == Array("WEBP".utf8) { self = .webp }
            else if head.starts(with: Array("%PDF-".utf8)) { self = .pdf }
            else { return nil }
        }
    }

    public struct Item: Sendable, Equatable {
        public var id: UUID
        public var filename: String
        public var contentType: String
        public var size: Int
        public var uploadedBy: String
        public var isPublic: Bool
        public var at: Date
    }

    /// Stores the file and records it on the incident (a work-log line names it).
    public static func add(incident id: UUID, data: Data, filename: String, isPublic: Bool, by actor: Actor,
                           store: FileStore, in ctx: ServiceContext) async throws -> Item {
        let kind = try check(data)
        let name = cleanName(filename)
        let sha = try store.put(data)
        let now = ctx.now()
        return try await ctx.audited(actor, action: AuditAction.incidentNote.rawValue, objectType: "incident") { tx in
            guard try await IncidentModel.find(id, on: tx) != nil else { throw AppError.notFound }
            guard try await AttachmentModel.query(on: tx).filter(\.$incidentId == id).count() < maxPerIncident else {
                throw AppError.rule(code: "too_many_attachments", .attachmentTooMany)
            }
            let row = AttachmentModel()
            row.incidentId = id
            row.sha256 = sha
            row.filename = name
            row.contentType = kind.rawValue
            row.size = data.count
            row.uploadedBy = actor.name
            row.isPublic = isPublic
            row.at = now
            try await row.create(on: tx)
            try await IncidentEntryModel(incidentId: id, kind: EntryKind.note.rawValue, isPublic: isPublic, body: "📎 " + name,
                                         actorId: actor.userId.flatMap(UUID.init(uuidString:)), actorName: actor.name, at: now).create(on: tx)
            return (try item(row), id.uuidString, nil, AuditDraft.snapshot(AttachmentSnapshot(filename: name, sha256: sha, size: data.count)))
        }
    }

    /// The kind of an acceptable file, or the field error (checked before anything is created).
    @discardableResult
    public static func check(_ data: Data, field: String = "file") throws -> Kind {
        guard data.count <= maxBytes else { throw AppError.invalid(field: field, .attachmentTooLarge) }
        guard !data.isEmpty, let kind = Kind(sniffing: data) else { throw AppError.invalid(field: field, .attachmentType) }
        return kind
    }

    public static func list(incident id: UUID, includeInternal: Bool, on db: any Database) async throws -> [Item] {
        let query = AttachmentModel.query(on: db).filter(\.$incidentId == id).sort(\.$at)
        if !includeInternal { query.filter(\.$isPublic == true) }
        return try await query.all().map(item)
    }

    /// One attachment of the incident with its bytes (404 when it is not this incident's or not visible).
    public static func content(_ attachmentId: UUID, incident id: UUID, includeInternal: Bool, store: FileStore,
                               on db: any Database) async throws -> (item: Item, data: Data) {
        guard let row = try await AttachmentModel.find(attachmentId, on: db), row.incidentId == id, includeInternal || row.isPublic,
              let data = store.get(row.sha256) else { throw AppError.notFound }
        return (try item(row), data)
    }

    static func item(_ row: AttachmentModel) throws -> Item {
        Item(id: try row.requireID(), filename: row.filename, contentType: row.contentType, size: row.size, uploadedBy: row.uploadedBy,
             isPublic: row.isPublic, at: row.at)
    }

    /// The last path component, without control characters, at most 100 characters.
    static func cleanName(_ raw: String) -> String {
        let last = raw.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let clean = String(last.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }.map(Character.init))
        return clean.isEmpty ? "file" : String(clean.prefix(100))
    }
}

struct AttachmentSnapshot: Encodable {
    var filename: String
    var sha256: String
    var size: Int
}
