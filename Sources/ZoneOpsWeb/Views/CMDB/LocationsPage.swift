import Plot
import Vapor
import ZoneOpsDomain
import ZoneOpsStore

/// The place tree and a form for a new place.
struct LocationsPage {
    var locations: [(model: LocationModel, path: String)]
    var canEdit: Bool
    var error: String?

    func body(_ request: Request) -> Node<HTML.BodyContext> {
        let kinds = LocationKind.allCases.map { (value: $0.rawValue, label: request.t($0.label)) }
        let parents = [(value: "", label: request.t(.none))] + locations.map { (value: $0.model.id?.uuidString ?? "", label: $0.path) }
        return .group(
            .section(.class("card"),
                .h1(.text(request.t(.locationsTitle))),
                .div(.class("table-wrap"), .table(
                    .thead(.tr(.th(.text(request.t(.fieldLocation))), .th(.text(request.t(.locationKind))),
                               .th(.text(request.t(.locationCode))))),
                    .tbody(.group(locations.map { row in
                        .tr(.td(.link(SiteURL.cis.path + "?locationId=\(row.model.id?.uuidString ?? "")", row.path)),
                            .td(.text(request.t((LocationKind(rawValue: row.model.kind) ?? .site).label))),
                            .td(.text(row.model.code ?? "—")))
                    }))))),
            .if(canEdit, .section(.class("card"),
                .h2(.text(request.t(.newLocation))),
                .unwrap(error) { .p(.class("error"), .attr("role", "alert"), .text($0)) },
                Field.form(SiteURL.locations.path, csrf: request.csrfToken,
                           .div(.class("grid"),
                                Field.text("name", label: request.t(.name), required: true),
                                Field.select("kind", label: request.t(.locationKind), options: kinds, selected: "room"),
                                Field.select("parentId", label: request.t(.locationParent), options: parents, selected: ""),
                                Field.text("code", label: request.t(.locationCode))),
                           Field.submit(request.t(.create))))))
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
