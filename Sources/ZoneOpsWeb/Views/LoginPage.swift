import Foundation
import Plot

/// The login form.
struct LoginPage {
    var next: String?
    var username: String
    var error: String?

    func body(_ view: ViewContext) -> Node<HTML.BodyContext> {
        .section(.class("card login"),
                 .h1(.text(view.t(.appName))),
                 .h2(.text(view.t(.loginTitle))),
                 .unwrap(error) { .p(.class("error"), .attr("role", "alert"), .text($0)) },
                 Field.form(SiteURL.login(next: nil).path, csrf: view.csrf,
                            Field.hidden("next", next ?? "/"),
                            Field.text("username", label: view.t(.username), value: username, required: true,
                                       autocomplete: "username"),
                            Field.text("password", label: view.t(.password), type: "password", required: true,
                                       autocomplete: "current-password"),
                            Field.submit(view.t(.loginButton))))
    }
}
