import FluentKit
import Foundation
import ZoneOpsDomain
import ZoneOpsStore

/// The facts of a major incident that its report (重大事件服务报告) needs, and its preventive
/// actions. The timeline is the incident's own work log.
public enum MajorIncidents {
    public struct Report: Sendable, Equatable {
        public var level: String
        public var detectedAt: Date?
        public var restoredAt: Date?
        public var impactSystems: String
        public var impactLanes: String
        public var impactCustoms: String
        public var vehiclesDelayed: Int?
        public var directCause: String
        public var underlyingCause: String
        public var emergencyFix: String
        public var permanentFix: String

        public init(level: String = "", detectedAt: Date? = nil, restoredAt: Date? = nil, impactSystems: String = "",
                    impactLanes: String = "", impactCustoms: String = "", vehiclesDelayed: Int? = nil, directCause: String = "",
                    underlyingCause: String = "", emergencyFix: String = "", permanentFix: String = "") {
            self.level = level
            self.detectedAt = detectedAt
            self.restoredAt = restoredAt
            self.impactSystems = impactSystems
            self.impactLanes = impactLanes
            self.impactCustoms = impactCustoms
            self.vehiclesDelayed = vehiclesDelayed
            self.directCause = directCause
            self.underlyingCause = underlyingCause
            self.emergencyFix = emergencyFix
            self.permanentFix = permanentFix
        }
    }

    public struct Action: Sendable, Equatable {
        public var id: UUID
        public var action: String
        public var owner: String
        public var due: CalendarDate
        public var doneAt: Date?
    }

    public static func report(incident id: UUID, on db: any Database) async throws -> (report: Report, actions: [Action]) {
        let row = try await MajorIncidentReportModel.query(on: db).filter(\.$incidentId == id).first()
        let report = row.map {
            Report(level: $0.level, detectedAt: $0.detectedAt, restoredAt: $0.restoredAt, impactSystems: $0.impactSystems,
                   impactLanes: $0.impactLanes, impactCustoms: $0.impactCustoms, vehiclesDelayed: $0.vehiclesDelayed,
                   directCause: $0.directCause, underlyingCause: $0.underlyingCause, emergencyFix: $0.emergencyFix,
                   permanentFix: $0.permanentFix)
        } ?? Report()
        let actions = try await PreventiveActionModel.query(on: db).filter(\.$incidentId == id).sort(\.$dueDate).all().compactMap { row in
            CalendarDate(parsing: row.dueDate).map { Action(id: row.id!, action: row.action, owner: row.owner, due: $0, doneAt: row.doneAt) }
        }
        return (report, actions)
    }

    /// Saves the report's facts (the incident must be a declared major one); a timeline line says so.
    public static func save(incident id: UUID, _ report: Report, by actor: Actor, in ctx: ServiceContext) async throws {
        var problems: [FieldProblem] = []
        let texts = [("level", report.level, 60), ("impactSystems", report.impactSystems, 1000), ("impactLanes", report.impactLanes, 1000),
                     ("impactCustoms", report.impactCustoms, 1000), ("directCause", report.directCause, 2000),
                     ("underlyingCause", report.underlyingCause, 2000), ("emergencyFix", report.emergencyFix, 2000),
                     ("permanentFix", report.permanentFix, 2000)]
        for (field, value, limit) in texts where value.count > limit {
            problems.append(FieldProblem(field: field, text: .incidentDescriptionTooLong))
        }
        if let vehicles = report.vehiclesDelayed, !(0...1_000_000).contains(vehicles) {
            problems.append(FieldProblem(field: "vehiclesDelayed", text: .majorNumberRange))
        }
        if let detected = report.detectedAt, let restored = report.restoredAt, restored < detected {
            problems.append(FieldProblem(field: "restoredAt", text: .slipTimeOrder))
        }
        guard problems.isEmpty else { throw AppError.invalidFields(problems) }
        let now = ctx.now()
        try await ctx.audited(actor, action: AuditAction.majorReportSave.rawValue, objectType: "incident") { tx in
            guard let incident = try await IncidentModel.find(id, on: tx) else { throw AppError.notFound }
            guard incident.isMajor else { throw AppError.conflict(.incidentNotMajor) }
            let row = try await MajorIncidentReportModel.query(on: tx).filter(\.$incidentId == id).first() ?? MajorIncidentReportModel()
            row.incidentId = id
            row.level = report.level.trimmingCharacters(in: .whitespacesAndNewlines)
            row.detectedAt = report.detectedAt
            row.restoredAt = report.restoredAt
            row.impactSystems = report.impactSystems.trimmingCharacters(in: .whitespacesAndNewlines)
            row.impactLanes = report.impactLanes.trimmingCharacters(in: .whitespacesAndNewlines)
            row.impactCustoms = report.impactCustoms.trimmingCharacters(in: .whitespacesAndNewlines)
            row.vehiclesDelayed = report.vehiclesDelayed
            row.directCause = report.directCause.trimmingCharacters(in: .whitespacesAndNewlines)
            row.underlyingCause = report.underlyingCause.trimmingCharacters(in: .whitespacesAndNewlines)
            row.emergencyFix = report.emergencyFix.trimmingCharacters(in: .whitespacesAndNewlines)
            row.permanentFix = report.permanentFix.trimmingCharacters(in: .whitespacesAndNewlines)
            row.updatedBy = actor.name
            row.updatedAt = now
            try await row.save(on: tx)
            try await IncidentEntryModel(incidentId: id, kind: EntryKind.timeline.rawValue, isPublic: false, body: "report",
                                         actorId: actor.userId.flatMap(UUID.init(uuidString:)), actorName: actor.name, at: now).create(on: tx)
            return ((), id.uuidString, nil, AuditDraft.snapshot(MajorReportSnapshot(level: row.level, directCause: row.directCause)))
        }
    }

    public static func addAction(incident id: UUID, action: String, owner: String, due: String, by actor: Actor,
                                 in ctx: ServiceContext) async throws {
        let action = action.trimmingCharacters(in: .whitespacesAndNewlines)
        let owner = owner.trimmingCharacters(in: .whitespacesAndNewlines)
        var problems: [FieldProblem] = []
        if !(1...500).contains(action.count) { problems.append(FieldProblem(field: "action", text: .incidentTextRequired)) }
        if !(1...60).contains(owner.count) { problems.append(FieldProblem(field: "owner", text: .incidentTextRequired)) }
        let day = CalendarDate(parsing: due)
        if day == nil { problems.append(FieldProblem(field: "due", text: .calendarBadDate)) }
        guard problems.isEmpty, let day else { throw AppError.invalidFields(problems) }
        let now = ctx.now()
        try await ctx.audited(actor, action: AuditAction.preventiveAction.rawValue, objectType: "incident") { tx in
            guard let incident = try await IncidentModel.find(id, on: tx) else { throw AppError.notFound }
            guard incident.isMajor else { throw AppError.conflict(.incidentNotMajor) }
            let row = PreventiveActionModel()
            row.incidentId = id
            row.action = action
            row.owner = owner
            row.dueDate = day.description
            row.createdAt = now
            try await row.create(on: tx)
            return ((), id.uuidString, nil, AuditDraft.snapshot(ActionSnapshot(action: action, owner: owner, due: day.description, done: false)))
        }
    }

    public static func completeAction(_ actionId: UUID, incident id: UUID, by actor: Actor, in ctx: ServiceContext) async throws {
        let now = ctx.now()
        try await ctx.audited(actor, action: AuditAction.preventiveAction.rawValue, objectType: "incident") { tx in
            guard let row = try await PreventiveActionModel.find(actionId, on: tx), row.incidentId == id else { throw AppError.notFound }
            guard row.doneAt == nil else { throw AppError.conflict(.incidentActionNotAllowed) }
            row.doneAt = now
            try await row.save(on: tx)
            return ((), id.uuidString, nil, AuditDraft.snapshot(ActionSnapshot(action: row.action, owner: row.owner, due: row.dueDate, done: true)))
        }
    }
}

struct MajorReportSnapshot: Encodable {
    var level: String
    var directCause: String
}

struct ActionSnapshot: Encodable {
    var action: String
    var owner: String
    var due: String
    var done: Bool
}
