import Plot
import Vapor
import ZoneOpsDomain
import ZoneOpsStore

/// The list of accounts.
struct UsersPage {
    var users: [UserModel]

    func body(_ request: Request) -> Node<HTML.BodyContext> {
        .section(.class("card"),
                 .div(.class("title-row"), .h1(.text(request.t(.navUsers))),
                      .link(SiteURL.newUser.path, "＋ " + request.t(.newUser), class: "button primary")),
                 .div(.class("table-wrap"), .table(
                    .thead(.tr(.th(.text(request.t(.username))), .th(.text(request.t(.displayName))),
                               .th(.text(request.t(.role))), .th(.text(request.t(.organization))),
                               .th(.text(request.t(.status))), .th(.text(request.t(.lastLogin))))),
                    .tbody(.group(users.map { user in
                        .tr(.td(.link(SiteURL.user(user.id?.uuidString ?? "").path, user.username)),
                            .td(.text(user.displayName)),
                            .td(.text(request.t(user.userRole.label))),
                            .td(.text(user.organization?.name ?? "—")),
                            .td(.text(request.t(user.isActive ? .active : .disabled))),
                            .td(.text(Format.time(user.lastLoginAt))))
                    })))))
    }
}
