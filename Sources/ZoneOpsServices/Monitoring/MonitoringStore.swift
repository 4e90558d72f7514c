import FluentKit
import Foundation
import ZoneOpsDomain
import ZoneOpsStore

/// The pipeline's settings, kept as one JSON setting.
public enum MonitoringStore {
    public static let key = "monitoring.settings"

    public static func load(on db: any Database) async throws -> MonitoringSettings {
        guard let row = try await SettingModel.query(on: db).filter(\.$key == key).first(),
              let stored = try? JSONDecoder().decode(MonitoringSettings.self, from: Data(row.value.utf8)),
              stored.outOfRange == nil else { return .standard }
        return stored
    }

    /// Saves (admin), checked and audited; open incidents are left as they are.
    public static func save(_ settings: MonitoringSettings, by actor: Actor, in ctx: ServiceContext) async throws {
        if let bad = settings.outOfRange { throw AppError.outOfRange(field: bad.field, lower: bad.lower, upper: bad.upper) }
        let before = try await load(on: ctx.db)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(settings), as: UTF8.self)
        let old = String(decoding: try encoder.encode(before), as: UTF8.self)
        try await ctx.audited(actor, action: AuditAction.settingsUpdate.rawValue, objectType: "monitoring_settings") { tx in
            if let row = try await SettingModel.query(on: tx).filter(\.$key == key).first() {
                row.value = json
                try await row.save(on: tx)
            } else {
                try await SettingModel(key: key, value: json).create(on: tx)
            }
            return ((), nil, old, json)
        }
    }
}
