import Foundation
import Plot
import ZoneOpsDomain
import ZoneOpsServices

/// The workbench of one role: its figures, the service desk for those who call it, recent
/// activity for those who read the audit log, system state for admins, and what is coming.
struct DashboardPage {
    var displayName: String
    var role: Role
    var summary: WorkbenchSummary
    var now: Date

    func body(_ view: ViewContext) -> Node<HTML.BodyContext> {
        .group(
            .section(.class("card"),
                     .h1(.text(view.format(.dashboardWelcome, displayName))),
                     .p(.class("muted"), .text(view.t(role.label)))),
            .group(summary.majors.map { major in
                .div(.class("banner major"), .attr("role", "alert"), .text(view.format(.incMajorBanner, major.number + " " + major.title)))
            }),
            .unwrap(summary.serviceDesk) { serviceDesk($0, view) },
            .if(!summary.figures.isEmpty, figures(summary.figures, view)),
            .unwrap(summary.ticketsTitle) { title in
                .section(.class("card"), .attr("data-live-topic", "incidents"), .attr("data-live-src", SiteURL.home.path + "?fragment=tickets"),
                         .h2(.text(view.t(title))), .div(.attr("data-live-body", "list"), tickets(view)))
            },
            .if(!summary.system.isEmpty, .section(.class("card"),
                .h2(.text(view.t(.systemTitle))),
                .p(.class("muted"), .text(view.t(.databaseKind) + " " + (summary.databaseKind ?? "—") + " · "
                                          + view.t(.lastAuditCheck) + "：" + auditCheck(view))),
                figures(summary.system, view))),
            .if(!summary.recent.isEmpty, .section(.class("card"),
                .h2(.text(view.t(.recentActivity))),
                .ul(.class("activity"), .group(summary.recent.map { activity($0, view) })))),
            .if(!summary.coming.isEmpty, .section(.class("card coming"),
                .h2(.text(view.t(.comingTitle))),
                .ul(.group(summary.coming.map { .li(.text(view.t($0))) })))),
            .section(.class("tiles"), .group(Area.allCases.filter { view.can($0.requiredAction) }.map { tile($0, view) })))
    }

    /// The tickets with their countdowns (also the live fragment).
    func tickets(_ view: ViewContext) -> Node<HTML.BodyContext> {
        guard !summary.tickets.isEmpty else { return .p(.class("muted"), .text(view.t(.incNoneFound))) }
        let portal = !view.can(.workIncidents)
        return IncidentQueuePage(filter: .init(), rows: summary.tickets, total: summary.tickets.count, now: now, portal: portal).list(view)
    }

    private func figures(_ figures: [WorkbenchSummary.Figure], _ view: ViewContext) -> Node<HTML.BodyContext> {
        .section(.class("stats"), .group(figures.map { figure in
            let nodes: [Node<HTML.BodyContext>] = [
                .attr("class", figure.alert ? "stat alert" : "stat"),
                .span(.class("value"), .text(String(figure.value))), .span(.class("label"), .text(view.t(figure.key))),
            ]
            return figure.link.map { .element(named: "a", nodes: [.attr("href", Self.path(of: $0))] + nodes) }
                ?? .element(named: "div", nodes: nodes)
        }))
    }

    private func serviceDesk(_ contact: ServiceDeskContact, _ view: ViewContext) -> Node<HTML.BodyContext> {
        .section(.class("card service-desk"),
                 .h2(.text(view.t(.serviceDeskTitle))),
                 contact.isEmpty ? .p(.class("muted"), .text(view.t(.serviceDeskUnset))) : .group(
                    .p(.text(view.t(.serviceDeskIntro))),
                    .if(!contact.hotline.isEmpty, .p(.class("hotline"), .text(view.t(.serviceDeskCall) + "："),
                        .element(named: "a", nodes: [.attr("href", "tel:" + contact.hotline.filter { $0.isNumber || $0 == "+" }),
                                                     .text(contact.hotline)]))),
                    .if(!contact.hours.isEmpty, .p(.text(view.t(.serviceDeskHours) + "：" + contact.hours))),
                    .if(!contact.email.isEmpty, .p(.text(view.t(.serviceDeskMail) + "："),
                        .element(named: "a", nodes: [.attr("href", "mailto:" + contact.email), .text(contact.email)]))),
                    .if(!contact.note.isEmpty, .p(.class("muted"), .text(contact.note)))))
    }

    private func auditCheck(_ view: ViewContext) -> String {
        guard let job = summary.lastAuditCheck else { return view.t(.auditCheckNone) }
        return Format.time(job.finishedAt) + " " + view.t(job.status == .succeeded ? .auditCheckOK : .auditCheckFailed)
    }

    private func activity(_ entry: WorkbenchSummary.Activity, _ view: ViewContext) -> Node<HTML.ListContext> {
        let time: Node<HTML.BodyContext> = .span(.class("time"), .text(Format.time(entry.at)))
        let what: Node<HTML.BodyContext> = .text(" \(entry.actorName) · \(AuditAction.label(of: entry.action, in: view.language))")
        return .li(time, what)
    }

    private func tile(_ area: Area, _ view: ViewContext) -> Node<HTML.BodyContext> {
        let nodes: [Node<HTML.BodyContext>] = [
            .attr("class", "tile"), .attr("href", SiteURL.area(area).path),
            .element(named: "strong", text: view.t(area.label)),
            .span(.text(view.t(area.summary))),
        ]
        return .element(named: "a", nodes: nodes)
    }

    static func path(of link: WorkbenchSummary.Link) -> String {
        switch link {
        case .expiring(let days): SiteURL.expiring(days: days).path
        case .spares: SiteURL.spares.path
        case .cis: SiteURL.cis.path
        case .cisOfType(let type): SiteURL.cisFiltered(type: type).path
        case .jobs: SiteURL.jobs.path
        case .queue(let name): SiteURL.query(SiteURL.desk(.queue).path, ["queue": name])
        case .hotline: SiteURL.desk(.hotline).path
        case .portal: SiteURL.desk(.portal).path
        }
    }
}
