import FluentKit
import Foundation
import SQLKit
import ZoneOpsDomain
import ZoneOpsStore

/// The event console's reads and its people's steps: acknowledge, map an unmatched event to a CI.
public enum Alerts {
    public struct Row: Sendable, Equatable {
        public var id: String
        public var source: String
        public var ciId: String?
        public var ciName: String?
        public var host: String?
        public var check: String
        public var severity: String
        public var summary: String
        public var status: String
        public var count: Int
        public var firstSeen: Date
        public var lastSeen: Date
        public var recoveredAt: Date?
        public var inMaintenance: Bool
        public var silenced: String?
        public var incidentId: String?
        public var incidentNumber: String?
        public var ownIncident: Bool
        public var rootId: String?
        public var flapping: Bool
        public var acknowledgedAt: Date?
        public var acknowledgedBy: String?
        public var closedAt: Date?
        public var labels: [String: String]
    }

    public struct Filter: Sendable {
        /// `open` (not closed), `firing`, `closed` or nil for all.
        public var status: String?
        public var unmatched: Bool
        public var ciId: UUID?
        public var incidentId: UUID?
        public var severity: String?
        public var source: String?
        public var text: String?
        public var page: Int
        public var perPage: Int

        public init(status: String? = "open", unmatched: Bool = false, ciId: UUID? = nil, incidentId: UUID? = nil, severity: String? = nil,
                    source: String? = nil, text: String? = nil, page: Int = 1, perPage: Int = 50) {
            self.status = status
            self.unmatched = unmatched
            self.ciId = ciId
            self.incidentId = incidentId
            self.severity = severity
            self.source = source
            self.text = text
            self.page = page
            self.perPage = perPage
        }
    }

    public static func list(_ filter: Filter, on db: any Database) async throws -> (rows: [Row], total: Int) {
        let query = AlertModel.query(on: db)
        switch filter.status {
        case "open": query.filter(\.$closedAt == nil)
        case "firing": query.filter(\.$closedAt == nil).filter(\.$status == "firing")
        case "closed": query.filter(\.$closedAt != nil)
        default: break
        }
        if filter.unmatched { query.filter(\.$ciId == nil) }
        if let ci = filter.ciId { query.filter(\.$ciId == ci) }
        if let incident = filter.incidentId { query.filter(\.$incidentId == incident) }
        if let severity = filter.severity { query.filter(\.$severity == severity) }
        if let source = filter.source { query.filter(\.$source == source) }
        if let text = filter.text?.trimmingCharacters(in: .whitespaces).nilIfEmpty {
            query.group(.or) { group in
                group.filter(\.$summary, .custom("LIKE"), "%" + text + "%")
                group.filter(\.$check, .custom("LIKE"), "%" + text + "%")
                group.filter(\.$host, .custom("LIKE"), "%" + text + "%")
            }
        }
        let total = try await query.count()
        let models = try await query.sort(\.$lastSeen, .descending).range(((filter.page - 1) * filter.perPage)..<(filter.page * filter.perPage)).all()
        return (try await rows(models, on: db), total)
    }

    public static func rows(_ models: [AlertModel], on db: any Database) async throws -> [Row] {
        let ciIds = Array(Set(models.compactMap(\.ciId)))
        var names: [UUID: String] = [:]
        if !ciIds.isEmpty {
            for ci in try await CIModel.query(on: db).filter(\.$id ~~ ciIds).field(\.$id).field(\.$name).all() { names[ci.id!] = ci.name }
        }
        let incidentIds = Array(Set(models.compactMap(\.incidentId)))
        var numbers: [UUID: String] = [:]
        if !incidentIds.isEmpty {
            for incident in try await IncidentModel.query(on: db).filter(\.$id ~~ incidentIds).field(\.$id).field(\.$number).all() {
                numbers[incident.id!] = incident.number
            }
        }
        return models.map { alert in
            Row(id: alert.id?.uuidString ?? "", source: alert.source, ciId: alert.ciId?.uuidString, ciName: alert.ciId.flatMap { names[$0] },
                host: alert.host, check: alert.check, severity: alert.severity, summary: alert.summary, status: alert.status,
                count: alert.count, firstSeen: alert.firstSeen, lastSeen: alert.lastSeen, recoveredAt: alert.recoveredAt,
                inMaintenance: alert.inMaintenance, silenced: alert.silenced, incidentId: alert.incidentId?.uuidString,
                incidentNumber: alert.incidentId.flatMap { numbers[$0] }, ownIncident: alert.ownIncident, rootId: alert.rootId?.uuidString,
                flapping: alert.flapping, acknowledgedAt: alert.acknowledgedAt, acknowledgedBy: alert.acknowledgedBy,
                closedAt: alert.closedAt, labels: alert.labels)
        }
    }

    /// The alerts behind an incident: the one that opened it first, then those attached to it.
    public static func of(incident id: UUID, on db: any Database) async throws -> [Row] {
        let models = try await AlertModel.query(on: db).filter(\.$incidentId == id).sort(\.$firstSeen).limit(1000).all()
        return try await rows(models.sorted { ($0.ownIncident ? 0 : 1, $0.firstSeen) < ($1.ownIncident ? 0 : 1, $1.firstSeen) }, on: db)
    }

    /// Acknowledged by a person: noted and audited; an alert already recovered or closed stays so.
    public static func acknowledge(_ id: UUID, by actor: Actor, in ctx: ServiceContext) async throws -> Row {
        let now = ctx.now()
        return try await ctx.audited(actor, action: AuditAction.alertAcknowledge.rawValue, objectType: "monitor_alert") { tx in
            guard let alert = try await AlertModel.find(id, on: tx) else { throw AppError.notFound }
            guard alert.acknowledgedAt == nil else { throw AppError.conflict(.monAlreadyAcknowledged) }
            alert.acknowledgedAt = now
            alert.acknowledgedBy = actor.name
            try await alert.save(on: tx)
            let row = try await rows([alert], on: tx)[0]
            return (row, id.uuidString, nil, AuditDraft.snapshot(["acknowledgedBy": actor.name, "check": alert.check]))
        }
    }

    /// Maps an unmatched alert to a CI, and with it every later event from its host (or, without
    /// a host, with its first label): a mapping is kept, open unmatched alerts from the same host
    /// are matched too, and the pipeline places them on its next round.
    public static func map(_ id: UUID, to ciRef: String, by actor: Actor, in ctx: ServiceContext) async throws -> Row {
        let now = ctx.now()
        // The pipeline's CI directory holds the mappings (`CIDirectoryCache`).
        defer { ctx.didCommit("monitor_mapping") }
        return try await ctx.audited(actor, action: AuditAction.alertMap.rawValue, objectType: "monitor_alert") { tx in
            guard let alert = try await AlertModel.find(id, on: tx) else { throw AppError.notFound }
            guard alert.ciId == nil else { throw AppError.conflict(.monAlreadyMatched) }
            guard let ciId = try await Changes.resolveCIs([ciRef], on: tx).first else { throw AppError.notFound }
            let mapping = EventMappingModel()
            if let host = alert.host.map(CIDirectory.hostPart)?.lowercased(), !host.isEmpty {
                mapping.kind = "host"
                mapping.key = ""
                mapping.value = host
            } else if let label = alert.labels.sorted(by: { $0.key < $1.key }).first(where: { $0.key != "alertname" && $0.key != "severity" }) {
                mapping.kind = "label"
                mapping.key = label.key
                mapping.value = label.value
            } else {
                throw AppError.conflict(.monNothingToMap)
            }
            mapping.ciId = ciId
            mapping.createdByName = actor.name
            mapping.createdAt = now
            if let existing = try await EventMappingModel.query(on: tx).filter(\.$kind == mapping.kind).filter(\.$key == mapping.key)
                .filter(\.$value == mapping.value).first() {
                existing.ciId = ciId
                try await existing.save(on: tx)
            } else {
                try await mapping.create(on: tx)
            }
            let siblings = try await AlertModel.query(on: tx).filter(\.$closedAt == nil).filter(\.$ciId == nil).all()
                .filter { $0.id == id || (mapping.kind == "host" && $0.host.map(CIDirectory.hostPart)?.lowercased() == mapping.value)
                    || (mapping.kind == "label" && $0.labels[mapping.key] == mapping.value) }
            for sibling in siblings {
                sibling.ciId = ciId
                sibling.holdUntil = now
                sibling.inMaintenance = try await Maintenance.isInMaintenance(ciId, at: sibling.firstSeen, on: tx)
                try await sibling.save(on: tx)
            }
            let row = try await rows([alert], on: tx)[0]
            return (row, id.uuidString, nil, AuditDraft.snapshot(["ci": ciId.uuidString, mapping.kind: mapping.value, "matched": "\(siblings.count)"]))
        }
    }

    /// How many alerts are open per state, for the console's header.
    public static func counts(on db: any Database) async throws -> (firing: Int, unmatched: Int, maintenance: Int) {
        let firing = try await AlertModel.query(on: db).filter(\.$closedAt == nil).filter(\.$status == "firing").count()
        let unmatched = try await AlertModel.query(on: db).filter(\.$closedAt == nil).filter(\.$ciId == nil).count()
        let held = try await AlertModel.query(on: db).filter(\.$closedAt == nil).filter(\.$inMaintenance == true).count()
        return (firing, unmatched, held)
    }

    /// Removes applied raw events older than `before`, a few thousand a transaction, so intake
    /// waits for the write lock only briefly at a time. Answers how many went.
    public static func prune(before: Date, in ctx: ServiceContext, chunk: Int = 5000) async throws -> Int {
        var removed = 0
        while true {
            let ids = try await EventRecordModel.query(on: ctx.db).filter(\.$processed == true).filter(\.$receivedAt < before)
                .field(\.$id).limit(chunk).all().compactMap(\.id)
            guard !ids.isEmpty else { return removed }
            try await ctx.writer.write(on: ctx.db) { tx in
                try await EventRecordModel.query(on: tx).filter(\.$id ~~ ids).delete()
            }
            removed += ids.count
            if ids.count < chunk { return removed }
        }
    }

    /// Removes probe results older than `before`, a chunk a transaction.
    public static func pruneProbeResults(before: Date, in ctx: ServiceContext, chunk: Int = 5000) async throws -> Int {
        var removed = 0
        while true {
            let ids = try await ProbeResultModel.query(on: ctx.db).filter(\.$at < before).field(\.$id).limit(chunk).all().compactMap(\.id)
            guard !ids.isEmpty else { return removed }
            try await ctx.writer.write(on: ctx.db) { tx in try await ProbeResultModel.query(on: tx).filter(\.$id ~~ ids).delete() }
            removed += ids.count
            if ids.count < chunk { return removed }
        }
    }
}
