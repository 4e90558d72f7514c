import Foundation
import Plot
import ZoneOpsDomain
import ZoneOpsStore

/// Create or edit one account.
struct UserFormPage {
    var user: UserModel?
    var organizations: [OrganizationModel]
    var error: String?
    var username: String
    var displayName: String
    var role: String
    var organizationId: String
    var isActive: Bool
    var mobile: String = ""
    var problems = FormProblems()

    /// "Name · kind", or the kind alone where the name already says it ("运维服务商（乙方）").
    static func organizationLabel(_ organization: OrganizationModel, _ kind: String) -> String {
        kind.hasPrefix(organization.name) ? kind : organization.name + " · " + kind
    }

    func body(_ view: ViewContext) -> Node<HTML.BodyContext> {
        let action = user.map { SiteURL.user($0.id?.uuidString ?? "").path } ?? SiteURL.users.path
        let roles = Role.allCases.map { (value: $0.rawValue, label: view.t($0.label)) }
        let orgs = [(value: "", label: view.t(.none))]
            + organizations.map { (value: $0.id?.uuidString ?? "", label: Self.organizationLabel($0, view.t($0.organizationKind.label))) }
        return .section(.class("card"),
            .h1(.text(view.t(user == nil ? .newUser : .editUser))),
            problems.summary(view),
            Field.form(action, csrf: view.csrf,
                user == nil
                    ? Field.text("username", label: view.t(.username), value: username, required: true,
                                 hint: view.t(.invalidUsername), error: problems["username"])
                    : .p(.strong(.text(view.t(.username) + "：" + username))),
                Field.text("displayName", label: view.t(.displayName), value: displayName, required: true,
                           error: problems["displayName"]),
                Field.select("role", label: view.t(.role), options: roles, selected: role, error: problems["role"]),
                Field.select("organizationId", label: view.t(.organization), options: orgs, selected: organizationId,
                             error: problems["organizationId"]),
                Field.text("mobile", label: view.t(.mobile), value: mobile, type: "tel", hint: view.t(.mobileHint),
                           error: problems["mobile"]),
                Field.text("password", label: view.t(user == nil ? .password : .newPassword), type: "password",
                           required: user == nil, hint: view.t(.passwordHint), autocomplete: "new-password",
                           error: problems["password"]),
                .if(user != nil, .div(.class("field checkbox"), .element(named: "label", nodes: [
                    .selfClosedElement(named: "input", attributes: [
                        Attribute(name: "type", value: "checkbox"), Attribute(name: "name", value: "isActive"),
                        Attribute(name: "checked", value: isActive ? "checked" : nil),
                    ]),
                    .text(" " + view.t(.active)),
                ]))),
                .div(.class("actions"), Field.submit(view.t(user == nil ? .create : .save)),
                     .link(SiteURL.users.path, view.t(.cancel), class: "button"))))
    }
}
