import FluentKit
import Foundation
import ZoneOpsDomain
import ZoneOpsStore

/// How the zone's enterprises and customs reach the O&M service desk: set by an admin on
/// 系统管理 → 系统设置, shown on the enterprise workbench (and later on the portal and in mails).
public struct ServiceDeskContact: Sendable, Equatable, Codable {
    public var hotline: String
    public var hours: String
    public var email: String
    public var note: String

    public init(hotline: String = "", hours: String = "", email: String = "", note: String = "") {
        self.hotline = hotline
        self.hours = hours
        self.email = email
        self.note = note
    }

    public var isEmpty: Bool { hotline.isEmpty && email.isEmpty }

    static let keys = (hotline: "servicedesk.hotline", hours: "servicedesk.hours", email: "servicedesk.email",
                       note: "servicedesk.note")

    /// The stored contact; empty fields where nothing was set.
    public static func load(on db: any Database) async throws -> ServiceDeskContact {
        let rows = try await SettingModel.query(on: db).filter(\.$key ~~ [keys.hotline, keys.hours, keys.email, keys.note]).all()
        let values = Dictionary(rows.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
        return ServiceDeskContact(hotline: values[keys.hotline] ?? "", hours: values[keys.hours] ?? "",
                                  email: values[keys.email] ?? "", note: values[keys.note] ?? "")
    }

    /// Checks every field at once (trimmed): a phone number of digits, spaces, + - ( ) and
    /// extensions; an address with one @; short free text.
    public func validated() throws -> ServiceDeskContact {
        let trimmed = ServiceDeskContact(hotline: hotline.trimmingCharacters(in: .whitespacesAndNewlines),
                                         hours: hours.trimmingCharacters(in: .whitespacesAndNewlines),
                                         email: email.trimmingCharacters(in: .whitespacesAndNewlines),
                                         note: note.trimmingCharacters(in: .whitespacesAndNewlines))
        var problems: [FieldProblem] = []
        let phone = CharacterSet(charactersIn: "0123456789 +-()转#,")
        if trimmed.hotline.count > 40 || !trimmed.hotline.unicodeScalars.allSatisfy(phone.contains) {
            problems.append(FieldProblem(field: "hotline", text: .settingsHotlineInvalid))
        }
        let parts = trimmed.email.split(separator: "@", omittingEmptySubsequences: false)
        if !trimmed.email.isEmpty && (parts.count != 2 || parts[0].isEmpty || !parts[1].contains(".") || trimmed.email.count > 100
                                      || trimmed.email.contains(where: \.isWhitespace)) {
            problems.append(FieldProblem(field: "email", text: .settingsEmailInvalid))
        }
        if trimmed.hours.count > 60 { problems.append(FieldProblem(field: "hours", text: .settingsTextTooLong)) }
        if trimmed.note.count > 300 { problems.append(FieldProblem(field: "note", text: .settingsTextTooLong)) }
        guard problems.isEmpty else { throw AppError.invalidFields(problems) }
        return trimmed
    }

    /// Saves the contact as one audited change, before and after.
    public static func save(_ contact: ServiceDeskContact, by actor: Actor, in ctx: ServiceContext) async throws {
        let valid = try contact.validated()
        try await ctx.audited(actor, action: AuditAction.settingsUpdate.rawValue, objectType: "settings") { tx in
            let before = try await load(on: tx)
            for (key, value) in [(keys.hotline, valid.hotline), (keys.hours, valid.hours), (keys.email, valid.email),
                                 (keys.note, valid.note)] {
                if let row = try await SettingModel.query(on: tx).filter(\.$key == key).first() {
                    row.value = value
                    try await row.update(on: tx)
                } else {
                    try await SettingModel(key: key, value: value).create(on: tx)
                }
            }
            return ((), "servicedesk", AuditDraft.snapshot(before), AuditDraft.snapshot(valid))
        }
    }
}
