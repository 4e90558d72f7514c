import Plot
import Vapor
import ZoneOpsDomain
import ZoneOpsStore

/// The workbench: who you are, the counts, the latest activity, the areas you may open.
struct DashboardPage {
    /// One figure on the workbench; `alert` marks one that needs action.
    struct Count {
        var key: TextKey
        var value: Int
        var link: String? = nil
        var alert: Bool = false
    }

    var displayName: String
    var role: Role
    var counts: [Count]
    var recent: [AuditEntryModel]
    var database: String

    func body(_ request: Request) -> Node<HTML.BodyContext> {
        .group(
            .section(.class("card"),
                     .h1(.text(Catalog.shared.format(.dashboardWelcome, request.language, displayName))),
                     .p(.class("muted"), .text(request.t(role.label) + " · " + request.t(.databaseKind) + " " + database))),
            .section(.class("stats"), .group(counts.map { count in
                let nodes: [Node<HTML.BodyContext>] = [
                    .attr("class", count.alert ? "stat alert" : "stat"),
                    .span(.class("value"), .text(String(count.value))), .span(.class("label"), .text(request.t(count.key))),
                ]
                return count.link.map { .element(named: "a", nodes: [.attr("href", $0)] + nodes) } ?? .element(named: "div", nodes: nodes)
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
