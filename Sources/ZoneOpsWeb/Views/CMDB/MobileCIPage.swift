import Plot
import Vapor
import ZoneOpsDomain
import ZoneOpsServices
import ZoneOpsStore

/// What a phone shows after scanning a CI's label: state, place, relations, history, end dates,
/// and the places where fault reports and inspections will start.
struct MobileCIPage {
    var detail: CIDetailPage
    var today: CalendarDate?

    func body(_ request: Request) -> Node<HTML.BodyContext> {
        let ci = detail.ci
        let language = request.language
        let ends: [(CIField, String)] = CIField.expiring.compactMap { field in ci.value(of: field).map { (field, $0) } }
        return .group(
            .section(.class("card mobile"),
                .h1(.text(ci.name)),
                .p(StateBadge.node(ci.operationalState, language),
                   .text(" " + detail.type.name(in: language) + " · " + CIField.status.kind.display(ci.status, in: language))),
                .p(.class("muted"), .text(detail.location ?? "—")),
                .div(.class("actions"),
                     .span(.class("button disabled"), .text(request.t(.mobileReportFault))),
                     .span(.class("button disabled"), .text(request.t(.mobileInspect)))),
                .p(.class("muted"), .text(request.t(.mobileComing)))),
            .if(!ends.isEmpty, .section(.class("card"), .h2(.text(request.t(.expiryTitle))),
                .ul(.class("activity"), .group(ends.map { field, value in
                    let overdue = today.flatMap { day in CalendarDate(parsing: value).map { $0 < day } } ?? false
                    return .li(.text(request.t(field.label) + "：" + value), .if(overdue, .span(.class("badge state-down"), .text(" !"))))
                })))),
            .section(.class("card"), .h2(.text(request.t(.commonFields))),
                     CIFieldsTable.node(ci, type: detail.type, location: detail.location, request)),
            .section(.class("card"), .h2(.text(request.t(.relationsTitle))),
                .h3(.text(request.t(.relationsOutgoing))), relationList(detail.outgoing.map { ($0.type, $0.target) }, language),
                .h3(.text(request.t(.relationsIncoming))), relationList(detail.incoming.map { ($0.type, $0.source) }, language)),
            .section(.class("card"), .h2(.text(request.t(.historyTitle))), HistoryList.node(detail.history, language)))
    }

    private func relationList(_ rows: [(String, CIModel)], _ language: AppLanguage) -> Node<HTML.BodyContext> {
        .ul(.class("relations"), .group(rows.map { type, other in
            let label = RelationType(rawValue: type).map { Catalog.shared.text($0.label, language) } ?? type
            let link: Node<HTML.BodyContext> = .link(SiteURL.mobileCI(other.id?.uuidString ?? "").path, other.name)
            return .li(.span(.class("muted"), .text(label + " ")), link)
        }))
    }
}
