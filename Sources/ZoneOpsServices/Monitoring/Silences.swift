import FluentKit
import Foundation
import ZoneOpsDomain
import ZoneOpsStore

/// `notify`: events and incidents are recorded, notifications are not sent. `incident`: events
/// are recorded, no incident opens while it lasts (a still-firing alert opens when it ends).
public enum SilenceMode: String, Sendable, CaseIterable, Codable {
    case notify, incident
}

/// Silences on a CI, a check, or a check on a CI, each with an end and a reason (audited).
public enum Silences {
    public static let maxDays = 30

    public struct Item: Sendable, Equatable, Codable {
        public var id: String
        public var ciId: String?
        public var ciName: String?
        public var check: String?
        public var mode: String
        public var reason: String
        public var startsAt: Date
        public var endsAt: Date
        public var createdBy: String
    }

    /// The strongest silence covering the CI and check at `instant`, if any.
    static func mode(ci: UUID, check: String, at instant: Date, on db: any Database) async throws -> String? {
        let rows = try await SilenceModel.query(on: db).filter(\.$startsAt <= instant).filter(\.$endsAt > instant)
            .group(.or) { $0.filter(\.$ciId == ci).filter(\.$ciId == nil) }
            .group(.or) { $0.filter(\.$check == check).filter(\.$check == nil) }
            .all()
        if rows.contains(where: { $0.mode == SilenceMode.incident.rawValue }) { return SilenceMode.incident.rawValue }
        return rows.isEmpty ? nil : SilenceMode.notify.rawValue
    }

    public static func create(ci: String?, check: String?, mode: String, reason: String, hours: Double, by actor: Actor,
                              in ctx: ServiceContext) async throws -> Item {
        var problems: [FieldProblem] = []
        let check = check?.trimmingCharacters(in: .whitespaces).nilIfEmpty
        let ciRef = ci?.trimmingCharacters(in: .whitespaces).nilIfEmpty
        if check == nil && ciRef == nil { problems.append(.init(field: "ciId", text: .monSilenceScope)) }
        guard let mode = SilenceMode(rawValue: mode) else { throw AppError.invalid(field: "mode", .monSilenceMode) }
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        if reason.isEmpty { problems.append(.init(field: "reason", text: .monRequired)) }
        if reason.count > 500 || (check?.count ?? 0) > IncomingEvent.limits.check { problems.append(.init(field: "reason", text: .monTooLong)) }
        guard hours.isFinite, hours > 0, hours <= Double(maxDays * 24) else {
            throw AppError.outOfRange(field: "hours", lower: 1, upper: maxDays * 24)
        }
        if !problems.isEmpty { throw AppError.invalidFields(problems) }
        let now = ctx.now()
        return try await ctx.audited(actor, action: AuditAction.silenceCreate.rawValue, objectType: "monitor_silence") { tx in
            var ciId: UUID?
            if let ciRef { ciId = try await Changes.resolveCIs([ciRef], on: tx).first }
            let silence = SilenceModel()
            silence.ciId = ciId
            silence.check = check
            silence.mode = mode.rawValue
            silence.reason = reason
            silence.startsAt = now
            silence.endsAt = now.addingTimeInterval(hours * 3600)
            silence.createdByName = actor.name
            silence.createdAt = now
            try await silence.create(on: tx)
            let item = try await item(silence, on: tx)
            return (item, item.id, nil, AuditDraft.snapshot(item))
        }
    }

    /// Ends a silence now.
    public static func end(_ id: UUID, by actor: Actor, in ctx: ServiceContext) async throws {
        let now = ctx.now()
        try await ctx.audited(actor, action: AuditAction.silenceEnd.rawValue, objectType: "monitor_silence") { tx in
            guard let silence = try await SilenceModel.find(id, on: tx) else { throw AppError.notFound }
            guard silence.endsAt > now else { throw AppError.conflict(.monSilenceOver) }
            let before = AuditDraft.snapshot(try await item(silence, on: tx))
            silence.endsAt = max(silence.startsAt, now)
            try await silence.save(on: tx)
            return ((), id.uuidString, before, AuditDraft.snapshot(try await item(silence, on: tx)))
        }
    }

    /// Silences in force at `now`, ending soonest first.
    public static func active(now: Date, on db: any Database) async throws -> [Item] {
        var items: [Item] = []
        for silence in try await SilenceModel.query(on: db).filter(\.$endsAt > now).sort(\.$endsAt).limit(500).all() {
            items.append(try await item(silence, on: db))
        }
        return items
    }

    static func item(_ silence: SilenceModel, on db: any Database) async throws -> Item {
        let ciName = try await silence.ciId.asyncMap { try await CIModel.find($0, on: db)?.name } ?? nil
        return Item(id: try silence.requireID().uuidString, ciId: silence.ciId?.uuidString, ciName: ciName, check: silence.check,
                    mode: silence.mode, reason: silence.reason, startsAt: silence.startsAt, endsAt: silence.endsAt,
                    createdBy: silence.createdByName)
    }
}
