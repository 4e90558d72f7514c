import FluentKit
import Foundation
import ZoneOpsDomain
import ZoneOpsStore

/// Problems (问题): raised from incidents or on their own, investigated, made known errors
/// with a root cause and a workaround, closed by a change or a recorded decision. Each step is
/// one audited transaction; reads live in `ProblemQueries`.
public enum Problems {
    public struct Draft: Sendable {
        public var title: String
        public var description: String
        /// Incident ids or numbers.
        public var incidents: [String]
        /// CI ids, asset tags or names.
        public var cis: [String]
        public var categoryKey: String?

        public init(title: String, description: String = "", incidents: [String] = [], cis: [String] = [], categoryKey: String? = nil) {
            self.title = title
            self.description = description
            self.incidents = incidents
            self.cis = cis
            self.categoryKey = categoryKey
        }

        /// Trimmed, or every problem at once.
        func validated() throws -> Draft {
            var copy = self
            copy.title = title.trimmingCharacters(in: .whitespacesAndNewlines)
            copy.description = description.trimmingCharacters(in: .whitespacesAndNewlines)
            copy.incidents = incidents.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            copy.cis = cis.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            copy.categoryKey = categoryKey?.trimmingCharacters(in: .whitespaces).nilIfEmpty
            var problems: [FieldProblem] = []
            if copy.title.isEmpty { problems.append(FieldProblem(field: "title", text: .incidentTitleRequired)) }
            if copy.title.count > 200 { problems.append(FieldProblem(field: "title", text: .incidentTitleTooLong)) }
            if copy.description.count > ChangeDraft.maxText { problems.append(FieldProblem(field: "description", text: .chgTextTooLong)) }
            if copy.incidents.count > Problems.maxLinks { problems.append(FieldProblem(field: "incidents", text: .prbTooManyLinks)) }
            if copy.cis.count > ChangeDraft.maxCIs { problems.append(FieldProblem(field: "ciIds", text: .chgTooManyCIs)) }
            guard problems.isEmpty else { throw AppError.invalidFields(problems) }
            return copy
        }
    }

    public static let maxLinks = 100

    public static func create(_ draft: Draft, by actor: Actor, in ctx: ServiceContext) async throws -> ProblemModel {
        let draft = try draft.validated()
        let now = ctx.now()
        return try await ctx.audited(actor, action: AuditAction.problemCreate.rawValue, objectType: "problem") { tx in
            let (problem, incidents) = try await insert(draft, by: actor, at: now, on: tx)
            return (problem, try problem.requireID().uuidString, nil, AuditDraft.snapshot(ProblemSnapshot(problem, incidents: incidents)))
        }
    }

    /// Inside a write: numbers the problem, links its incidents (their CIs and, when they share
    /// one, their category come along) and its CIs. Answers the problem and its incidents.
    static func insert(_ draft: Draft, by actor: Actor, at now: Date, on tx: any Database) async throws -> (ProblemModel, [UUID]) {
        let incidentIds = try await resolveIncidents(draft.incidents, on: tx)
        var ciIds = try await Changes.resolveCIs(draft.cis, on: tx)
        var categoryId: UUID?
        if let key = draft.categoryKey { categoryId = try await Incidents.category(key, on: tx)?.id }
        if !incidentIds.isEmpty {
            for link in try await IncidentCIModel.query(on: tx).filter(\.$incident.$id ~~ incidentIds).all() where !ciIds.contains(link.ciId) {
                ciIds.append(link.ciId)
            }
            if categoryId == nil {
                let categories = Set(try await IncidentModel.query(on: tx).filter(\.$id ~~ incidentIds).all().map(\.categoryId))
                if categories.count == 1 { categoryId = categories.first ?? nil }
            }
        }
        let year = CalendarDate.today(now).year
        let problem = ProblemModel()
        problem.title = draft.title
        problem.description = draft.description
        problem.status = ProblemStatus.open.rawValue
        problem.isKnownError = false
        problem.rootCause = ""
        problem.workaround = ""
        problem.categoryId = categoryId
        problem.createdBy = actor.userId.flatMap(UUID.init(uuidString:))
        problem.createdByName = try await Changes.displayName(of: actor, on: tx)
        problem.createdAt = now
        problem.updatedAt = now
        problem.number = ProblemNumber.format(year: year, sequence: try await Counters.next("PRB-\(year)", on: tx))
        problem.refreshSearchText()
        try await problem.create(on: tx)
        let id = try problem.requireID()
        for incident in incidentIds {
            try await ProblemIncidentModel(problemId: id, incidentId: incident, at: now).create(on: tx)
            try await noteOnIncident(incident, problem, actor, now, on: tx)
        }
        for ci in ciIds.prefix(ChangeDraft.maxCIs) { try await ProblemCIModel(problemId: id, ciId: ci).create(on: tx) }
        try await entry(id, .created, draft.title, actor, now, on: tx)
        return (problem, incidentIds)
    }

    /// Links an incident (by id or number) to the problem; the incident's log says so.
    public static func link(_ id: UUID, incident ref: String, by actor: Actor, in ctx: ServiceContext) async throws {
        let now = ctx.now()
        try await ctx.audited(actor, action: AuditAction.problemLink.rawValue, objectType: "problem") { tx in
            guard let problem = try await ProblemModel.find(id, on: tx) else { throw AppError.notFound }
            guard let incident = try await resolveIncidents([ref.trimmingCharacters(in: .whitespaces)], on: tx).first else { throw AppError.notFound }
            let existing = try await ProblemIncidentModel.query(on: tx).filter(\.$problemId == id).filter(\.$incidentId == incident).first()
            guard existing == nil else { throw AppError.conflict(.prbAlreadyLinked) }
            guard try await ProblemIncidentModel.query(on: tx).filter(\.$problemId == id).count() < maxLinks else {
                throw AppError.rule(code: "too_many_links", .prbTooManyLinks)
            }
            try await ProblemIncidentModel(problemId: id, incidentId: incident, at: now).create(on: tx)
            try await noteOnIncident(incident, problem, actor, now, on: tx)
            let number = try await IncidentModel.find(incident, on: tx)?.number ?? ref
            try await entry(id, .linked, number, actor, now, on: tx)
            problem.updatedAt = now
            try await problem.save(on: tx)
            return ((), id.uuidString, nil, AuditDraft.snapshot(["incident": incident.uuidString]))
        }
    }

    /// Records the investigation: a log line, and (when given) the root cause, the workaround
    /// and whether it is a known error. A known error needs both a root cause and a workaround.
    public static func investigate(_ id: UUID, note: String?, rootCause: String?, workaround: String?, knownError: Bool?,
                                   by actor: Actor, in ctx: ServiceContext) async throws -> ProblemModel {
        let note = note?.trimmingCharacters(in: .whitespacesAndNewlines)
        for (field, text) in [("note", note), ("rootCause", rootCause), ("workaround", workaround)] where (text?.count ?? 0) > ChangeDraft.maxText {
            throw AppError.invalid(field: field, .chgTextTooLong)
        }
        let now = ctx.now()
        return try await ctx.audited(actor, action: AuditAction.problemUpdate.rawValue, objectType: "problem") { tx in
            guard let problem = try await ProblemModel.find(id, on: tx) else { throw AppError.notFound }
            guard problem.status == ProblemStatus.open.rawValue else { throw AppError.conflict(.prbClosed) }
            let before = AuditDraft.snapshot(ProblemSnapshot(problem))
            if let rootCause { problem.rootCause = rootCause.trimmingCharacters(in: .whitespacesAndNewlines) }
            if let workaround { problem.workaround = workaround.trimmingCharacters(in: .whitespacesAndNewlines) }
            if let knownError {
                if knownError, problem.rootCause.isEmpty || problem.workaround.isEmpty {
                    throw AppError.invalid(field: problem.rootCause.isEmpty ? "rootCause" : "workaround", .prbKnownErrorNeeds)
                }
                if knownError != problem.isKnownError { try await entry(id, knownError ? .knownError : .notKnownError, "", actor, now, on: tx) }
                problem.isKnownError = knownError
            }
            if let note, !note.isEmpty { try await entry(id, .note, note, actor, now, on: tx) }
            if rootCause != nil || workaround != nil { try await entry(id, .analysis, "", actor, now, on: tx) }
            problem.updatedAt = now
            problem.refreshSearchText()
            try await problem.save(on: tx)
            return (problem, id.uuidString, before, AuditDraft.snapshot(ProblemSnapshot(problem)))
        }
    }

    /// Closes the problem by a change (its number or id) or by a recorded decision.
    public static func close(_ id: UUID, change ref: String?, decision: String?, by actor: Actor, in ctx: ServiceContext) async throws -> ProblemModel {
        let ref = ref?.trimmingCharacters(in: .whitespaces).nilIfEmpty
        let decision = decision?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfEmpty
        guard ref != nil || decision != nil else { throw AppError.invalid(field: "decision", .prbCloseNeeds) }
        if let decision, decision.count > 4000 { throw AppError.invalid(field: "decision", .chgTextTooLong) }
        let now = ctx.now()
        return try await ctx.audited(actor, action: AuditAction.problemClose.rawValue, objectType: "problem") { tx in
            guard let problem = try await ProblemModel.find(id, on: tx) else { throw AppError.notFound }
            guard problem.status == ProblemStatus.open.rawValue else { throw AppError.conflict(.prbClosed) }
            let before = AuditDraft.snapshot(ProblemSnapshot(problem))
            if let ref {
                let change = try await ChangeModel.query(on: tx).group(.or) { group in
                    group.filter(\.$number == ref.uppercased())
                    if let uuid = UUID(uuidString: ref) { group.filter(\.$id == uuid) }
                }.first()
                guard let change else { throw AppError.invalid(field: "change", .prbUnknownChange) }
                guard [.completed, .reviewed].contains(change.changeStatus) else { throw AppError.rule(code: "change_not_done", .prbChangeNotDone) }
                problem.closingChangeId = change.id
                try await entry(id, .closed, change.number, actor, now, on: tx)
            }
            problem.closingDecision = decision
            if ref == nil, let decision { try await entry(id, .closed, decision, actor, now, on: tx) }
            problem.status = ProblemStatus.closed.rawValue
            problem.closedAt = now
            problem.updatedAt = now
            try await problem.save(on: tx)
            return (problem, id.uuidString, before, AuditDraft.snapshot(ProblemSnapshot(problem)))
        }
    }

    /// Incidents by id or number (`INC-YYYY-NNNNNN`); an unknown one is a field error.
    static func resolveIncidents(_ refs: [String], on db: any Database) async throws -> [UUID] {
        var ids: [UUID] = []
        for ref in refs {
            let found = try await IncidentModel.query(on: db).group(.or) { group in
                group.filter(\.$number == ref.uppercased())
                if let id = UUID(uuidString: ref) { group.filter(\.$id == id) }
            }.first()
            guard let id = found?.id else { throw AppError.invalid(field: "incidents", .prbUnknownIncident) }
            if !ids.contains(id) { ids.append(id) }
        }
        return ids
    }

    /// The incident's own log names the problem (an internal line), so the desk sees it there.
    static func noteOnIncident(_ incident: UUID, _ problem: ProblemModel, _ actor: Actor, _ at: Date, on db: any Database) async throws {
        try await IncidentEntryModel(incidentId: incident, kind: ZoneOpsServices.EntryKind.problem.rawValue, isPublic: false, body: problem.number,
                                     actorId: actor.userId.flatMap(UUID.init(uuidString:)), actorName: actor.name, at: at).create(on: db)
    }

    static func entry(_ id: UUID, _ kind: EntryKind, _ body: String, _ actor: Actor, _ at: Date, on db: any Database) async throws {
        let last = try await ProblemEntryModel.query(on: db).filter(\.$problemId == id).max(\.$position) ?? 0
        try await ProblemEntryModel(problemId: id, position: last + 1, kind: kind.rawValue, body: body, actorName: actor.name, at: at).create(on: db)
    }

    public enum EntryKind: String, Sendable, CaseIterable {
        case created, linked, note, analysis, closed
        case knownError = "known_error"
        case notKnownError = "not_known_error"
    }
}

struct ProblemSnapshot: Encodable {
    var number: String
    var title: String
    var status: String
    var knownError: Bool
    var rootCause: String
    var workaround: String
    var closingChange: String?
    var closingDecision: String?
    var incidents: [String]?

    init(_ problem: ProblemModel, incidents: [UUID]? = nil) {
        number = problem.number
        title = problem.title
        status = problem.status
        knownError = problem.isKnownError
        rootCause = problem.rootCause
        workaround = problem.workaround
        closingChange = problem.closingChangeId?.uuidString
        closingDecision = problem.closingDecision
        self.incidents = incidents?.map(\.uuidString)
    }
}
