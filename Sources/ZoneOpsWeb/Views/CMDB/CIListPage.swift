import Foundation
import Plot
import ZoneOpsServices
import ZoneOpsDomain
import ZoneOpsStore

/// The CMDB list: search, filters by type, state, status and place, and one page of results.
struct CIListPage {
    var filter: CIQueries.Filter
    var items: [CIModel]
    var total: Int
    var types: [CITypeModel]
    var locations: [(id: UUID, path: String)]
    var canEdit: Bool

    func body(_ view: ViewContext) -> Node<HTML.BodyContext> {
        let language = view.language
        let typeNames = Dictionary(uniqueKeysWithValues: types.map { ($0.key, $0.definition.name(in: language)) })
        let paths = Dictionary(uniqueKeysWithValues: locations.map { ($0.id, $0.path) })
        return .group(
            .section(.class("card"),
                .div(.class("title-row"), .h1(.text(view.t(.cmdbTitle))),
                     .div(.class("actions"),
                          .link(SiteURL.expiring(days: 30).path, view.t(.expiringTitle), class: "button"),
                          .link(SiteURL.filtered(.ciExport, filter), view.t(.exportLedger), class: "button"),
                          .link(SiteURL.filtered(.labels, filter), view.t(.printLabels), class: "button"),
                          .if(canEdit, .link(SiteURL.ciImport.path, view.t(.importTitle), class: "button")),
                          .link(SiteURL.spares.path, view.t(.sparesTitle), class: "button"),
                          .link(SiteURL.locations.path, view.t(.locationsTitle), class: "button"),
                          .link(SiteURL.ciTypes.path, view.t(.typesTitle), class: "button"),
                          .if(canEdit, .link(SiteURL.newCI.path, "＋ " + view.t(.newCI), class: "button primary")))),
                filters(view, typeNames: typeNames)),
            .section(.class("card"),
                .p(.class("muted"), .text(Catalog.shared.format(.resultCount, language, String(total)))),
                items.isEmpty ? .p(.text(view.t(.noResults))) : .div(.class("table-wrap"), .table(
                    .thead(.tr(.th(.text(view.t(.fieldName))), .th(.text(view.t(.fieldType))),
                               .th(.class("wide"), .text(view.t(.fieldAssetTag))), .th(.class("wide"), .text(view.t(.fieldIP))),
                               .th(.class("wide"), .text(view.t(.fieldLocation))), .th(.text(view.t(.fieldState))),
                               .th(.class("wide"), .text(view.t(.fieldStatus))))),
                    .tbody(.group(items.map { ci in
                        .tr(.td(.link(SiteURL.ci(ci.id?.uuidString ?? "").path, ci.name)),
                            .td(.text(typeNames[ci.typeKey] ?? ci.typeKey)),
                            .td(.class("wide"), .text(ci.assetTag ?? "—")), .td(.class("wide"), .text(ci.ip ?? "—")),
                            .td(.class("wide"), .text(ci.$location.id.flatMap { paths[$0] } ?? "—")),
                            .td(StateBadge.node(ci.operationalState, language)),
                            .td(.class("wide"), .text(CIField.status.kind.display(ci.status, in: language))))
                    })))),
                pager(view)))
    }

    private func filters(_ view: ViewContext, typeNames: [String: String]) -> Node<HTML.BodyContext> {
        let language = view.language
        let typeOptions = [(value: "", label: view.t(.allTypes))] + types.map { (value: $0.key, label: typeNames[$0.key] ?? $0.key) }
        let stateOptions = [(value: "", label: view.t(.allStates))] + OperationalState.allCases.map {
            (value: $0.rawValue, label: CIField.state.kind.display($0.rawValue, in: language))
        }
        let statusOptions = [(value: "", label: view.t(.allStatuses))] + LifecycleStatus.allCases.map {
            (value: $0.rawValue, label: CIField.status.kind.display($0.rawValue, in: language))
        }
        let locationOptions = [(value: "", label: view.t(.allLocations))] + locations.map { (value: $0.id.uuidString, label: $0.path) }
        let narrowed = [filter.type, filter.state, filter.status, filter.locationId?.uuidString].contains { !($0 ?? "").isEmpty }
        return .element(named: "form", nodes: [
            .attr("method", "get"), .attr("action", SiteURL.cis.path), .attr("class", "search"),
            .div(.class("search-row"),
                 Field.text("q", label: view.t(.searchButton), value: filter.q ?? "", type: "search",
                            hint: view.t(.searchPlaceholder)),
                 Field.submit(view.t(.searchButton))),
            .element(named: "details", nodes: [
                narrowed ? .attribute(named: "open", value: "open") : .empty,
                .element(named: "summary", text: view.t(.moreFilters)),
                .div(.class("grid"),
                     Field.select("type", label: view.t(.fieldType), options: typeOptions, selected: filter.type ?? ""),
                     Field.select("state", label: view.t(.fieldState), options: stateOptions, selected: filter.state ?? ""),
                     Field.select("status", label: view.t(.fieldStatus), options: statusOptions, selected: filter.status ?? ""),
                     Field.select("locationId", label: view.t(.fieldLocation), options: locationOptions,
                                  selected: filter.locationId?.uuidString ?? "")),
            ]),
        ])
    }

    private func pager(_ view: ViewContext) -> Node<HTML.BodyContext> {
        let pages = max(1, (total + CIQueries.Filter.pageSize - 1) / CIQueries.Filter.pageSize)
        guard pages > 1 else { return .empty }
        func link(_ page: Int) -> String { SiteURL.filtered(.cis, filter, page: page) }
        return .div(.class("pager"),
                    .if(filter.page > 1, .link(link(filter.page - 1), "‹ " + view.t(.previousPage))),
                    .span(.text("\(filter.page) / \(pages)")),
                    .if(filter.page < pages, .link(link(filter.page + 1), view.t(.nextPage) + " ›")))
    }
}

/// A coloured label for an operational state.
enum StateBadge {
    static func node(_ state: OperationalState, _ language: AppLanguage) -> Node<HTML.BodyContext> {
        .span(.class("badge state-\(state.rawValue)"), .text(CIField.state.kind.display(state.rawValue, in: language)))
    }
}
