import FluentKit
import Foundation
import ZoneOpsDomain
import ZoneOpsStore

/// The change rules as settings: the notice period in days and the approving roles per type.
public enum ChangeRulesStore {
    public static let keys = (leadDays: "changes.lead_days", approvers: "changes.approvers")

    public static func load(on db: any Database) async throws -> ChangeRules {
        let rows = try await SettingModel.query(on: db).filter(\.$key ~~ [keys.leadDays, keys.approvers]).all()
        let values = Dictionary(rows.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
        var rules = ChangeRules.standard
        if let days = values[keys.leadDays].flatMap(Int.init), ChangeRules.leadDaysRange.contains(days) { rules.leadDays = days }
        if let json = values[keys.approvers],
           let stored = try? JSONDecoder().decode([String: [String]].self, from: Data(json.utf8)) {
            for (type, roles) in stored {
                guard let type = ChangeType(rawValue: type) else { continue }
                rules.approvers[type] = roles.compactMap(Role.init(rawValue:)).filter(Self.approverRoles.contains)
            }
        }
        return rules
    }

    /// Roles that may be named approvers (the policy lets only these approve at all).
    public static let approverRoles: [Role] = [.lead, .supervisor]

    /// Saves the rules (admin), audited with before and after.
    public static func save(_ rules: ChangeRules, by actor: Actor, in ctx: ServiceContext) async throws {
        guard ChangeRules.leadDaysRange.contains(rules.leadDays) else {
            throw AppError.outOfRange(field: "leadDays", lower: ChangeRules.leadDaysRange.lowerBound, upper: ChangeRules.leadDaysRange.upperBound)
        }
        for type in ChangeType.allCases where type != .standard && rules.approvers(of: type).isEmpty {
            throw AppError.invalid(field: "approvers", .chgApproversRequired)
        }
        let before = try await load(on: ctx.db)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let approvers = Dictionary(uniqueKeysWithValues: ChangeType.allCases.map { ($0.rawValue, rules.approvers(of: $0).map(\.rawValue)) })
        let json = String(decoding: try encoder.encode(approvers), as: UTF8.self)
        try await ctx.audited(actor, action: AuditAction.settingsUpdate.rawValue, objectType: "change_rules") { tx in
            for (key, value) in [(keys.leadDays, String(rules.leadDays)), (keys.approvers, json)] {
                if let row = try await SettingModel.query(on: tx).filter(\.$key == key).first() {
                    row.value = value
                    try await row.save(on: tx)
                } else {
                    try await SettingModel(key: key, value: value).create(on: tx)
                }
            }
            let old = Dictionary(uniqueKeysWithValues: ChangeType.allCases.map { ($0.rawValue, before.approvers(of: $0).map(\.rawValue)) })
            return ((), nil, AuditDraft.snapshot(RulesSnapshot(leadDays: before.leadDays, approvers: old)),
                    AuditDraft.snapshot(RulesSnapshot(leadDays: rules.leadDays, approvers: approvers)))
        }
    }

    struct RulesSnapshot: Encodable {
        var leadDays: Int
        var approvers: [String: [String]]
    }
}
