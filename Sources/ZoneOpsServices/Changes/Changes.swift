import FluentKit
import Foundation
import ZoneOpsDomain
import ZoneOpsStore

/// Changes (变更): raised as drafts, submitted under the notice rule, approved by the roles the
/// rules name (never by the one who raised them), booked on the calendar with maintenance
/// windows on their CIs, implemented, completed and reviewed. Each step is one audited
/// transaction with a snapshot before and after; reads live in `ChangeQueries`.
public enum Changes {
    /// Raises a change as a draft, numbered `CHG-YYYY-NNNNNN`.
    public static func create(_ draft: ChangeDraft, by actor: Actor, in ctx: ServiceContext) async throws -> ChangeModel {
        let now = ctx.now()
        let draft = try draft.validated(now: now)
        let year = CalendarDate.today(now).year
        return try await ctx.audited(actor, action: AuditAction.changeCreate.rawValue, objectType: "change") { tx in
            let template = try await checkTemplate(draft, on: tx)
            let ciIds = try await resolveCIs(draft.cis, on: tx)
            let change = ChangeModel()
            apply(draft, to: change)
            fill(change, from: template)
            change.status = ChangeStatus.draft.rawValue
            change.raisedBy = actor.userId.flatMap(UUID.init(uuidString:))
            change.raisedByName = try await displayName(of: actor, on: tx)
            change.createdAt = now
            change.updatedAt = now
            change.number = ChangeNumber.format(year: year, sequence: try await Counters.next("CHG-\(year)", on: tx))
            try await change.create(on: tx)
            let id = try change.requireID()
            for ciId in ciIds { try await ChangeCIModel(changeId: id, ciId: ciId).create(on: tx) }
            try await entry(id, .created, change.title, actor, now, on: tx)
            return (change, id.uuidString, nil, AuditDraft.snapshot(ChangeSnapshot(change, cis: ciIds)))
        }
    }

    /// Revises a draft or a rejected change (its raiser or a lead).
    public static func update(_ id: UUID, _ draft: ChangeDraft, by actor: Actor, subject: Subject, in ctx: ServiceContext) async throws -> ChangeModel {
        let now = ctx.now()
        let draft = try draft.validated(now: now)
        return try await ctx.audited(actor, action: AuditAction.changeUpdate.rawValue, objectType: "change") { tx in
            guard let change = try await ChangeModel.find(id, on: tx) else { throw AppError.notFound }
            guard [.draft, .rejected].contains(change.changeStatus) else { throw AppError.conflict(.chgNotEditable) }
            guard change.raisedBy?.uuidString == subject.userId || subject.role == .lead else { throw AppError.forbidden(.chgNotYours) }
            let before = AuditDraft.snapshot(ChangeSnapshot(change, cis: try await cis(of: id, on: tx)))
            let template = try await checkTemplate(draft, on: tx)
            let ciIds = try await resolveCIs(draft.cis, on: tx)
            apply(draft, to: change)
            fill(change, from: template)
            change.updatedAt = now
            try await change.save(on: tx)
            try await ChangeCIModel.query(on: tx).filter(\.$changeId == id).delete()
            for ciId in ciIds { try await ChangeCIModel(changeId: id, ciId: ciId).create(on: tx) }
            try await entry(id, .edited, "", actor, now, on: tx)
            return (change, id.uuidString, before, AuditDraft.snapshot(ChangeSnapshot(change, cis: ciIds)))
        }
    }

    /// Takes `action` on the change: checks who may, the status and the rules, then moves it,
    /// books or releases its maintenance windows and logs the step, all in one transaction.
    public static func perform(_ action: ChangeAction, on id: UUID, _ step: ChangeStep, by actor: Actor, subject: Subject,
                               in ctx: ServiceContext) async throws -> ChangeModel {
        let now = ctx.now()
        let rules = try await ChangeRulesStore.load(on: ctx.db)
        let change = try await ctx.audited(actor, action: AuditAction.change(action).rawValue, objectType: "change") { tx in
            guard let change = try await ChangeModel.find(id, on: tx) else { throw AppError.notFound }
            let before = AuditDraft.snapshot(ChangeSnapshot(change))
            try authorize(action, change, subject, rules)
            let type = change.changeType
            let result = action == .complete ? (step.result ?? .completed) : .completed
            guard var next = change.changeStatus.after(action, result: result) else { throw AppError.conflict(.chgActionNotAllowed) }
            var lines: [(EntryKind, String)] = []
            switch action {
            case .submit:
                if let missing = rules.leadTimeShortfall(type: type, plannedStart: change.plannedStart, submittedAt: now) {
                    throw AppError.ruleDetail(code: "lead_time", .chgLeadTime, [String(rules.leadDays), String(missing)])
                }
                guard change.plannedEnd > now else { throw AppError.invalid(field: "plannedStart", .chgWindowInPast) }
                change.submittedAt = now
                lines.append((.submitted, type == .emergency ? (change.emergencyReason ?? "") : ""))
                if rules.isPreApproved(type) {
                    // A standard change comes from a pre-approved template: submitting books it.
                    next = .approved
                    change.decidedAt = now
                    change.decidedByName = try await displayName(of: actor, on: tx)
                    lines.append((.approved, "pre-approved"))
                    try await Maintenance.book(change, on: tx)
                }
            case .approve:
                guard change.plannedEnd > now else { throw AppError.conflict(.chgWindowPassed) }
                change.decidedAt = now
                change.decidedByName = try await displayName(of: actor, on: tx)
                lines.append((.approved, step.comment ?? ""))
                try await Maintenance.book(change, on: tx)
            case .reject:
                guard let comment = step.comment, !comment.isEmpty else { throw AppError.invalid(field: "comment", .chgCommentRequired) }
                change.decidedAt = now
                change.decidedByName = try await displayName(of: actor, on: tx)
                lines.append((.rejected, comment))
            case .schedule:
                if let implementer = step.implementer {
                    guard let user = try await UserModel.find(implementer, on: tx), user.isActive,
                          [Role.lead, .engineer].contains(Role(rawValue: user.role)) else { throw AppError.invalid(field: "implementer", .chgUnknownImplementer) }
                    change.implementerId = implementer
                }
                lines.append((.scheduled, step.comment ?? ""))
            case .implement:
                change.actualStart = now
                lines.append((.implementing, step.comment ?? ""))
                try await Maintenance.open(change, at: now, on: tx)
            case .complete:
                change.actualEnd = now
                change.resultNote = step.comment
                if let document = step.document, !document.isEmpty { change.document = document }
                lines.append((.result, result.rawValue + ":" + (step.comment ?? "")))
                try await Maintenance.close(change, at: now, on: tx)
            case .review:
                // The contract asks for a maintenance document after major maintenance (§八.1.4).
                if let document = step.document, !document.isEmpty { change.document = document }
                if type == .major, change.document?.isEmpty ?? true, change.documentSHA == nil {
                    throw AppError.rule(code: "document_required", .chgDocumentRequired)
                }
                guard let comment = step.comment, !comment.isEmpty else { throw AppError.invalid(field: "comment", .chgCommentRequired) }
                change.reviewNote = comment
                lines.append((.reviewed, comment))
            }
            change.status = next.rawValue
            change.updatedAt = now
            try await change.save(on: tx)
            for (kind, body) in lines { try await entry(id, kind, body, actor, now, on: tx) }
            // An approval, a rejection or a review carries its comment into the audit log.
            let comment = [.approve, .reject, .review].contains(action) ? step.comment : nil
            return (change, id.uuidString, before, AuditDraft.snapshot(ChangeSnapshot(change, comment: comment)))
        }
        // The CIs go into (or out of) maintenance now, not at the job's next minute. The step is
        // committed already: if this fails, the caller must not think it did not happen (and
        // repeat it); the job every minute puts the states right.
        if action == .implement || action == .complete || action == .approve || action == .submit {
            _ = try? await Maintenance.syncStates(now: now, in: ctx)
        }
        return change
    }

    /// Adds a line to the implementation log (while the change is scheduled or implementing).
    public static func log(_ id: UUID, _ body: String, by actor: Actor, in ctx: ServiceContext) async throws {
        let body = body.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !body.isEmpty, body.count <= 4000 else { throw AppError.invalid(field: "body", .chgCommentRequired) }
        let now = ctx.now()
        try await ctx.audited(actor, action: AuditAction.changeLog.rawValue, objectType: "change") { tx in
            guard let change = try await ChangeModel.find(id, on: tx) else { throw AppError.notFound }
            guard !([.draft, .rejected, .reviewed] as [ChangeStatus]).contains(change.changeStatus) else {
                throw AppError.conflict(.chgActionNotAllowed)
            }
            try await entry(id, .note, body, actor, now, on: tx)
            return ((), id.uuidString, nil, nil)
        }
    }

    /// Stores an uploaded maintenance document (PDF, Word or an image), checked from its bytes.
    public static func attachDocument(_ id: UUID, data: Data, filename: String, by actor: Actor, files: FileStore,
                                      in ctx: ServiceContext) async throws {
        guard data.count <= Self.maxDocumentBytes else { throw AppError.tooLarge }
        guard let type = DocumentType.sniff(data) else { throw AppError.invalid(field: "file", .chgDocumentType) }
        let name = String(filename.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last ?? "").prefix(120)
        let now = ctx.now()
        try await ctx.audited(actor, action: AuditAction.changeDocument.rawValue, objectType: "change") { tx in
            guard let change = try await ChangeModel.find(id, on: tx) else { throw AppError.notFound }
            guard ChangeStatus.finished.contains(change.changeStatus), change.changeStatus != .reviewed else {
                throw AppError.conflict(.chgDocumentWhen)
            }
            let sha = try files.put(data)
            change.documentSHA = sha
            change.documentName = name.isEmpty ? "document" : String(name)
            change.documentType = type
            change.updatedAt = now
            try await change.save(on: tx)
            try await entry(id, .document, change.documentName ?? "", actor, now, on: tx)
            return ((), id.uuidString, nil, AuditDraft.snapshot(["document": change.documentName ?? "", "sha256": sha]))
        }
    }

    public static let maxDocumentBytes = 10 * 1024 * 1024

    /// Who may take each step. The matrix and the object rule (nobody approves their own
    /// change) are the policy's; which roles approve which type is the rules' data.
    static func authorize(_ action: ChangeAction, _ change: ChangeModel, _ subject: Subject, _ rules: ChangeRules) throws {
        let facts = ObjectFacts(createdBy: change.raisedBy?.uuidString)
        switch action {
        case .approve, .reject:
            if case .deny(let reason) = Policy.decide(subject, .approveChange, on: facts) { throw AppError.forbidden(reason) }
            guard rules.approvers(of: change.changeType).contains(subject.role) else { throw AppError.forbidden(.chgNotApprover) }
        case .review:
            if case .deny(let reason) = Policy.decide(subject, .approveChange) { throw AppError.forbidden(reason) }
        case .submit:
            if case .deny(let reason) = Policy.decide(subject, .raiseChange) { throw AppError.forbidden(reason) }
            guard change.raisedBy?.uuidString == subject.userId || subject.role == .lead else { throw AppError.forbidden(.chgNotYours) }
        case .schedule, .implement, .complete:
            if case .deny(let reason) = Policy.decide(subject, .raiseChange) { throw AppError.forbidden(reason) }
        }
    }

    /// A standard change is approved by submitting it, so it must come from a pre-approved
    /// template; anything else is raised as a normal change.
    /// What the template gives is filled into what the raiser left empty.
    static func checkTemplate(_ draft: ChangeDraft, on db: any Database) async throws -> ChangeTemplateModel? {
        guard draft.type == .standard else { return nil }
        guard let key = draft.templateKey, let id = UUID(uuidString: key), let template = try await ChangeTemplateModel.find(id, on: db) else {
            throw AppError.invalid(field: "templateId", .chgTemplateRequired)
        }
        return template
    }

    static func fill(_ change: ChangeModel, from template: ChangeTemplateModel?) {
        guard let template else { return }
        if change.plan.isEmpty { change.plan = template.plan }
        if change.rollbackPlan.isEmpty { change.rollbackPlan = template.rollbackPlan }
        if change.risk.isEmpty { change.risk = template.risk }
        if change.testEvidence.isEmpty { change.testEvidence = template.testEvidence }
    }

    /// Makes a completed or reviewed change a pre-approved template for standard changes (approvers).
    public static func makeTemplate(from id: UUID, name: String, by actor: Actor, in ctx: ServiceContext) async throws -> UUID {
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty, name.count <= 200 else { throw AppError.invalid(field: "name", .relNameRequired) }
        let now = ctx.now()
        return try await ctx.audited(actor, action: AuditAction.changeTemplate.rawValue, objectType: "change") { tx in
            guard let change = try await ChangeModel.find(id, on: tx) else { throw AppError.notFound }
            guard [.completed, .reviewed].contains(change.changeStatus) else { throw AppError.conflict(.chgTemplateWhen) }
            let template = ChangeTemplateModel()
            template.name = name
            template.plan = change.plan
            template.rollbackPlan = change.rollbackPlan
            template.risk = change.risk
            template.testEvidence = change.testEvidence
            template.sourceChangeId = id
            template.approvedByName = try await displayName(of: actor, on: tx)
            template.createdAt = now
            try await template.create(on: tx)
            let templateId = try template.requireID()
            return (templateId, id.uuidString, nil, AuditDraft.snapshot(["template": templateId.uuidString, "name": name]))
        }
    }

    public static func templates(on db: any Database) async throws -> [ChangeTemplateModel] {
        try await ChangeTemplateModel.query(on: db).sort(\.$name).limit(500).all()
    }

    /// CIs by id, asset tag or exact name (people write names on a change request); an unknown
    /// or ambiguous one is a field error naming it.
    public static func resolveCIs(_ refs: [String], on db: any Database) async throws -> [UUID] {
        var ids: [UUID] = []
        for ref in refs {
            let found = try await CIModel.query(on: db).group(.or) { group in
                group.filter(\.$assetTag == ref)
                group.filter(\.$name == ref)
                if let id = UUID(uuidString: ref) { group.filter(\.$id == id) }
            }.limit(3).all()
            let exact = found.filter { $0.id?.uuidString == ref.uppercased() || $0.assetTag == ref }
            let chosen = exact.count == 1 ? exact : found
            guard let first = chosen.first, let id = first.id else { throw AppError.invalid(field: "ciIds", .chgUnknownCI) }
            guard chosen.count == 1 else { throw AppError.invalid(field: "ciIds", .chgAmbiguousCI) }
            if !ids.contains(id) { ids.append(id) }
        }
        return ids
    }

    static func apply(_ draft: ChangeDraft, to change: ChangeModel) {
        change.title = draft.title
        change.type = draft.type.rawValue
        change.description = draft.description
        change.plan = draft.plan
        change.rollbackPlan = draft.rollbackPlan
        change.risk = draft.risk
        change.testEvidence = draft.testEvidence
        change.plannedStart = draft.plannedStart ?? Date()
        change.plannedEnd = draft.plannedEnd ?? Date()
        change.emergencyReason = draft.type == .emergency ? draft.emergencyReason : nil
        change.templateKey = draft.type == .standard ? draft.templateKey : nil
    }

    /// The name people know the actor by (their display name), for what a change shows.
    static func displayName(of actor: Actor, on db: any Database) async throws -> String {
        guard let id = actor.userId.flatMap(UUID.init(uuidString:)), let user = try await UserModel.find(id, on: db) else { return actor.name }
        return user.displayName
    }

    static func cis(of id: UUID, on db: any Database) async throws -> [UUID] {
        try await ChangeCIModel.query(on: db).filter(\.$changeId == id).all().map(\.ciId)
    }

    static func entry(_ id: UUID, _ kind: EntryKind, _ body: String, _ actor: Actor, _ at: Date, on db: any Database) async throws {
        let last = try await ChangeEntryModel.query(on: db).filter(\.$changeId == id).max(\.$position) ?? 0
        try await ChangeEntryModel(changeId: id, position: last + 1, kind: kind.rawValue, body: body,
                                   actorId: actor.userId.flatMap(UUID.init(uuidString:)), actorName: actor.name, at: at).create(on: db)
    }

    /// Kinds of lines in a change's history.
    public enum EntryKind: String, Sendable, CaseIterable {
        case created, edited, submitted, approved, rejected, scheduled, implementing, note, result, document, reviewed
        /// The incident and problem a failed change raised.
        case followUp = "follow_up"
    }
}

extension ChangeModel {
    public var changeStatus: ChangeStatus { ChangeStatus(rawValue: status) ?? .draft }
    public var changeType: ChangeType { ChangeType(rawValue: type) ?? .normal }
}

/// Maintenance documents accepted as uploads, recognised by their first bytes.
enum DocumentType {
    static func sniff(_ data: Data) -> String? {
        let head = [UInt8](data.prefix(8))
        if head.starts(with: [0x25, 0x50, 0x44, 0x46, 0x2D]) { return "application/pdf" }
        // .docx (a ZIP); the OOXML reader is not needed to accept it as a document.
        if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return "application/vnd.openxmlformats-officedocument.wordprocessingml.document" }
        if head.starts(with: [0x89, 0x50, 0x4E, 0x47]) { return "image/png" }
        if head.starts(with: [0xFF, 0xD8, 0xFF]) { return "image/jpeg" }
        return nil
    }
}

/// A change's audited state.
struct ChangeSnapshot: Encodable {
    var number: String
    var title: String
    var type: String
    var status: String
    var plannedStart: Date
    var plannedEnd: Date
    var emergencyReason: String?
    var implementer: String?
    var cis: [String]?
    /// The approver's or reviewer's comment, on the step that carried it.
    var comment: String?

    init(_ change: ChangeModel, cis: [UUID]? = nil, comment: String? = nil) {
        number = change.number
        title = change.title
        type = change.type
        status = change.status
        plannedStart = change.plannedStart
        plannedEnd = change.plannedEnd
        emergencyReason = change.emergencyReason
        implementer = change.implementerId?.uuidString
        self.cis = cis?.map(\.uuidString)
        self.comment = comment
    }
}

extension Changes {
    /// A failed or rolled-back change raises an incident on its CIs and a problem linked to
    /// that incident, in one step (one transaction), the change's history naming both.
    public static func followUp(_ id: UUID, by actor: Actor, in ctx: ServiceContext) async throws -> (incident: IncidentModel, problem: ProblemModel) {
        guard let change = try await ChangeModel.find(id, on: ctx.db) else { throw AppError.notFound }
        guard [.failed, .rolledBack].contains(change.changeStatus) else { throw AppError.conflict(.chgFollowUpWhen) }
        let title = Catalog.shared.format(.chgFollowUpTitle, .zh, change.number, change.title)
        let cis = try await cis(of: id, on: ctx.db).map(\.uuidString)
        let requester = try await displayName(of: actor, on: ctx.db)
        let prepared = try await Incidents.prepare(
            NewIncident(title: String(title.prefix(200)), description: [change.number, change.resultNote ?? ""].joined(separator: "\n"),
                        impact: 2, urgency: 2, channel: .api,
                        cis: Array(cis.prefix(20)), requesterId: actor.userId.flatMap(UUID.init(uuidString:)), requesterName: requester),
            by: actor, in: ctx)
        let chain = ctx.chain
        let now = ctx.now()
        return try await ctx.audited(actor, action: AuditAction.changeFollowUp.rawValue, objectType: "change") { tx in
            guard let change = try await ChangeModel.find(id, on: tx), [.failed, .rolledBack].contains(change.changeStatus) else {
                throw AppError.conflict(.chgFollowUpWhen)
            }
            let incidentCIs = try await Incidents.insert(prepared, by: actor, on: tx)
            let incident = prepared.incident
            try await AuditLog.append(AuditDraft(actorId: actor.userId, actorName: actor.name, address: actor.address,
                                                 action: AuditAction.incidentCreate.rawValue, objectType: "incident",
                                                 objectId: try incident.requireID().uuidString, before: nil,
                                                 after: AuditDraft.snapshot(IncidentSnapshot(incident, cis: incidentCIs))),
                                      at: now, on: tx, chain: chain)
            let (problem, incidents) = try await Problems.insert(
                Problems.Draft(title: String(title.prefix(200)), description: change.rollbackPlan, incidents: [incident.number], cis: cis),
                by: actor, at: now, on: tx)
            try await AuditLog.append(AuditDraft(actorId: actor.userId, actorName: actor.name, address: actor.address,
                                                 action: AuditAction.problemCreate.rawValue, objectType: "problem",
                                                 objectId: try problem.requireID().uuidString, before: nil,
                                                 after: AuditDraft.snapshot(ProblemSnapshot(problem, incidents: incidents))),
                                      at: now, on: tx, chain: chain)
            try await entry(id, .followUp, incident.number + " " + problem.number, actor, now, on: tx)
            return ((incident, problem), id.uuidString, nil, AuditDraft.snapshot(["incident": incident.number, "problem": problem.number]))
        }
    }
}
