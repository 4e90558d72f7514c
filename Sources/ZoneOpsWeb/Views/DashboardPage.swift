import Plot
import Vapor
import ZoneOpsDomain
import ZoneOpsStore

/// The workbench: who you are, the counts, the latest activity, the areas you may open.
struct DashboardPage {
    var displayName: String
    var role: Role
    var counts: [(TextKey, Int)]
    var recent: [AuditEntryModel]
    var database: String

    func body(_ request: Request) -> Node<HTML.BodyContext> {
        .group(
            .section(.class("card"),
                     .h1(.text(Catalog.shared.format(.dashboardWelcome, request.language, displayName))),
                     .p(.class("muted"), .text(request.t(role.label) + " · " + request.t(.databaseKind) + " " + database))),
            .section(.class("stats"), .group(counts.map { key, value in
                .div(.class("stat"), .span(.class("value"), .text(String(value))), .span(.class("label"), .text(request.t(key))))
            })),
            .if(!recent.isEmpty, .section(.class("card"),
                .h2(.text(request.t(.recentActivity))),
                .ul(.class("activity"), .group(recent.map { activity($0, request.language) })))),
            .section(.class("tiles"), .group(Area.allCases.filter { request.can($0.requiredAction) }.map { tile($0, request) })))
    }

    private func activity(_ entry: AuditEntryModel, _ language: AppLanguage) -> Node<HTML.ListContext> {
        let time: Node<HTML.BodyContext> = .span(.class("time"), .text(Format.time(entry.at)))
        let what: Node<HTML.BodyContext> = .text(" \(entry.actorName) · \(AuditAction.label(of: entry.action, in: language))")
        return .li(time, what)
    }

    private func tile(_ area: Area, _ request: Request) -> Node<HTML.BodyContext> {
        let nodes: [Node<HTML.BodyContext>] = [
            .attr("class", "tile"), .attr("href", SiteURL.area(area).path),
            .element(named: "strong", text: request.t(area.label)),
            .span(.text(request.t(area.summary))),
        ]
        return .element(named: "a", nodes: nodes)
    }
}
