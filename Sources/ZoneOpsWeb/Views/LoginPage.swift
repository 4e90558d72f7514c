import Plot
import Vapor

/// The login form.
struct LoginPage {
    var next: String?
    var username: String
    var error: String?

    func body(_ request: Request) -> Node<HTML.BodyContext> {
        .section(.class("card login"),
                 .h1(.text(request.t(.appName))),
                 .h2(.text(request.t(.loginTitle))),
                 .unwrap(error) { .p(.class("error"), .attr("role", "alert"), .text($0)) },
                 Field.form(SiteURL.login(next: nil).path, csrf: request.csrfToken,
                            Field.hidden("next", next ?? "/"),
                            Field.text("username", label: request.t(.username), value: username, required: true,
                                       autocomplete: "username"),
                            Field.text("password", label: request.t(.password), type: "password", required: true,
                                       autocomplete: "current-password"),
                            Field.submit(request.t(.loginButton))))
    }
}
