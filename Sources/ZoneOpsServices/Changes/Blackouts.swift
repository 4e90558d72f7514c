import FluentKit
import Foundation
import ZoneOpsDomain
import ZoneOpsStore

/// Blackout periods (封网期) the zone administration declares: changes may still be raised in
/// them, but every one is warned about wherever it is shown, and approvers see it.
public enum Blackouts {
    public static func create(title: String, start: Date?, end: Date?, by actor: Actor, in ctx: ServiceContext) async throws -> UUID {
        let title = title.trimmingCharacters(in: .whitespacesAndNewlines)
        var problems: [FieldProblem] = []
        if title.isEmpty || title.count > 200 { problems.append(FieldProblem(field: "title", text: .incidentTitleRequired)) }
        if start == nil { problems.append(FieldProblem(field: "start", text: .chgWindowRequired)) }
        if end == nil { problems.append(FieldProblem(field: "end", text: .chgWindowRequired)) }
        if let start, let end {
            if end <= start { problems.append(FieldProblem(field: "end", text: .chgEndBeforeStart)) }
            if end.timeIntervalSince(start) > 366 * 86_400 { problems.append(FieldProblem(field: "end", text: .chgWindowTooLong)) }
        }
        guard problems.isEmpty, let start, let end else { throw AppError.invalidFields(problems) }
        let now = ctx.now()
        return try await ctx.audited(actor, action: AuditAction.blackoutCreate.rawValue, objectType: "change_blackout") { tx in
            let row = BlackoutModel()
            row.title = title
            row.startsAt = start
            row.endsAt = end
            row.createdByName = try await Changes.displayName(of: actor, on: tx)
            row.createdAt = now
            try await row.create(on: tx)
            let id = try row.requireID()
            return (id, id.uuidString, nil, AuditDraft.snapshot(["title": title, "start": start.description, "end": end.description]))
        }
    }

    public static func delete(_ id: UUID, by actor: Actor, in ctx: ServiceContext) async throws {
        try await ctx.audited(actor, action: AuditAction.blackoutDelete.rawValue, objectType: "change_blackout") { tx in
            guard let row = try await BlackoutModel.find(id, on: tx) else { throw AppError.notFound }
            let before = AuditDraft.snapshot(["title": row.title, "start": row.startsAt.description, "end": row.endsAt.description])
            try await row.delete(on: tx)
            return ((), id.uuidString, before, nil)
        }
    }
}
