import FluentKit
import Foundation
import ZoneOpsDomain
import ZoneOpsStore

/// The hotline desk (热线台): every call is logged, answered on the spot, turned into an
/// incident, or missed and kept as a callback task until someone calls back. The answer rate
/// (answered calls / all calls) comes from these rows.
public enum Hotline {
    public enum Result: String, Sendable, CaseIterable {
        /// Answered and settled on the spot.
        case answered
        /// Answered and turned into an incident.
        case incident
        /// Missed or unanswered: a callback task until it is called back.
        case missed
    }

    public struct Call: Sendable {
        public var callerName: String
        public var phone: String
        public var organizationId: UUID?
        public var organizationName: String?
        public var summary: String
        public var result: Result

        public init(callerName: String, phone: String, organizationId: UUID? = nil, organizationName: String? = nil,
                    summary: String, result: Result) {
            self.callerName = callerName
            self.phone = phone
            self.organizationId = organizationId
            self.organizationName = organizationName
            self.summary = summary
            self.result = result
        }
    }

    public struct CallRow: Sendable, Equatable {
        public var id: UUID
        public var at: Date
        public var callerName: String
        public var phone: String
        public var organizationName: String?
        public var summary: String
        public var result: Result
        public var handledBy: String
        public var incidentId: UUID?
        public var outsideHours: Bool
        public var callbackDoneAt: Date?
        public var callbackNote: String?
    }

    /// Logs a call; with `.incident` it also creates the incident (responded at creation, since
    /// the caller is on the line), both in one transaction.
    public static func log(_ call: Call, impact: Int = 3, urgency: Int = 3, by actor: Actor,
                           in ctx: ServiceContext) async throws -> (call: UUID, incident: IncidentModel?) {
        let phone = call.phone.trimmingCharacters(in: .whitespaces)
        let summary = call.summary.trimmingCharacters(in: .whitespacesAndNewlines)
        let caller = call.callerName.trimmingCharacters(in: .whitespacesAndNewlines)
        var problems: [FieldProblem] = []
        let digits = CharacterSet(charactersIn: "0123456789 +-()转#")
        if phone.isEmpty || phone.count > 40 || !phone.unicodeScalars.allSatisfy(digits.contains) {
            problems.append(FieldProblem(field: "phone", text: .settingsHotlineInvalid))
        }
        if call.result != .missed && summary.isEmpty { problems.append(FieldProblem(field: "summary", text: .incidentTextRequired)) }
        if summary.count > 2000 { problems.append(FieldProblem(field: "summary", text: .incidentDescriptionTooLong)) }
        if caller.count > 60 { problems.append(FieldProblem(field: "callerName", text: .incidentRequesterRequired)) }
        guard problems.isEmpty else { throw AppError.invalidFields(problems) }
        var incident: IncidentModel?
        if call.result == .incident {
            incident = try await Incidents.create(NewIncident(
                title: String(summary.prefix(60)), description: summary, impact: impact, urgency: urgency, channel: .hotline,
                requesterName: caller.isEmpty ? phone : caller, requesterPhone: phone, organizationId: call.organizationId,
                respondedAtCreation: true), by: actor, in: ctx)
        }
        let now = ctx.now()
        let outside = !(try await ctx.levels.levels(on: ctx.db)).workingCalendar.isWorkingTime(now)
        let created = incident
        let id: UUID = try await ctx.audited(actor, action: AuditAction.hotlineCall.rawValue, objectType: "hotline_call") { tx in
            let row = HotlineCallModel()
            row.at = now
            row.callerName = caller
            row.phone = phone
            row.organizationId = call.organizationId
            row.organizationName = call.organizationName?.trimmingCharacters(in: .whitespaces).nilIfEmpty.map { String($0.prefix(100)) }
            row.summary = summary
            row.result = call.result.rawValue
            row.handledBy = actor.name
            row.incidentId = created?.id
            row.outsideHours = outside
            try await row.create(on: tx)
            return (try row.requireID(), row.id?.uuidString, nil,
                    AuditDraft.snapshot(CallSnapshot(phone: phone, result: call.result.rawValue, incident: created?.number)))
        }
        return (id, incident)
    }

    /// Marks a missed call as called back, with what came of it.
    public static func calledBack(_ id: UUID, note: String, by actor: Actor, in ctx: ServiceContext) async throws {
        let note = try Incidents.text(note, field: "note", required: true, limit: 1000)
        let now = ctx.now()
        try await ctx.audited(actor, action: AuditAction.hotlineCallback.rawValue, objectType: "hotline_call") { tx in
            guard let call = try await HotlineCallModel.find(id, on: tx) else { throw AppError.notFound }
            guard call.result == Result.missed.rawValue, call.callbackDoneAt == nil else {
                throw AppError.conflict(.incidentActionNotAllowed)
            }
            call.callbackDoneAt = now
            call.callbackNote = note
            try await call.save(on: tx)
            return ((), id.uuidString, nil, AuditDraft.snapshot(CallSnapshot(phone: call.phone, result: "called_back", incident: nil)))
        }
    }

    /// Calls since `since`, newest first; `openCallbacks` keeps only missed calls not yet called back.
    public static func calls(since: Date, openCallbacks: Bool = false, phone: String? = nil, limit: Int = 200,
                             on db: any Database) async throws -> [CallRow] {
        let query = HotlineCallModel.query(on: db).filter(\.$at >= since).sort(\.$at, .descending).limit(limit)
        if openCallbacks { query.filter(\.$result == Result.missed.rawValue).filter(\.$callbackDoneAt == nil) }
        if let phone { query.filter(\.$phone == phone) }
        return try await query.all().map { row in
            CallRow(id: try row.requireID(), at: row.at, callerName: row.callerName, phone: row.phone,
                    organizationName: row.organizationName, summary: row.summary, result: Result(rawValue: row.result) ?? .answered,
                    handledBy: row.handledBy, incidentId: row.incidentId, outsideHours: row.outsideHours,
                    callbackDoneAt: row.callbackDoneAt, callbackNote: row.callbackNote)
        }
    }

    /// The caller's earlier tickets, by phone number or name, for the desk while it types.
    public static func history(phone: String?, name: String?, on db: any Database) async throws -> [IncidentQueries.Row] {
        let phone = phone?.trimmingCharacters(in: .whitespaces).nilIfEmpty
        let name = name?.trimmingCharacters(in: .whitespaces).nilIfEmpty
        guard phone != nil || name != nil else { return [] }
        let models = try await IncidentModel.query(on: db).group(.or) { group in
            if let phone { group.filter(\.$requesterPhone == phone) }
            if let name { group.filter(\.$requesterName == name) }
        }.sort(\.$createdAt, .descending).limit(10).all()
        return try await IncidentQueries.rows(models, on: db)
    }

    /// Answered calls / all calls in the period (nil with no calls).
    public static func answerRate(from: Date, to: Date, on db: any Database) async throws -> Double? {
        let all = try await HotlineCallModel.query(on: db).filter(\.$at >= from).filter(\.$at < to).count()
        guard all > 0 else { return nil }
        let missed = try await HotlineCallModel.query(on: db).filter(\.$at >= from).filter(\.$at < to)
            .filter(\.$result == Result.missed.rawValue).count()
        return Double(all - missed) / Double(all)
    }
}

struct CallSnapshot: Encodable {
    var phone: String
    var result: String
    var incident: String?
}
