import Foundation
import Plot
import ZoneOpsDomain
import ZoneOpsStore

/// The parties of the zone, and a form for a new one.
struct OrganizationsPage {
    var organizations: [OrganizationModel]
    var error: String?

    func body(_ view: ViewContext) -> Node<HTML.BodyContext> {
        let kinds = OrganizationKind.allCases.map { (value: $0.rawValue, label: view.t($0.label)) }
        return .group(
            .section(.class("card"),
                     .h1(.text(view.t(.navOrganizations))),
                     .div(.class("table-wrap"), .table(
                        .thead(.tr(.th(.text(view.t(.name))), .th(.text(view.t(.organizationKind))))),
                        .tbody(.group(organizations.map { org in
                            .tr(.td(.text(org.name)), .td(.text(view.t(org.organizationKind.label))))
                        }))))),
            .section(.class("card"),
                     .h2(.text(view.t(.newOrganization))),
                     .unwrap(error) { .p(.class("error"), .attr("role", "alert"), .text($0)) },
                     Field.form(SiteURL.organizations.path, csrf: view.csrf,
                                Field.text("name", label: view.t(.name), required: true),
                                Field.select("kind", label: view.t(.organizationKind), options: kinds, selected: "enterprise"),
                                Field.submit(view.t(.create)))))
    }
}
