import Foundation
import Plot
import ZoneOpsDomain
import ZoneOpsServices

/// The desk's queues: tabs (mine, group, unassigned, breaching soon, major, all), search and
/// the list with countdowns. The list is also served alone (`fragment`) and re-read when the
/// live channel says incidents changed.
struct IncidentQueuePage {
    var filter: IncidentQueries.Filter
    var rows: [IncidentQueries.Row]
    var total: Int
    var now: Date
    /// Where tickets open: the desk's page, or the portal's for requesters.
    var portal: Bool = false
    var saved: [SavedFilters.Filter] = []
    /// O&M staff to assign selected tickets to (empty: no bulk actions).
    var assignees: [(username: String, name: String, open: Int)] = []

    func body(_ view: ViewContext) -> Node<HTML.BodyContext> {
        .group(
            .section(.class("card"),
                .div(.class("card-head"),
                     .h1(.text(view.t(.incTitle))),
                     .if(view.can(.reportIncident), .link(SiteURL.desk(.newIncident).path, "+ " + view.t(.incNew), class: "button primary"))),
                .nav(.class("tabs"), .group(IncidentQueries.Queue.allCases.filter(visible(view)).map { queue in
                    var target = filter
                    target.queue = queue
                    target.page = 1
                    return .element(named: "a", nodes: [
                        .attr("href", DeskURL.queue(target)), queue == filter.queue ? .attr("aria-current", "page") : .empty,
                        .text(view.t(IncidentLabels.queue(queue))),
                    ])
                })),
                .element(named: "form", nodes: [
                    .attr("method", "get"), .attr("action", SiteURL.desk(.queue).path), .attr("class", "search"),
                    filter.queue == .all ? .empty : Field.hidden("queue", filter.queue.rawValue),
                    .selfClosedElement(named: "input", attributes: [
                        Attribute(name: "type", value: "search"), Attribute(name: "name", value: "q"),
                        Attribute(name: "value", value: Safe.attribute(filter.q ?? "")),
                        Attribute(name: "placeholder", value: Safe.attribute(view.t(.incSearch))),
                        Attribute(name: "aria-label", value: Safe.attribute(view.t(.incSearch))),
                    ]),
                    Field.select("status", label: view.t(.incFieldStatus),
                                 options: [("", view.t(.incQueueAll)), ("open", view.t(.incStatusNew) + "…" + view.t(.incStatusPending))]
                                    + IncidentStatus.allCases.map { ($0.rawValue, view.t(IncidentLabels.status($0))) },
                                 selected: filter.status),
                    Field.submit(view.t(.incSearchButton), style: "secondary"),
                ]),
                tools(view)),
            .section(.class("card"), .attr("data-live-topic", "incidents"),
                     .attr("data-live-src", DeskURL.queue(filter, fragment: true, page: filter.page)),
                     .attr("id", "queue"), list(view)))
    }

    /// Export, saved filters and the bulk form the list's checkboxes belong to.
    private func tools(_ view: ViewContext) -> Node<HTML.BodyContext> {
        let current = String(DeskURL.queue(filter).split(separator: "?", maxSplits: 1).dropFirst().first ?? "")
        return .group(
            .p(.class("queue-tools"),
               .link(DeskURL.queue(filter, base: .export), view.t(.incExport), class: "button secondary"),
               .group(saved.map { saved in
                   .span(.class("saved"), .link(SiteURL.desk(.queue).path + (saved.query.isEmpty ? "" : "?" + saved.query), saved.name),
                         Field.form(SiteURL.desk(.savedFilterDelete(saved.name.addingPercentEncoding(withAllowedCharacters: SiteURL.queryValue) ?? "")).path,
                                    csrf: view.csrf, Field.submit("×", style: "link")))
               })),
            .element(named: "details", nodes: [
                .element(named: "summary", text: view.t(.incSaveFilter)),
                Field.form(SiteURL.desk(.savedFilters).path, csrf: view.csrf, Field.hidden("query", current),
                           Field.text("name", label: view.t(.incFilterName), required: true), Field.submit(view.t(.save), style: "secondary")),
            ]),
            .if(!assignees.isEmpty, .element(named: "form", nodes: [
                .attr("method", "post"), .attr("action", SiteURL.desk(.bulk).path), .attr("id", "bulk"), .attr("class", "bulk"),
                Field.csrf(view.csrf),
                Field.select("assignee", label: view.t(.incFieldAssignee),
                             options: [("", "—")] + assignees.map { ($0.username, "\($0.name)（\($0.open)）") }, selected: nil),
                .element(named: "button", nodes: [.attr("type", "submit"), .attr("name", "action"), .attr("value", "assign"),
                                                  .attr("class", "button secondary"), .text(view.t(.incBulkAssign))]),
                .element(named: "button", nodes: [.attr("type", "submit"), .attr("name", "action"), .attr("value", "close"),
                                                  .attr("class", "button secondary"), .text(view.t(.incBulkClose))]),
            ])))
    }

    private func visible(_ view: ViewContext) -> (IncidentQueries.Queue) -> Bool {
        { queue in
            switch queue {
            case .mine, .group, .unassigned, .breaching: view.can(.workIncidents)
            default: true
            }
        }
    }

    /// The list alone: the live refresh replaces it in place.
    func list(_ view: ViewContext) -> Node<HTML.BodyContext> {
        guard !rows.isEmpty else { return .p(.class("muted"), .text(view.t(.incNoneFound))) }
        let pages = max(1, (total + IncidentQueries.Filter.perPage - 1) / IncidentQueries.Filter.perPage)
        return .group(
            .div(.class("table-scroll"), .table(.class("list incidents"),
                .thead(.tr(.if(!assignees.isEmpty, .th(.text(view.t(.incSelect)))), .th(.text(view.t(.incNumber))), .th(.text(view.t(.incFieldTitle))), .th(.text(view.t(.incFieldPriority))),
                           .th(.text(view.t(.incFieldStatus))), .th(.text(view.t(.incFieldAssignee))),
                           .th(.text(view.t(.incResolveDue))), .th(.text(view.t(.incFieldRequester))))),
                .tbody(.group(rows.map { row(_: $0, view) })))),
            .p(.class("muted"), .text("\(total) · \(filter.page)/\(pages)"),
               .if(filter.page > 1, .link(DeskURL.queue(filter, page: filter.page - 1), " ‹ ")),
               .if(filter.page < pages, .link(DeskURL.queue(filter, page: filter.page + 1), " › "))))
    }

    private func row(_ row: IncidentQueries.Row, _ view: ViewContext) -> Node<HTML.TableContext> {
        let link = portal ? SiteURL.desk(.portalTicket(row.id.uuidString)).path : SiteURL.desk(.incident(row.id.uuidString)).path
        return .tr(.class(row.isMajor ? "major" : ""),
            .if(!assignees.isEmpty, .td(.selfClosedElement(named: "input", attributes: [
                Attribute(name: "type", value: "checkbox"), Attribute(name: "name", value: "ids[]"),
                Attribute(name: "value", value: row.id.uuidString), Attribute(name: "form", value: "bulk"),
                Attribute(name: "aria-label", value: Safe.attribute(row.number)),
            ]))),
            .td(.link(link, row.number)),
            .td(.text(row.title), .if(row.isMajor, .span(.class("badge state-down"), .text(" " + view.t(.incQueueMajor)))),
                .if(row.parentId != nil, .span(.class("muted"), .text(" ↳")))),
            .td(IncidentLabels.priorityBadge(row.priority)),
            .td(IncidentLabels.statusBadge(row.status, view)),
            .td(.text([row.groupName, row.assigneeName].compactMap { $0 }.joined(separator: " / ").nilIfBlank ?? "—")),
            .td(IncidentLabels.countdown(row.resolveDueAt, paused: row.clockPaused, breached: row.resolveBreached,
                                         done: !row.status.isOpen, now: now, view)),
            .td(.text(row.requesterName + (row.organizationName.map { " · " + $0 } ?? ""))))
    }
}
