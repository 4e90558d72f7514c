import Foundation
import Plot
import ZoneOpsDomain
import ZoneOpsStore

/// The place tree and a form for a new place.
struct LocationsPage {
    var locations: [(model: LocationModel, path: String)]
    var canEdit: Bool
    var error: String?

    func body(_ view: ViewContext) -> Node<HTML.BodyContext> {
        let kinds = LocationKind.allCases.map { (value: $0.rawValue, label: view.t($0.label)) }
        let parents = [(value: "", label: view.t(.none))] + locations.map { (value: $0.model.id?.uuidString ?? "", label: $0.path) }
        return .group(
            .section(.class("card"),
                .h1(.text(view.t(.locationsTitle))),
                .div(.class("table-wrap"), .table(
                    .thead(.tr(.th(.text(view.t(.fieldLocation))), .th(.text(view.t(.locationKind))),
                               .th(.text(view.t(.locationCode))))),
                    .tbody(.group(locations.map { row in
                        .tr(.td(.link(SiteURL.cis.path + "?locationId=\(row.model.id?.uuidString ?? "")", row.path)),
                            .td(.text(view.t((LocationKind(rawValue: row.model.kind) ?? .site).label))),
                            .td(.text(row.model.code ?? "—")))
                    }))))),
            .if(canEdit, .section(.class("card"),
                .h2(.text(view.t(.newLocation))),
                .unwrap(error) { .p(.class("error"), .attr("role", "alert"), .text($0)) },
                Field.form(SiteURL.locations.path, csrf: view.csrf,
                           .div(.class("grid"),
                                Field.text("name", label: view.t(.name), required: true),
                                Field.select("kind", label: view.t(.locationKind), options: kinds, selected: "room"),
                                Field.select("parentId", label: view.t(.locationParent), options: parents, selected: ""),
                                Field.text("code", label: view.t(.locationCode))),
                           Field.submit(view.t(.create))))))
    }
}

extension LocationKind {
    var label: TextKey {
        switch self {
        case .site: .locSite
        case .building: .locBuilding
        case .room: .locRoom
        case .checkpoint: .locCheckpoint
        case .lane: .locLane
        case .rack: .locRack
        }
    }
}
