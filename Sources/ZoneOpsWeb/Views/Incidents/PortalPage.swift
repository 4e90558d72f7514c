import Foundation
import Plot
import ZoneOpsDomain
import ZoneOpsServices

/// The self-service portal (phone-first): report a fault or ask a question, follow one's
/// tickets live, and see a banner while a major incident is open.
struct PortalPage {
    var queue: IncidentQueuePage
    var majors: [IncidentQueries.Row]
    var contact: ServiceDeskContact

    func body(_ view: ViewContext) -> Node<HTML.BodyContext> {
        .group(
            .group(majors.map { major in
                .div(.class("banner major"), .attr("role", "alert"), .text(view.format(.incMajorBanner, major.title)))
            }),
            .section(.class("card portal"),
                .h1(.text(view.t(.portalTitle))),
                .div(.class("big-actions"),
                     .link(SiteURL.desk(.portalNew).path, view.t(.portalReport), class: "button primary big"),
                     .link(SiteURL.query(SiteURL.desk(.portalNew).path, ["kind": "question"]), view.t(.portalAsk), class: "button secondary big")),
                .if(!contact.hotline.isEmpty, .p(.class("muted"), .text(view.t(.serviceDeskCall) + "：" + contact.hotline
                                                                         + (contact.hours.isEmpty ? "" : " · " + contact.hours))))),
            .section(.class("card"), .attr("data-live-topic", "incidents"),
                     .attr("data-live-src", SiteURL.query(SiteURL.desk(.portal).path, ["fragment": "1"])),
                     .h2(.text(view.t(.portalMyTickets))),
                     .div(.class("live-list"), .attr("data-live-body", "list"), queue.rows.isEmpty ? .p(.class("muted"), .text(view.t(.portalNoTickets))) : queue.list(view))))
    }
}
