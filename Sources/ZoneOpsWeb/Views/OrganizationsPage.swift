import Plot
import Vapor
import ZoneOpsDomain
import ZoneOpsStore

/// The parties of the zone, and a form for a new one.
struct OrganizationsPage {
    var organizations: [OrganizationModel]
    var error: String?

    func body(_ request: Request) -> Node<HTML.BodyContext> {
        let kinds = OrganizationKind.allCases.map { (value: $0.rawValue, label: request.t($0.label)) }
        return .group(
            .section(.class("card"),
                     .h1(.text(request.t(.navOrganizations))),
                     .div(.class("table-wrap"), .table(
                        .thead(.tr(.th(.text(request.t(.name))), .th(.text(request.t(.organizationKind))))),
                        .tbody(.group(organizations.map { org in
                            .tr(.td(.text(org.name)), .td(.text(request.t(org.organizationKind.label))))
                        }))))),
            .section(.class("card"),
                     .h2(.text(request.t(.newOrganization))),
                     .unwrap(error) { .p(.class("error"), .attr("role", "alert"), .text($0)) },
                     Field.form(SiteURL.organizations.path, csrf: request.csrfToken,
                                Field.text("name", label: request.t(.name), required: true),
                                Field.select("kind", label: request.t(.organizationKind), options: kinds, selected: "enterprise"),
                                Field.submit(request.t(.create)))))
    }
}
