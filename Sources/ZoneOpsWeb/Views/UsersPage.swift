import Foundation
import Plot
import ZoneOpsDomain
import ZoneOpsStore

/// The list of accounts.
struct UsersPage {
    var users: [UserModel]

    func body(_ view: ViewContext) -> Node<HTML.BodyContext> {
        .section(.class("card"),
                 .div(.class("title-row"), .h1(.text(view.t(.navUsers))),
                      .link(SiteURL.newUser.path, "＋ " + view.t(.newUser), class: "button primary")),
                 .div(.class("table-wrap"), .table(
                    .thead(.tr(.th(.text(view.t(.username))), .th(.text(view.t(.displayName))),
                               .th(.text(view.t(.role))), .th(.text(view.t(.organization))),
                               .th(.text(view.t(.status))), .th(.text(view.t(.lastLogin))))),
                    .tbody(.group(users.map { user in
                        .tr(.td(.link(SiteURL.user(user.id?.uuidString ?? "").path, user.username)),
                            .td(.text(user.displayName)),
                            .td(.text(view.t(user.userRole.label))),
                            .td(.text(user.organization?.name ?? "—")),
                            .td(.text(view.t(user.isActive ? .active : .disabled))),
                            .td(.text(Format.time(user.lastLoginAt))))
                    })))))
    }
}
