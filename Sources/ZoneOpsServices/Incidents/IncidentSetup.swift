import FluentKit
import Foundation
import ZoneOpsDomain
import ZoneOpsStore

/// What admins shape about incidents: the category tree and the priority matrix.
public enum IncidentSetup {
    /// Adds a category under `parentKey` (or at the top); its key is derived, never typed.
    public static func addCategory(parentKey: String?, nameZh: String, nameEn: String, by actor: Actor,
                                   in ctx: ServiceContext) async throws {
        let zh = nameZh.trimmingCharacters(in: .whitespacesAndNewlines)
        let en = nameEn.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...30).contains(zh.count) else { throw AppError.invalid(field: "nameZh", .categoryNameRequired) }
        guard en.count <= 60 else { throw AppError.invalid(field: "nameEn", .incidentDescriptionTooLong) }
        try await ctx.audited(actor, action: AuditAction.categoryUpdate.rawValue, objectType: "incident_category") { tx in
            var parent: IncidentCategoryModel?
            if let parentKey = parentKey?.nilIfEmpty {
                parent = try await IncidentCategoryModel.query(on: tx).filter(\.$key == parentKey).first()
                guard parent != nil else { throw AppError.invalid(field: "parent", .incidentUnknownCategory) }
                guard parent?.parentId == nil else { throw AppError.invalid(field: "parent", .incidentUnknownCategory) }
            }
            let all = try await IncidentCategoryModel.query(on: tx).all()
            let key = (parent?.key ?? "custom") + "." + String(UUID().uuidString.prefix(8)).lowercased()
            // Top categories are 100 apart; children sit after their parent in that gap.
            let sort: Int
            if let parent {
                let children = all.filter { $0.parentId == parent.id }.map(\.sort)
                guard (children.max() ?? parent.sort) < parent.sort + 99 else { throw AppError.rule(code: "too_many_categories", .categoryNameRequired) }
                sort = (children.max() ?? parent.sort) + 1
            } else {
                sort = (all.filter { $0.parentId == nil }.map(\.sort).max() ?? -100) + 100
            }
            let row = IncidentCategoryModel(parentId: parent?.id, key: key, nameZh: zh, nameEn: en.isEmpty ? zh : String(en.prefix(60)),
                                            sort: sort)
            try await row.create(on: tx)
            return ((), key, nil, AuditDraft.snapshot(CategorySnapshot(key: key, zh: zh, en: row.nameEn)))
        }
    }

    public static func renameCategory(key: String, nameZh: String, nameEn: String, by actor: Actor, in ctx: ServiceContext) async throws {
        let zh = nameZh.trimmingCharacters(in: .whitespacesAndNewlines)
        let en = nameEn.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...30).contains(zh.count) else { throw AppError.invalid(field: "nameZh", .categoryNameRequired) }
        try await ctx.audited(actor, action: AuditAction.categoryUpdate.rawValue, objectType: "incident_category") { tx in
            guard let row = try await IncidentCategoryModel.query(on: tx).filter(\.$key == key).first() else { throw AppError.notFound }
            let before = AuditDraft.snapshot(CategorySnapshot(key: key, zh: row.nameZh, en: row.nameEn))
            row.nameZh = zh
            row.nameEn = en.isEmpty ? zh : String(en.prefix(60))
            try await row.save(on: tx)
            return ((), key, before, AuditDraft.snapshot(CategorySnapshot(key: key, zh: zh, en: row.nameEn)))
        }
    }

    /// Saves the nine cells; open incidents get the priorities' targets anew only when their own
    /// impact or urgency is next set (the matrix decides at creation and reprioritisation).
    public static func saveMatrix(_ matrix: PriorityMatrix, by actor: Actor, in ctx: ServiceContext) async throws {
        guard matrix.isComplete else { throw AppError.invalid(field: "matrix", .attrNotAChoice) }
        try await ctx.audited(actor, action: AuditAction.slaTargetUpdate.rawValue, objectType: "settings") { tx in
            let before = try await ctx.levels.levels(on: tx).matrix
            let value = String(decoding: try JSONEncoder().encode(matrix), as: UTF8.self)
            let key = ServiceLevels.keys.matrix
            if let row = try await SettingModel.query(on: tx).filter(\.$key == key).first() {
                row.value = value
                try await row.save(on: tx)
            } else {
                try await SettingModel(key: key, value: value).create(on: tx)
            }
            return ((), key, AuditDraft.snapshot(before.cells.map { $0.map(\.label) }), AuditDraft.snapshot(matrix.cells.map { $0.map(\.label) }))
        }
    }
}

struct CategorySnapshot: Encodable {
    var key: String
    var zh: String
    var en: String
}
