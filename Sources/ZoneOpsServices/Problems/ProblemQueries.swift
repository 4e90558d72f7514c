import FluentKit
import Foundation
import SQLKit
import ZoneOpsDomain
import ZoneOpsStore

/// Reads of problems as plain values: the list, one problem, the known errors that match an
/// incident, the problems of an incident, and the recurrence view.
public enum ProblemQueries {
    public struct Row: Sendable, Equatable {
        public var id: UUID
        public var number: String
        public var title: String
        public var status: ProblemStatus
        public var isKnownError: Bool
        public var workaround: String
        public var incidentCount: Int
        public var updatedAt: Date
    }

    public struct Filter: Sendable, Equatable {
        public var q: String?
        public var status: ProblemStatus?
        public var knownErrors: Bool
        public var page: Int
        public static let perPage = 50

        public init(q: String? = nil, status: ProblemStatus? = nil, knownErrors: Bool = false, page: Int = 1) {
            self.q = q
            self.status = status
            self.knownErrors = knownErrors
            self.page = page
        }
    }

    public struct Detail: Sendable {
        public var row: Row
        public var model: ProblemModel
        public var incidents: [IncidentQueries.Row]
        public var cis: [(id: UUID, name: String, state: String)]
        public var categoryName: String?
        public var entries: [(kind: String, body: String, actorName: String, at: Date)]
        public var closingChange: (id: UUID, number: String)?
    }

    public static func list(_ filter: Filter, on db: any Database) async throws -> (rows: [Row], total: Int) {
        let query = ProblemModel.query(on: db)
        if let status = filter.status { query.filter(\.$status == status.rawValue) }
        if filter.knownErrors { query.filter(\.$isKnownError == true) }
        if let q = filter.q?.trimmingCharacters(in: .whitespaces).lowercased(), !q.isEmpty {
            let pattern = "%" + q.replacingOccurrences(of: "\\", with: "").replacingOccurrences(of: "%", with: "").replacingOccurrences(of: "_", with: "") + "%"
            query.filter(\.$searchText, .custom("LIKE"), pattern)
        }
        let total = try await query.count()
        let models = try await query.sort(\.$updatedAt, .descending).sort(\.$number, .descending)
            .range((filter.page - 1) * Filter.perPage..<filter.page * Filter.perPage).all()
        return (try await rows(models, on: db), total)
    }

    static func rows(_ models: [ProblemModel], on db: any Database) async throws -> [Row] {
        let links = models.isEmpty ? [] : try await ProblemIncidentModel.query(on: db).filter(\.$problemId ~~ models.compactMap(\.id)).all()
        return models.map { model in
            Row(id: model.id ?? UUID(), number: model.number, title: model.title, status: ProblemStatus(rawValue: model.status) ?? .open,
                isKnownError: model.isKnownError, workaround: model.workaround,
                incidentCount: links.filter { $0.problemId == model.id }.count, updatedAt: model.updatedAt)
        }
    }

    public static func detail(_ idText: String?, now: Date, on db: any Database) async throws -> Detail {
        guard let id = idText.flatMap(UUID.init(uuidString:)), let model = try await ProblemModel.find(id, on: db) else { throw AppError.notFound }
        let incidentIds = try await ProblemIncidentModel.query(on: db).filter(\.$problemId == id).sort(\.$linkedAt).all().map(\.incidentId)
        let models = incidentIds.isEmpty ? [] : try await IncidentModel.query(on: db).filter(\.$id ~~ incidentIds).sort(\.$createdAt).all()
        let incidents = try await IncidentQueries.rows(models, on: db)
        let ciIds = try await ProblemCIModel.query(on: db).filter(\.$problemId == id).all().map(\.ciId)
        let summaries = try await Impact.summaries(of: ciIds.map(\.uuidString), on: db)
        let category = try await model.categoryId.asyncMap { try await IncidentCategoryModel.find($0, on: db) }
        let entries = try await ProblemEntryModel.query(on: db).filter(\.$problemId == id).sort(\.$position).all()
        let change = try await model.closingChangeId.asyncMap { try await ChangeModel.find($0, on: db) }
        return Detail(row: try await rows([model], on: db)[0], model: model, incidents: incidents,
                      cis: ciIds.compactMap { ci in summaries[ci.uuidString].map { (ci, $0.name, $0.state) } }.sorted { $0.name < $1.name },
                      categoryName: category??.nameZh,
                      entries: entries.map { ($0.kind, $0.body, $0.actorName, $0.at) },
                      closingChange: (change ?? nil).flatMap { change in change.id.map { ($0, change.number) } })
    }

    /// The problems an incident is linked to.
    public static func of(incident: UUID, on db: any Database) async throws -> [Row] {
        let ids = try await ProblemIncidentModel.query(on: db).filter(\.$incidentId == incident).all().map(\.problemId)
        guard !ids.isEmpty else { return [] }
        return try await rows(try await ProblemModel.query(on: db).filter(\.$id ~~ ids).sort(\.$number).all(), on: db)
    }

    /// Open known errors that match an incident: on one of its CIs, in its category, or sharing
    /// words with its title and description; best matches first (CI, then category, then words).
    public static func suggestions(ciIds: [UUID], categoryId: UUID?, text: String, excluding linked: Set<UUID> = [], limit: Int = 5,
                                   on db: any Database) async throws -> [Row] {
        let known = try await ProblemModel.query(on: db).filter(\.$status == ProblemStatus.open.rawValue)
            .filter(\.$isKnownError == true).sort(\.$updatedAt, .descending).limit(500).all()
        guard !known.isEmpty else { return [] }
        let onCIs = ciIds.isEmpty ? Set<UUID>() : Set(try await ProblemCIModel.query(on: db).filter(\.$ciId ~~ ciIds).all().map(\.problemId))
        let words = MatchWords.of(text)
        var scored: [(score: Int, model: ProblemModel)] = []
        for model in known {
            guard let id = model.id, !linked.contains(id) else { continue }
            var score = 0
            if onCIs.contains(id) { score += 100 }
            if let categoryId, model.categoryId == categoryId { score += 50 }
            let hits = words.filter { model.searchText.contains($0) }.count
            if hits >= 2 || (hits >= 1 && words.count <= 2) { score += hits }
            if score > 0 { scored.append((score, model)) }
        }
        let best = scored.sorted { $0.score > $1.score }.prefix(limit).map(\.model)
        return try await rows(Array(best), on: db)
    }

    public struct Recurrence: Sendable, Equatable {
        public enum Kind: String, Sendable { case ci, category }
        public var kind: Kind
        public var id: UUID
        public var name: String
        public var count: Int
        /// The incidents, newest first (their ids), to raise a problem from.
        public var incidents: [UUID]
        public var numbers: [String]
        /// An open problem already covers them.
        public var problemNumber: String?
    }

    /// CIs and categories with at least `rule.minimum` incidents in the last `rule.days` days.
    public static func recurrence(_ rule: RecurrenceRule, now: Date, on db: any Database) async throws -> [Recurrence] {
        let since = now.addingTimeInterval(-Double(rule.days) * 86_400)
        let incidents = try await IncidentModel.query(on: db).filter(\.$createdAt >= since).sort(\.$createdAt, .descending).limit(20_000).all()
        guard !incidents.isEmpty else { return [] }
        let byId = Dictionary(uniqueKeysWithValues: incidents.compactMap { incident in incident.id.map { ($0, incident) } })
        var results: [Recurrence] = []
        let links = try await IncidentCIModel.query(on: db).filter(\.$incident.$id ~~ Array(byId.keys)).all()
        let perCI = Dictionary(grouping: links, by: { $0.ciId }).mapValues { $0.map { $0.$incident.id } }
        let ciNames = try await Impact.summaries(of: perCI.filter { $0.value.count >= rule.minimum }.keys.map(\.uuidString), on: db)
        for (ci, ids) in perCI where ids.count >= rule.minimum {
            let sorted = ids.compactMap { byId[$0] }.sorted { $0.createdAt > $1.createdAt }
            results.append(Recurrence(kind: .ci, id: ci, name: ciNames[ci.uuidString]?.name ?? ci.uuidString, count: sorted.count,
                                      incidents: sorted.compactMap(\.id), numbers: sorted.map(\.number), problemNumber: nil))
        }
        let perCategory = Dictionary(grouping: incidents.filter { $0.categoryId != nil }, by: { $0.categoryId! })
        let categories = try await IncidentCategoryModel.query(on: db).filter(\.$id ~~ Array(perCategory.keys)).all()
        for (category, list) in perCategory where list.count >= rule.minimum {
            results.append(Recurrence(kind: .category, id: category, name: categories.first { $0.id == category }?.nameZh ?? "", count: list.count,
                                      incidents: list.compactMap(\.id), numbers: list.map(\.number), problemNumber: nil))
        }
        // Mark those an open problem already covers (most of their incidents linked to it).
        let linkRows = try await ProblemIncidentModel.query(on: db).filter(\.$incidentId ~~ Array(byId.keys)).all()
        let open = Dictionary(uniqueKeysWithValues: try await ProblemModel.query(on: db).filter(\.$id ~~ Array(Set(linkRows.map(\.problemId))))
            .filter(\.$status == ProblemStatus.open.rawValue).all().compactMap { model in model.id.map { ($0, model.number) } })
        for index in results.indices {
            let ids = Set(results[index].incidents)
            let counts = Dictionary(grouping: linkRows.filter { ids.contains($0.incidentId) && open[$0.problemId] != nil }, by: \.problemId)
            if let (problem, rows) = counts.max(by: { $0.value.count < $1.value.count }), rows.count * 2 >= ids.count {
                results[index].problemNumber = open[problem]
            }
        }
        return results.sorted { ($0.count, $0.name) > ($1.count, $1.name) }
    }
}

/// The recurrence thresholds as settings.
public enum RecurrenceStore {
    public static let keys = (days: "problems.recurrence_days", minimum: "problems.recurrence_minimum")

    public static func load(on db: any Database) async throws -> RecurrenceRule {
        let rows = try await SettingModel.query(on: db).filter(\.$key ~~ [keys.days, keys.minimum]).all()
        var rule = RecurrenceRule.standard
        for row in rows {
            if row.key == keys.days, let days = Int(row.value), RecurrenceRule.daysRange.contains(days) { rule.days = days }
            if row.key == keys.minimum, let minimum = Int(row.value), RecurrenceRule.minimumRange.contains(minimum) { rule.minimum = minimum }
        }
        return rule
    }

    public static func save(_ rule: RecurrenceRule, by actor: Actor, in ctx: ServiceContext) async throws {
        guard RecurrenceRule.daysRange.contains(rule.days) else {
            throw AppError.outOfRange(field: "days", lower: RecurrenceRule.daysRange.lowerBound, upper: RecurrenceRule.daysRange.upperBound)
        }
        guard RecurrenceRule.minimumRange.contains(rule.minimum) else {
            throw AppError.outOfRange(field: "minimum", lower: RecurrenceRule.minimumRange.lowerBound, upper: RecurrenceRule.minimumRange.upperBound)
        }
        let before = try await load(on: ctx.db)
        try await ctx.audited(actor, action: AuditAction.recurrenceUpdate.rawValue, objectType: "problem_rule") { tx in
            for (key, value) in [(keys.days, String(rule.days)), (keys.minimum, String(rule.minimum))] {
                if let row = try await SettingModel.query(on: tx).filter(\.$key == key).first() {
                    row.value = value
                    try await row.save(on: tx)
                } else {
                    try await SettingModel(key: key, value: value).create(on: tx)
                }
            }
            return ((), nil, AuditDraft.snapshot(["days": before.days, "minimum": before.minimum]),
                    AuditDraft.snapshot(["days": rule.days, "minimum": rule.minimum]))
        }
    }
}
