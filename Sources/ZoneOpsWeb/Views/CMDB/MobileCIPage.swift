import Foundation
import Plot
import ZoneOpsDomain
import ZoneOpsServices
import ZoneOpsStore

/// What a phone shows after scanning a CI's label: state, place, relations, history, end dates,
/// a fault report with this CI filled in, and where inspections will start.
struct MobileCIPage {
    var detail: CIDetailPage
    var today: CalendarDate?

    func body(_ view: ViewContext) -> Node<HTML.BodyContext> {
        let ci = detail.ci
        let language = view.language
        let ends: [(CIField, String)] = CIField.expiring.compactMap { field in ci.value(of: field).map { (field, $0) } }
        return .group(
            .section(.class("card mobile"),
                .h1(.text(ci.name)),
                .p(StateBadge.node(ci.operationalState, language),
                   .text(" " + detail.type.name(in: language) + " · " + CIField.status.kind.display(ci.status, in: language))),
                .p(.class("muted"), .text(detail.location ?? "—")),
                .div(.class("actions"),
                     .if(view.can(.reportIncident),
                         .link(SiteURL.query(SiteURL.desk(.portalNew).path, ["ci": ci.id?.uuidString]), view.t(.mobileReportFault),
                               class: "button primary")),
                     .span(.class("button disabled"), .text(view.t(.mobileInspect)))),
                .p(.class("muted"), .text(view.t(.mobileComing)))),
            .if(!ends.isEmpty, .section(.class("card"), .h2(.text(view.t(.expiryTitle))),
                .ul(.class("activity"), .group(ends.map { field, value in
                    let overdue = today.flatMap { day in CalendarDate(parsing: value).map { $0 < day } } ?? false
                    return .li(.text(view.t(field.label) + "：" + value), .if(overdue, .span(.class("badge state-down"), .text(" !"))))
                })))),
            .section(.class("card"), .h2(.text(view.t(.commonFields))),
                     CIFieldsTable.node(ci, type: detail.type, location: detail.location, view)),
            .section(.class("card"), .h2(.text(view.t(.relationsTitle))),
                .h3(.text(view.t(.relationsOutgoing))), relationList(detail.outgoing.map { ($0.type, $0.target) }, language),
                .h3(.text(view.t(.relationsIncoming))), relationList(detail.incoming.map { ($0.type, $0.source) }, language)),
            .section(.class("card"), .h2(.text(view.t(.historyTitle))), HistoryList.node(detail.history, language)))
    }

    private func relationList(_ rows: [(String, CIModel)], _ language: AppLanguage) -> Node<HTML.BodyContext> {
        .ul(.class("relations"), .group(rows.map { type, other in
            let label = RelationType(rawValue: type).map { Catalog.shared.text($0.label, language) } ?? type
            let link: Node<HTML.BodyContext> = .link(SiteURL.mobileCI(other.id?.uuidString ?? "").path, other.name)
            return .li(.span(.class("muted"), .text(label + " ")), link)
        }))
    }
}
