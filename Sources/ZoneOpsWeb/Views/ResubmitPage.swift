import Foundation
import Plot
import Vapor
import ZoneOpsDomain

/// A form whose session or token expired comes back here instead of being lost: what was typed
/// rides along in hidden fields (never a password), and one button sends it again, after a
/// login when the session itself is gone. Files cannot ride along; they are chosen again.
struct ResubmitPage {
    /// Hidden fields carried through the login form are prefixed, so a field called `username`
    /// on the original form does not collide with the login's own.
    static let keptPrefix = "keep."
    static let targetField = "_resubmit"

    var action: String
    var values: [(name: String, value: String)]
    var needsLogin: Bool
    var username = ""
    var error: String?

    /// The fields of a refused browser form worth keeping; nil when it was not a plain form.
    static func keptValues(of request: Request) -> [(name: String, value: String)]? {
        guard request.headers.contentType == .urlEncodedForm,
              let fields = try? request.content.decode([String: String].self) else { return nil }
        return fields.filter { name, _ in
            !name.hasPrefix("_") && !name.lowercased().contains("password") && name != "credential"
        }.sorted { $0.key < $1.key }.map { (name: $0.key, value: $0.value) }
    }

    func body(_ view: ViewContext) -> Node<HTML.BodyContext> {
        .section(.class("card"),
            .h1(.text(view.t(needsLogin ? .resubmitLoginTitle : .resubmitTitle))),
            .unwrap(error) { .p(.class("error"), .attr("role", "alert"), .text($0)) },
            .p(.text(view.t(needsLogin ? .resubmitLoginBody : .resubmitBody))),
            needsLogin ? loginForm(view) : resubmitForm(view))
    }

    private func resubmitForm(_ view: ViewContext) -> Node<HTML.BodyContext> {
        .element(named: "form", nodes: [
            .attr("method", "post"), .attr("action", action), Field.csrf(view.csrf),
            .group(values.map { Field.hidden($0.name, $0.value) }),
            kept(view),
            Field.submit(view.t(.resubmitButton)),
        ])
    }

    private func loginForm(_ view: ViewContext) -> Node<HTML.BodyContext> {
        .element(named: "form", nodes: [
            .attr("method", "post"), .attr("action", SiteURL.login(next: nil).path), Field.csrf(view.csrf),
            Field.hidden(Self.targetField, action),
            .group(values.map { Field.hidden(Self.keptPrefix + $0.name, $0.value) }),
            kept(view),
            Field.text("username", label: view.t(.username), value: username, required: true, autocomplete: "username"),
            Field.text("password", label: view.t(.password), type: "password", required: true, autocomplete: "current-password"),
            Field.submit(view.t(.loginButton)),
        ])
    }

    /// What will be sent again, so the person sees nothing was lost.
    private func kept(_ view: ViewContext) -> Node<HTML.BodyContext> {
        .if(!values.isEmpty, .element(named: "details", nodes: [
            .element(named: "summary", text: view.format(.resubmitKept, String(values.count))),
            .ul(.class("kept"), .group(values.filter { !$0.value.isEmpty }.map {
                .li(.text(FieldLabels.label(for: $0.name, in: view.language) + "：" + $0.value))
            })),
        ]))
    }
}
