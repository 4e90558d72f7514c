import Plot
import Vapor
import ZoneOpsDomain
import ZoneOpsStore

/// The audit log, newest first, with the state of the hash chain on top.
struct AuditPage {
    var entries: [AuditEntryModel]
    var verification: AuditLog.Verification?
    var page: Int
    var hasMore: Bool

    func body(_ request: Request) -> Node<HTML.BodyContext> {
        let status: Node<HTML.BodyContext> = switch verification?.firstBreak {
        case nil where verification == nil:
            .link(SiteURL.audit.path + "?verify=1", request.t(.auditVerify), class: "button")
        case nil:
            .p(.class("ok"), .text(Catalog.shared.format(.auditIntact, request.language, String(verification?.checked ?? 0))))
        case .some(let broken):
            .p(.class("error"), .attr("role", "alert"),
               .text(broken.describe(in: request.language)))
        }
        return .section(.class("card"),
            .h1(.text(request.t(.auditTitle))),
            status,
            .div(.class("table-wrap"), .table(
                .thead(.tr(.th("#"), .th(.text(request.t(.auditTime))), .th(.text(request.t(.auditActor))),
                           .th(.text(request.t(.auditAddress))), .th(.text(request.t(.auditAction))),
                           .th(.text(request.t(.auditObject))), .th(.text(request.t(.auditDetails))))),
                .tbody(.group(entries.map { entry in
                    .tr(.td(.text(String(entry.sequence))), .td(.text(Format.time(entry.at))), .td(.text(entry.actorName)),
                        .td(.text(entry.address ?? "—")), .td(.text(AuditAction.label(of: entry.action, in: request.language))),
                        .td(.text(entry.objectType + (entry.objectId.map { " " + $0.prefix(8) } ?? ""))),
                        .td(.class("details"), .text([entry.before, entry.after].compactMap { $0 }.joined(separator: " → "))))
                })))),
            .div(.class("pager"),
                 .if(page > 1, .link(SiteURL.audit.path + "?page=\(page - 1)", "‹")),
                 .span(.text(" \(page) ")),
                 .if(hasMore, .link(SiteURL.audit.path + "?page=\(page + 1)", "›"))))
    }
}
