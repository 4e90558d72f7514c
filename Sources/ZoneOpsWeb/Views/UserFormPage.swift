import Plot
import Vapor
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

    func body(_ request: Request) -> Node<HTML.BodyContext> {
        let action = user.map { SiteURL.user($0.id?.uuidString ?? "").path } ?? SiteURL.users.path
        let roles = Role.allCases.map { (value: $0.rawValue, label: request.t($0.label)) }
        let orgs = [(value: "", label: request.t(.none))]
            + organizations.map { (value: $0.id?.uuidString ?? "", label: "\($0.name)（\(request.t($0.organizationKind.label))）") }
        return .section(.class("card"),
            .h1(.text(request.t(user == nil ? .newUser : .editUser))),
            .unwrap(error) { .p(.class("error"), .attr("role", "alert"), .text($0)) },
            Field.form(action, csrf: request.csrfToken,
                user == nil
                    ? Field.text("username", label: request.t(.username), value: username, required: true,
                                 hint: request.t(.invalidUsername))
                    : .p(.strong(.text(request.t(.username) + "：" + username))),
                Field.text("displayName", label: request.t(.displayName), value: displayName, required: true),
                Field.select("role", label: request.t(.role), options: roles, selected: role),
                Field.select("organizationId", label: request.t(.organization), options: orgs, selected: organizationId),
                Field.text("password", label: request.t(user == nil ? .password : .newPassword), type: "password",
                           required: user == nil, hint: request.t(.passwordHint), autocomplete: "new-password"),
                .if(user != nil, .div(.class("field checkbox"), .element(named: "label", nodes: [
                    .selfClosedElement(named: "input", attributes: [
                        Attribute(name: "type", value: "checkbox"), Attribute(name: "name", value: "isActive"),
                        Attribute(name: "checked", value: isActive ? "checked" : nil),
                    ]),
                    .text(" " + request.t(.active)),
                ]))),
                .div(.class("actions"), Field.submit(request.t(user == nil ? .create : .save)),
                     .link(SiteURL.users.path, request.t(.cancel), class: "button"))))
    }
}
