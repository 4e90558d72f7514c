import Foundation
import Plot
import ZoneOpsDomain
import ZoneOpsServices

/// The change list: search and filters, the way to the calendar and blackouts, and the list
/// itself (also served alone and re-read when the live channel says changes moved).
struct ChangeListPage {
    var filter: ChangeQueries.Filter
    var rows: [ChangeQueries.Row]
    var total: Int
    var templates: [(id: String, name: String)] = []

    func body(_ view: ViewContext) -> Node<HTML.BodyContext> {
        .group(
            .section(.class("card"),
                .div(.class("card-head"),
                     .h1(.text(view.t(.navChanges))),
                     .if(view.can(.raiseChange), .link(SiteURL.change(.new).path, "+ " + view.t(.chgNew), class: "button primary"))),
                .p(.class("queue-tools"),
                   .link(SiteURL.change(.calendar(view: nil, date: nil)).path, view.t(.chgCalendar), class: "button secondary"),
                   .link(SiteURL.change(.blackouts).path, view.t(.chgBlackouts), class: "button secondary"),
                   .link(ChangeURL.list(filter, base: .export), view.t(.incExport), class: "button secondary")),
                .element(named: "form", nodes: [
                    .attr("method", "get"), .attr("action", SiteURL.change(.list).path), .attr("class", "search"),
                    .selfClosedElement(named: "input", attributes: [
                        Attribute(name: "type", value: "search"), Attribute(name: "name", value: "q"),
                        Attribute(name: "value", value: Safe.attribute(filter.q ?? "")),
                        Attribute(name: "placeholder", value: Safe.attribute(view.t(.chgSearch))),
                        Attribute(name: "aria-label", value: Safe.attribute(view.t(.chgSearch))),
                    ]),
                    Field.select("status", label: view.t(.incFieldStatus),
                                 options: [("", view.t(.incQueueAll))] + ChangeStatus.allCases.map { ($0.rawValue, view.t($0.label)) },
                                 selected: filter.status?.rawValue),
                    Field.select("type", label: view.t(.chgFieldType),
                                 options: [("", view.t(.incQueueAll))] + ChangeType.allCases.map { ($0.rawValue, view.t($0.label)) },
                                 selected: filter.type?.rawValue),
                    Field.submit(view.t(.incSearchButton), style: "secondary"),
                ])),
            .if(!templates.isEmpty, .section(.class("card"),
                .h2(.text(view.t(.chgTemplates))),
                .ul(.group(templates.map { template in
                    .li(.text(template.name + " "),
                        .if(view.can(.raiseChange), .link(SiteURL.query(SiteURL.change(.new).path, ["template": template.id]), view.t(.chgFromTemplate))))
                })))),
            .section(.class("card"), .attr("data-live-topic", "changes"),
                     .attr("data-live-src", ChangeURL.list(filter, page: filter.page) + "&fragment=1"),
                     .attr("id", "changes"), list(view)))
    }

    /// The list alone: the live refresh replaces it in place.
    func list(_ view: ViewContext) -> Node<HTML.BodyContext> {
        guard !rows.isEmpty else { return .p(.class("muted"), .text(view.t(.chgNone))) }
        let pages = max(1, (total + ChangeQueries.Filter.perPage - 1) / ChangeQueries.Filter.perPage)
        return .group(
            .div(.class("table-scroll"), .table(.class("list changes"),
                .thead(.tr(.th(.text(view.t(.incNumber))), .th(.text(view.t(.incFieldTitle))), .th(.text(view.t(.chgFieldType))),
                           .th(.text(view.t(.incFieldStatus))), .th(.text(view.t(.chgWindow))), .th(.text(view.t(.chgRaisedBy))))),
                .tbody(.group(rows.map { row in
                    .tr(.td(.link(SiteURL.change(.change(row.id.uuidString)).path, row.number)),
                        .td(.text(row.title)),
                        .td(ChangeLabels.typeBadge(row.type, view)),
                        .td(ChangeLabels.statusBadge(row.status, view)),
                        .td(.text(ChangeLabels.window(row.plannedStart, row.plannedEnd))),
                        .td(.text(row.raisedByName)))
                })))),
            .p(.class("muted"), .text("\(total) · \(filter.page)/\(pages)"),
               .if(filter.page > 1, .link(ChangeURL.list(filter, page: filter.page - 1), " ‹ ")),
               .if(filter.page < pages, .link(ChangeURL.list(filter, page: filter.page + 1), " › "))))
    }
}
