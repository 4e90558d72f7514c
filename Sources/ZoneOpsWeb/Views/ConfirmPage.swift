import Foundation
import Plot
import ZoneOpsDomain

/// Asks before something that cannot be undone (deleting a CI, removing a relation). The
/// first POST shows this page; its button posts again with `confirm=yes`. No script needed.
struct ConfirmPage {
    static let field = "confirm"
    static let yes = "yes"

    var title: String
    var message: String
    var action: String
    var confirmLabel: String
    var cancel: String

    func body(_ view: ViewContext) -> Node<HTML.BodyContext> {
        .section(.class("card confirm"),
            .h1(.text(title)),
            .p(.text(message)),
            Field.form(action, csrf: view.csrf,
                       Field.hidden(Self.field, Self.yes),
                       .div(.class("actions"), Field.submit(confirmLabel, style: "danger"),
                            .link(cancel, view.t(.cancel), class: "button"))))
    }
}
